import type { PrivateInfo, PublicScenario } from '../../shared/engine/view.js';
import type { AppApi } from '../app-api.js';
import { h, fill } from '../dom.js';
import { pointsTable, walkAwayChart } from '../presenters/briefing.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag: string, attrs: Record<string, string | number>): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** The delegation's confidential brief: points, red lines, levers and the walk-away curve. */
export class BriefingPanel {
  readonly el = h('section', {
    class: 'screen briefing',
    'data-testid': 'screen-briefing',
    'aria-labelledby': 'brief-h',
  });

  constructor(private app: AppApi) {}

  render(s: PublicScenario, me: PrivateInfo | null, round: number): void {
    const back = h(
      'button',
      { type: 'button', 'data-testid': 'briefing-continue', onclick: () => this.app.show('table') },
      'Go to the table',
    );
    const skip = h(
      'button',
      { type: 'button', class: 'secondary top-back', onclick: () => this.app.show('table') },
      'Go to the table',
    );
    if (!me) {
      fill(this.el, h('h1', { id: 'brief-h' }, s.title), h('p', {}, s.summary), back);
      return;
    }
    const c = me.role.confidential;
    const chart = walkAwayChart(me, round);
    const chartSvg = svg('svg', {
      viewBox: `0 0 ${chart.width} ${chart.height}`,
      width: chart.width,
      height: chart.height,
      role: 'img',
      'aria-label': chart.summary,
      class: 'chart',
    });
    chartSvg.append(svg('polyline', { points: chart.line, fill: 'none', stroke: 'currentColor', 'stroke-width': 2 }));
    for (const d of chart.dots) {
      chartSvg.append(svg('circle', { cx: d.x, cy: d.y, r: d.current ? 5 : 3, class: d.current ? 'now' : '' }));
      const t = svg('text', { x: d.x, y: d.y - 8, 'text-anchor': 'middle', 'font-size': 11 });
      t.textContent = String(d.value);
      chartSvg.append(t);
    }
    const list = (items: string[]) =>
      h(
        'ul',
        {},
        items.map((i) => h('li', {}, i)),
      );
    fill(
      this.el,
      h(
        'div',
        { class: 'row' },
        h('p', { class: 'eyebrow' }, 'Confidential: for your delegation only'),
        h('span', { class: 'spacer' }),
        skip,
      ),
      h('h1', { id: 'brief-h', style: `border-color:${me.role.color}` }, me.role.name),
      h('p', { class: 'brief-text' }, c.brief),
      h(
        'div',
        { class: 'cols' },
        h('div', {}, h('h2', {}, 'What you want'), list(c.interests), h('h2', {}, 'Priorities'), list(c.priorities)),
        h(
          'div',
          {},
          h('h2', {}, 'Red lines'),
          c.redLinesText.length ? list(c.redLinesText) : h('p', {}, 'None stated.'),
          h('h2', {}, 'What you fear at home'),
          h('p', {}, c.domesticFear),
        ),
      ),
      h('h2', {}, 'Walking away'),
      h('p', {}, `If there is no deal, your delegation gets its walk-away value. It is ${me.walkAwayNow} now.`),
      h('figure', {}, chartSvg, h('figcaption', {}, chart.summary)),
      h('h2', {}, 'Your points for each option'),
      h(
        'p',
        { class: 'hint' },
        'Only you see these numbers. A deal is worth the sum of the options agreed on every issue. Red lines can never be proposed or accepted.',
      ),
      h(
        'div',
        { class: 'points' },
        pointsTable(s, me).map((row) =>
          h(
            'table',
            { class: 'points-table' },
            h(
              'caption',
              {},
              row.title,
              row.required ? ' (required)' : '',
              h('span', { class: 'hint' }, ` signed by ${row.signatories}`),
            ),
            h(
              'tbody',
              {},
              row.options.map((o) =>
                h(
                  'tr',
                  { class: o.redLine ? 'redline' : o.best ? 'best' : '' },
                  h('th', { scope: 'row' }, o.label),
                  h('td', {}, String(o.points)),
                  h('td', {}, o.redLine ? 'red line' : o.best ? 'best for you' : ''),
                ),
              ),
            ),
          ),
        ),
      ),
      h('h2', {}, 'Your levers'),
      me.role.levers.length
        ? h(
            'ul',
            {},
            me.role.levers.map((l) =>
              h('li', {}, h('strong', {}, l.label), `: ${l.description} (${l.uses} use${l.uses > 1 ? 's' : ''})`),
            ),
          )
        : h('p', {}, 'None.'),
      back,
    );
  }
}
