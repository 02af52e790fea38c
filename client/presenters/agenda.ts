import type { PublicScenario, View } from '../../shared/engine/view.js';
import { optionLabel, roleColor } from './labels.js';

export interface AgendaOffer {
  offer: string;
  from: string;
  fromShort: string;
  color: string;
  option: string;
  status: string;
}

export interface AgendaRow {
  id: string;
  title: string;
  required: boolean;
  signatories: string[];
  settled: { option: string; round: number; seq: number } | null;
  offers: AgendaOffer[];
  /** One sentence for screen readers. */
  summary: string;
}

/** The agenda board: each issue with the open offers on it and its settled clause. */
export function agendaRows(s: PublicScenario, v: View | null): AgendaRow[] {
  const short = (id: string) => s.roles.find((r) => r.id === id)?.short ?? id;
  return s.issues.map((issue) => {
    const c = v?.clauses[issue.id];
    const settled = c ? { option: optionLabel(s, issue.id, c.option), round: c.round, seq: c.seq } : null;
    const offers: AgendaOffer[] = (v?.offers ?? [])
      .filter((o) => o.status === 'open' && issue.id in o.terms)
      .map((o) => ({
        offer: o.id,
        from: o.from,
        fromShort: short(o.from),
        color: roleColor(s, o.from),
        option: optionLabel(s, issue.id, o.terms[issue.id]),
        status: o.status,
      }));
    const summary = settled
      ? `${issue.title}: settled on "${settled.option}" in round ${settled.round}.`
      : `${issue.title}: open${offers.length ? `, ${offers.length} offer${offers.length > 1 ? 's' : ''} on the table` : ''}.`;
    return {
      id: issue.id,
      title: issue.title,
      required: issue.required,
      signatories: issue.signatories.map(short),
      settled,
      offers,
      summary,
    };
  });
}
