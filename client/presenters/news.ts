import type { PublicScenario, View } from '../../shared/engine/view.js';
import { meterLabel, signed } from './labels.js';

export interface NewsModel {
  /** Changes when a new card is drawn, so the card animates in once. */
  key: string;
  round: number;
  title: string;
  text: string;
  effects: string[];
  injected: boolean;
}

/** The news card of the round. */
export function newsCard(s: PublicScenario, v: View | null): NewsModel | null {
  if (!v?.event) return null;
  const ev = s.events.find((e) => e.id === v.event);
  if (!ev) return null;
  const drawn = v.eventsDrawn.at(-1);
  return {
    key: `${v.eventsDrawn.length}:${ev.id}`,
    round: drawn?.round ?? v.round,
    title: ev.title,
    text: ev.text,
    effects: Object.entries(ev.effects).map(([m, d]) => `${meterLabel(s, m)} ${signed(d)}`),
    injected: !!drawn?.injected,
  };
}
