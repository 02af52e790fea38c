import type { TableDebrief } from '../../shared/analysis/debrief.js';
import { h } from '../console/dom.js';
import { tableScoresChart } from './charts.js';

const OUTCOME = {
  deal: 'Framework signed',
  no_deal: 'No deal: the rounds ran out',
  ended: 'No deal: the talks were ended',
  unfinished: 'Still in progress',
} as const;

/** Timeline entries a printed page keeps: what changed the game, not every offer and line of chat. */
const KEY = new Set(['start', 'event', 'lever', 'settle', 'sequencing', 'sign', 'signatures', 'end', 'format']);

function fmt(n: number | null): string {
  return n === null ? '—' : String(Math.round(n * 100) / 100);
}

export const EXPORTS = [
  ['events.json', 'Event log (JSON)', 'application/json'],
  ['scores.csv', 'Scores (CSV)', 'text/csv'],
  ['settlements.csv', 'Settlements (CSV)', 'text/csv'],
] as const;

/** One table's debrief: a printed page of its own. With `download`, its own exports too. */
export function tableSection(
  t: TableDebrief,
  number: number | null,
  download?: (file: string, type: string) => void,
): HTMLElement {
  const canvas = h('canvas', { 'aria-label': `Scores at table ${t.code}`, role: 'img' });
  const name = (id: string) => t.roles.find((r) => r.role === id)?.name ?? (id === 'facilitator' ? 'Facilitator' : id);
  const channel = (c: string | null) =>
    !c || c === 'public'
      ? 'public table'
      : c.startsWith('bi:')
        ? c.slice(3).split(':').map(name).join('–')
        : c.startsWith('wg:')
          ? `working group ${c.slice(3)}`
          : c;
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
    h('h2', {}, `${number ? `Table ${number} · ` : ''}${t.code} — ${OUTCOME[t.outcome]}`),
    download
      ? h(
          'div',
          { class: 'toolbar no-print', role: 'group', 'aria-label': `Exports of table ${number ?? t.code}` },
          ...EXPORTS.map(([file, label, type]) =>
            h('button', { type: 'button', 'data-export': file, onclick: () => download(file, type) }, label),
          ),
        )
      : null,
    h(
      'p',
      {},
      `Round ${t.round} of ${t.rounds}.`,
      t.durability !== null ? ` Estimated durability ${t.durability}%.` : '',
      t.warResumed === true ? ' The war resumed.' : t.warResumed === false ? ' The peace held.' : '',
    ),
    // A narrow screen scrolls the table within its box, not the page.
    h(
      'div',
      { class: 'scroll-x', role: 'region', tabindex: 0, 'aria-label': `Scores at table ${number ?? t.code}` },
      h(
        'table',
        { class: 'scores' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Delegation', 'Players', 'Deal points', 'Walk-away', 'War cost', 'Score', 'Gain over no deal'].map(
              (x) => h('th', {}, x),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          ...t.roles.map((r) =>
            h(
              'tr',
              {},
              h('td', { style: `border-left: 6px solid ${r.color}` }, r.name),
              h('td', {}, r.players.join(', ')),
              h('td', {}, fmt(r.dealPoints)),
              h('td', {}, fmt(r.walkAway)),
              h('td', {}, fmt(r.warCost)),
              h('td', {}, fmt(r.score)),
              h('td', { class: r.gain > 0 ? 'pos' : r.gain < 0 ? 'neg' : '' }, fmt(r.gain)),
            ),
          ),
        ),
      ),
    ),
    h('div', { class: 'chart small' }, canvas),
    frontierText ? h('p', { class: 'frontier' }, frontierText) : null,
    h('h3', {}, 'Sequencing'),
    h('p', {}, t.sequencing.text),
    h('h3', {}, 'The agreement'),
    h(
      'ul',
      { class: 'clauses' },
      ...t.clauses.map((c) =>
        h(
          'li',
          {},
          h('strong', {}, c.title),
          ': ',
          c.optionLabel ?? 'left open',
          c.how === 'settled'
            ? ` (round ${c.round}, ${ordinal(c.seq!)} to settle)`
            : c.how === 'fallback'
              ? ' (fallback)'
              : '',
        ),
      ),
    ),
    t.aftermath.length ? h('h3', {}, 'What happened next') : null,
    t.aftermath.length ? h('ol', { class: 'aftermath' }, ...t.aftermath.map((a) => h('li', {}, a))) : null,
    h(
      'h3',
      {},
      h('span', { class: 'no-print' }, 'Timeline of moves and chat'),
      h('span', { class: 'print-only' }, 'Key moments (the full timeline is in the event log)'),
    ),
    h(
      'ol',
      { class: 'timeline' },
      ...t.timeline.map((e) =>
        h(
          'li',
          { class: `${e.kind}${KEY.has(e.kind) ? ' key' : ''}` },
          h('span', { class: 'when' }, `R${e.round}`),
          ' ',
          e.kind === 'chat'
            ? `${name(e.seat)} (${channel(e.channel)}): ${e.text}`
            : // An entry for one delegation speaks to it ("Your walk-away value..."): say whose it is.
              `${e.to?.length === 1 ? `To ${name(e.to[0])}: ` : ''}${e.text}`,
        ),
      ),
    ),
  );
  requestAnimationFrame(() => tableScoresChart(canvas, t));
  return section;
}

function ordinal(n: number): string {
  return n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`;
}
