import type { AppApi } from '../app-api.js';
import { h, fill } from '../dom.js';
import { endModel, type ScoreRow } from '../presenters/end.js';
import type { AppState } from '../store.js';

/**
 * The score table's columns after the delegation's own: the heading, the cell, and whether a phone's card names the
 * cell with the heading (data-label, main.css).
 */
const SCORE_COLUMNS: {
  label: string;
  cell: (r: ScoreRow) => Node | string;
  class?: (r: ScoreRow) => string;
  named?: false;
}[] = [
  { label: 'Deal points', cell: (r) => (r.dealPoints === null ? '—' : String(r.dealPoints)) },
  { label: 'Walk-away', cell: (r) => String(r.walkAway) },
  { label: 'War cost', cell: (r) => String(r.warCost) },
  { label: 'Score', cell: (r) => h('strong', {}, String(r.score)) },
  { label: 'No deal would score', cell: (r) => String(r.noDealScore) },
  // The verdict names itself ("+5.1 over walking away").
  {
    label: 'Gain over walking away',
    cell: (r) => r.verdict,
    class: (r) => (r.gain >= 0 ? 'good' : 'bad'),
    named: false,
  },
];

/** The debrief: signed framework or no deal, scores against walk-away values, durability, aftermath, timeline. */
export class EndPanel {
  readonly el = h('section', { class: 'screen end', 'data-testid': 'screen-end', 'aria-labelledby': 'end-h' });
  private key = '';

  constructor(private app: AppApi) {}

  render(st: AppState): void {
    const { view: v, scenario: s } = st;
    if (!v || !s) return;
    const m = endModel(s, v);
    if (!m) return;
    // A whole view carries only the latest entries of the log: the debrief's timeline asks for the rest, a page at a time.
    if ((v.timelineFrom ?? 0) > 0) this.app.conn.loadEarlier('timeline');
    const key = `${m.kind}:${v.timeline.length}`;
    if (key === this.key) return;
    this.key = key;
    fill(
      this.el,
      h('h1', { id: 'end-h', 'data-testid': 'end-heading', class: m.kind }, m.heading),
      h('p', { class: 'lead', 'data-testid': 'end-lead' }, m.lead),
      m.terms.length
        ? h(
            'section',
            {},
            h('h2', {}, 'The framework'),
            h(
              'ul',
              { 'data-testid': 'end-terms' },
              m.terms.map((t) => h('li', {}, `${t.issue}: `, h('strong', {}, t.option))),
            ),
          )
        : null,
      m.durability !== null
        ? h(
            'section',
            {},
            h('h2', {}, 'Durability'),
            h(
              'div',
              {
                class: 'meter-bar',
                role: 'meter',
                'aria-valuemin': 0,
                'aria-valuemax': 100,
                'aria-valuenow': m.durability,
                'aria-label': 'Estimated durability',
              },
              h('span', { style: `width:${m.durability}%` }),
            ),
            h('p', {}, `${m.durability}%`, m.sequencingText ? ` — ${m.sequencingText}` : ''),
          )
        : null,
      h(
        'section',
        {},
        h('h2', {}, 'What happened next'),
        h(
          'ul',
          { 'data-testid': 'end-aftermath' },
          m.aftermath.map((a) => h('li', {}, a)),
        ),
      ),
      h(
        'section',
        {},
        h('h2', {}, 'Each delegation against its own walk-away'),
        h(
          'p',
          { class: 'hint' },
          'Points tables differ by delegation: compare each one with walking away, not with the others.',
        ),
        h(
          'table',
          { class: 'scores', 'data-testid': 'end-scores' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['Delegation', ...SCORE_COLUMNS.map((c) => c.label)].map((c) => h('th', { scope: 'col' }, c)),
            ),
          ),
          h(
            'tbody',
            {},
            m.scores.map((r) =>
              h(
                'tr',
                { class: r.me ? 'me' : '' },
                h(
                  'th',
                  { scope: 'row', style: `--role:${r.color}` },
                  h('span', { class: 'dot', 'aria-hidden': 'true' }),
                  r.name,
                  r.me ? ' (you)' : '',
                ),
                SCORE_COLUMNS.map((c) =>
                  h('td', { class: c.class?.(r), 'data-label': c.named !== false && c.label }, c.cell(r)),
                ),
              ),
            ),
          ),
        ),
      ),
      h(
        'section',
        {},
        h('h2', {}, 'Timeline'),
        h(
          'ol',
          { class: 'timeline', 'data-testid': 'end-timeline' },
          m.timeline.map((t) => h('li', {}, h('span', { class: 'hint' }, `Round ${t.round}, ${t.phase}: `), t.text)),
        ),
      ),
      h(
        'div',
        { class: 'row' },
        h(
          'button',
          { type: 'button', class: 'secondary', 'data-testid': 'end-back', onclick: () => this.app.show('table') },
          'Back to the table',
        ),
        h(
          'button',
          { type: 'button', 'data-testid': 'end-leave', onclick: () => void this.app.leave() },
          'Leave the table',
        ),
      ),
    );
  }
}
