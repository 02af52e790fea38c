import type { Chart } from 'chart.js';
import type { ClassDebrief } from '../../shared/analysis/debrief.js';
import { h, hashParams, saveFile } from '../console/dom.js';
import { classApi } from '../console/class-api.js';
import { frontierChart, scoresChart, settlementsChart, type Axis } from './charts.js';
import { compareTable, signed } from './compare.js';
import { EXPORTS, tableSection } from './table-section.js';

// The debrief: a class side by side (with the key), or one table after its end (for students).

const root = document.getElementById('app')!;

function refuse(message: string): void {
  root.replaceChildren(
    h('section', { class: 'refused', role: 'alert' }, h('h1', {}, 'Debrief not available'), h('p', {}, message)),
  );
}

async function start(): Promise<void> {
  const p = hashParams();
  const id = p.get('class');
  const key = p.get('key');
  const table = p.get('table');
  try {
    if (id && key) return showClass(await classApi.debrief(id, key), id, key);
    if (table) {
      const t = await classApi.tableDebrief(table, key ?? undefined);
      root.replaceChildren(
        h(
          'div',
          { class: 'toolbar no-print' },
          h('button', { type: 'button', onclick: () => window.print() }, 'Print'),
        ),
        tableSection(t, null),
      );
      return;
    }
    refuse('Open the debrief from the console, or from your class page once your game has ended.');
  } catch (e) {
    refuse((e as Error).message);
  }
}

/** Fetches one export and saves it; a failure (an expired key, the server down) is shown, not lost. */
function saveExport(name: string, type: string, body: () => Promise<string>): void {
  body().then(
    (text) => saveFile(name, type, text),
    (e: unknown) => window.alert(`The export could not be downloaded: ${e instanceof Error ? e.message : String(e)}`),
  );
}

function showClass(d: ClassDebrief & { classCode: string }, id: string, key: string): void {
  const code = d.classCode;
  const axes: Axis[] = [...d.roles.map((r) => r.id), 'joint'];
  const axisSelect = (label: string, value: Axis) =>
    h(
      'select',
      { 'aria-label': label },
      ...axes.map((a) =>
        h(
          'option',
          { value: a, selected: a === value },
          a === 'joint' ? 'All together' : (d.roles.find((r) => r.id === a)?.name ?? a),
        ),
      ),
    );
  const xSel = axisSelect('Horizontal axis', axes[0]);
  const ySel = axisSelect('Vertical axis', axes[1] ?? 'joint');
  const frontierCanvas = h('canvas', { role: 'img', 'aria-label': 'Deals against the Pareto frontier' });
  let frontier: Chart | null = null;
  const drawFrontier = () => {
    frontier?.destroy();
    frontier = frontierChart(frontierCanvas, d, xSel.value, ySel.value);
  };
  xSel.addEventListener('change', drawFrontier);
  ySel.addEventListener('change', drawFrontier);
  const scoresCanvas = h('canvas', { role: 'img', 'aria-label': 'Scores per delegation and table' });
  const settleCanvas = h('canvas', { role: 'img', 'aria-label': 'How each issue settled' });
  const name = (c: string | null) => (c ? `Table ${d.tables.findIndex((t) => t.code === c) + 1} (${c})` : '—');
  const deals = d.tables.filter((t) => t.outcome === 'deal').length;
  const best = d.tables.find((t) => t.code === d.best);
  const worst = d.tables.find((t) => t.code === d.worst);
  const dl = (file: string, label: string, type: string) =>
    h(
      'button',
      {
        type: 'button',
        'data-export': file,
        onclick: () => saveExport(`class-${code}-${file}`, type, () => classApi.exportFile(id, key, file)),
      },
      label,
    );
  const tableDl = (t: string) => (file: string, type: string) =>
    saveExport(`table-${t}-${file}`, type, () => classApi.tableExport(t, key, file));
  root.replaceChildren(
    h(
      'section',
      { class: 'overview' },
      h('h1', {}, `Debrief: ${d.title} · class ${d.classCode}`),
      h(
        'div',
        { class: 'toolbar no-print' },
        h('button', { type: 'button', onclick: () => window.print() }, 'Print (one page per table)'),
        ...EXPORTS.map(([file, label, type]) => dl(file, label, type)),
      ),
      h(
        'p',
        { class: 'summary' },
        deals
          ? `${deals} of ${d.tables.length} ${d.tables.length === 1 ? 'table' : 'tables'} signed a framework. `
          : d.tables.length === 1
            ? 'The table did not sign a framework. '
            : `None of the ${d.tables.length} tables signed a framework. `,
        // Deals rank by what they gained over no deal at that table (classDebrief), so that is the figure named.
        best ? `Best deal: ${name(d.best)}, joint gain over no deal ${signed(best.jointGain)}. ` : '',
        worst ? `Weakest deal: ${name(d.worst)}, joint gain over no deal ${signed(worst.jointGain)}. ` : '',
        d.reference
          ? `The analysts' reference package (${d.reference.label}) ${d.reference.onFrontier ? 'sits on' : 'lies inside'} the frontier, joint points ${d.reference.joint}.`
          : '',
      ),
      // A narrow screen scrolls the table within its box, not the page.
      h(
        'div',
        { class: 'scroll-x', role: 'region', tabindex: 0, 'aria-label': 'Tables side by side' },
        compareTable(d),
      ),
      h('div', { class: 'chart' }, scoresCanvas),
      // One bar per issue, tall enough for every label to show.
      h('div', { class: 'chart settle', style: `--issues: ${d.issues.length}` }, settleCanvas),
      h('div', { class: 'axes no-print' }, 'Frontier chart axes: ', xSel, ' against ', ySel),
      h('div', { class: 'chart tall' }, frontierCanvas),
    ),
    ...d.tables.map((t, i) => tableSection(t, i + 1, tableDl(t.code))),
  );
  requestAnimationFrame(() => {
    scoresChart(scoresCanvas, d);
    settlementsChart(settleCanvas, d);
    drawFrontier();
  });
}

void start();
