import type { PublicScenario, View } from '../../shared/engine/view.js';
import type { PublicTable } from '../net/connection.js';
import { agendaRows, type AgendaRow } from './agenda.js';
import { mapModel, type MapModel } from './map.js';
import { gauges, type GaugeModel } from './meters.js';
import { newsCard, type NewsModel } from './news.js';
import { seatModels, type SeatModel } from './seats.js';

export interface TableModel {
  title: string;
  seats: SeatModel[];
  agenda: AgendaRow[];
  gauges: GaugeModel[];
  map: MapModel | null;
  news: NewsModel | null;
  signatures: number;
  roles: number;
}

/** Everything the table scene draws, from the view and the public scenario. */
export function tableModel(
  s: PublicScenario,
  v: View | null,
  table: PublicTable | null,
  previous: View | null,
): TableModel {
  return {
    title: s.title,
    seats: seatModels(s, v, table),
    agenda: agendaRows(s, v),
    gauges: gauges(s, v, previous),
    map: mapModel(s, v),
    news: newsCard(s, v),
    signatures: v?.signatures.length ?? 0,
    roles: s.roles.length,
  };
}

/** A few sentences for screen readers, since the canvas itself says nothing. */
export function tableSummary(m: TableModel): string[] {
  const settled = m.agenda.filter((r) => r.settled).length;
  return [
    `Delegations: ${m.seats.map((s) => `${s.name}, ${s.status}`).join('; ')}.`,
    `Agenda: ${settled} of ${m.agenda.length} issues settled. ${m.agenda.map((r) => r.summary).join(' ')}`,
    `World: ${m.gauges.map((g) => `${g.label} ${Math.round(g.value)}`).join(', ')}.`,
    m.news ? `News: ${m.news.title}. ${m.news.text}` : 'No news yet.',
    m.signatures ? `${m.signatures} of ${m.roles} delegations have signed the framework.` : '',
  ].filter(Boolean);
}
