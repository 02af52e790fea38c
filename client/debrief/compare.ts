import type { ClassDebrief } from '../../shared/analysis/debrief.js';
import { h } from '../console/dom.js';

const OUTCOME = { deal: 'Deal', no_deal: 'No deal', ended: 'Ended, no deal', unfinished: 'In progress' } as const;

const num = (n: number | null) => (n === null ? '—' : String(Math.round(n * 10) / 10));
/** A gain with its sign: +2.5, ±0, -1.2. */
export const signed = (n: number) => (n > 0 ? `+${num(n)}` : n === 0 ? '±0' : num(n));

/** Every table in one row: outcome, durability, joint score, value left, and each delegation's score (gain over no deal). */
export function compareTable(d: ClassDebrief): HTMLElement {
  return h(
    'table',
    { class: 'compare', 'aria-label': 'Tables side by side' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['Table', 'Outcome', 'Durability', 'Joint score', 'Value left'].map((x) => h('th', {}, x)),
        ...d.roles.map((r) =>
          h('th', { style: `border-bottom: 6px solid ${r.color}` }, r.name, h('small', {}, ' score (gain)')),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      ...d.tables.map((t, i) =>
        h(
          'tr',
          {
            class: [t.code === d.best ? 'best' : '', t.code === d.worst ? 'worst' : ''].join(' ').trim(),
            'data-table': t.code,
          },
          h('th', {}, `${i + 1} · ${t.code}`),
          h('td', {}, `${OUTCOME[t.outcome]}${t.code === d.best ? ' (best)' : t.code === d.worst ? ' (weakest)' : ''}`),
          h('td', {}, t.durability === null ? '—' : `${t.durability}%`),
          h('td', {}, num(t.jointScore)),
          h('td', {}, t.pareto?.onFrontier ? 'on the frontier' : num(t.pareto?.valueLeft ?? null)),
          ...d.roles.map((r) => {
            const x = t.roles.find((y) => y.role === r.id);
            const g = x?.gain ?? 0;
            return h(
              'td',
              {},
              num(x?.score ?? null),
              ' ',
              h(
                'span',
                { class: `gain ${g > 0 ? 'pos' : g < 0 ? 'neg' : ''}`, title: 'gain over no deal' },
                `(${signed(g)})`,
              ),
            );
          }),
        ),
      ),
    ),
  );
}
