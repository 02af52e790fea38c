import type { View } from '../../shared/engine/view.js';

export interface AwayRecap {
  /** One line per move made in this seat's name while its player was away, oldest first. */
  lines: string[];
  /** Heading for the recap. */
  title: string;
}

/**
 * What was done in this seat's name while its player's link was down (from `since`, server time, ms):
 * a stand-in bot's moves, or a teammate's. Null when the view has no seat or nothing was done.
 */
export function awayRecap(v: View | null, since: number): AwayRecap | null {
  if (!v?.me) return null;
  const mine = v.timeline.filter((t) => t.seat === v.seat && t.at >= since);
  if (!mine.length) return null;
  return {
    title: `While you were away, your delegation made ${mine.length === 1 ? 'one move' : `${mine.length} moves`} (a stand-in bot or a teammate played for you):`,
    lines: mine.map((t) => `Round ${t.round}, ${t.phase}: ${t.text}`),
  };
}
