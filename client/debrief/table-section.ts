import type { TableDebrief } from '../../shared/analysis/debrief.js';
import { h } from '../console/dom.js';
import { tableScoresChart } from './charts.js';

const OUTCOME = { deal: 'Framework signed', no_deal: 'No deal: the rounds ran out', ended: 'No deal: the talks were ended', unfinished: 'Still in progress' } as const;

function fmt(n: number | null): string {
  return n === null ? '—' : String(Math.round(n * 100) / 100);
}

/** One table's debrief: a printed page of its own. */
export function tableSection(t: TableDebrief, number: number | null): HTMLElement {
  const canvas = h('canvas', { 'aria-label': `Scores at table ${t.code}`, role: 'img' });
  const p = t.pareto;
  const frontierText = !p
    ? null
    : t.outcome === 'deal'
      ? p.onFrontier
        ? 'The deal sits on the Pareto frontier: no other package was better for one delegation without being worse for another.'
        : `The deal is inside the frontier: a package every delegation liked at least as much was worth ${fmt(p.valueLeft)} more points in total (value left on the table).`
      : p.valueLeft === null
        ? 'No package was worth more than walking away to every delegation at once.'
        : `A package every delegation preferred to walking away existed, worth up to ${fmt(p.valueLeft)} points more in total.`;
  const section = h(
    'section',
    { class: 'table-debrief', 'data-table': t.code, 'aria-label': `Table ${number ?? t.code}` },
    h('h2', {}, `${number ? `Table ${number} · ` : ''}${t.code}: ${OUTCOME[t.outcome]}`),
    h('p', {}, `Round ${t.round} of ${t.rounds}.`, t.durability !== null ? ` Estimated durability ${t.durability}%.` : '', t.warResumed === true ? ' The war resumed.' : t.warResumed === false ? ' The peace held.' : ''),
    h(
      'table',
      { class: 'scores' },
      h('thead', {}, h('tr', {}, ...['Delegation', 'Players', 'Deal points', 'Walk-away', 'War cost', 'Score', 'Gain over no deal'].map((x) => h('th', {}, x)))),
      h('tbody', {}, ...t.roles.map((r) => h('tr', {}, h('td', { style: `border-left: 6px solid ${r.color}` }, r.name), h('td', {}, r.players.join(', ')), h('td', {}, fmt(r.dealPoints)), h('td', {}, fmt(r.walkAway)), h('td', {}, fmt(r.warCost)), h('td', {}, fmt(r.score)), h('td', { class: r.gain >= 0 ? 'pos' : 'neg' }, fmt(r.gain))))),
    ),
    h('div', { class: 'chart small' }, canvas),
    frontierText ? h('p', { class: 'frontier' }, frontierText) : null,
    h('h3', {}, 'Sequencing'),
    h('p', {}, t.sequencing.text),
    h('h3', {}, 'The agreement'),
    h('ul', { class: 'clauses' }, ...t.clauses.map((c) => h('li', {}, h('strong', {}, c.title), ': ', c.optionLabel ?? 'left open', c.how === 'settled' ? ` (round ${c.round}, ${ordinal(c.seq!)} to settle)` : c.how === 'fallback' ? ' (fallback)' : ''))),
    t.aftermath.length ? h('h3', {}, 'What happened next') : null,
    t.aftermath.length ? h('ol', { class: 'aftermath' }, ...t.aftermath.map((a) => h('li', {}, a))) : null,
    h('h3', {}, 'Timeline'),
    h('ol', { class: 'timeline' }, ...t.timeline.map((e) => h('li', { class: e.kind }, h('span', { class: 'when' }, `R${e.round}`), ' ', e.kind === 'chat' ? `${e.seat} (${e.channel}): ${e.text}` : e.text))),
  );
  requestAnimationFrame(() => tableScoresChart(canvas, t));
  return section;
}

function ordinal(n: number): string {
  return n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`;
}
