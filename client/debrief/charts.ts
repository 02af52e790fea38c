import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  PointElement,
  ScatterController,
  Title,
  Tooltip,
  type ChartDataset,
  type Plugin,
  type Scale,
} from 'chart.js';
import type { ClassDebrief, TableDebrief } from '../../shared/analysis/debrief.js';
import { wrapWords } from '../presenters/labels.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  PointElement,
  ScatterController,
  Legend,
  Tooltip,
  Title,
);
/** Below this width (CSS px) a chart is on a phone: smaller type, titles and long labels on several lines. */
const NARROW_PX = 560;
const narrow = (ctx: { chart: Chart }) => ctx.chart.width < NARROW_PX;

// Sized for a projector at the back of a room: large type, dark text, no animation; smaller on a phone.
Chart.defaults.font.size = 18;
Chart.defaults.color = '#1b1f24';
Chart.defaults.plugins.title.font = (ctx) => ({ size: narrow(ctx) ? 16 : 24, weight: 'bold' });
Chart.defaults.plugins.title.padding = { top: 4, bottom: 12 };
Chart.defaults.plugins.legend.labels.boxWidth = 24;
Chart.defaults.plugins.legend.labels.font = (ctx) => ({ size: narrow(ctx) ? 13 : 18 });
Chart.defaults.scale.ticks.font = (ctx) => ({ size: narrow(ctx) ? 13 : 18 });
Chart.defaults.animation = false;
// Charts take the printed page's size before printing (Chart.js does not see the print layout by itself).
window.addEventListener('beforeprint', () => {
  for (const c of Object.values(Chart.instances)) c.resize();
});
window.addEventListener('afterprint', () => {
  for (const c of Object.values(Chart.instances)) c.resize();
});
Chart.defaults.devicePixelRatio = 2;
Chart.defaults.maintainAspectRatio = false;

const GREY = '#9aa3ad';
/** Okabe-Ito, safe for colour-blind readers; used for option ranks. */
const RANKS = ['#0072B2', '#56B4E9', '#009E73', '#E69F00', '#D55E00', '#CC79A7'];

const tableLabel = (t: TableDebrief, i: number) => `Table ${i + 1} (${t.code})`;

/** Category labels that keep one line on a wide chart and wrap at `width` characters on a phone, never rotated. */
function wrappedTicks(width: number) {
  return {
    autoSkip: false,
    maxRotation: 0,
    callback(this: Scale, value: number | string) {
      const label = this.getLabelForValue(Number(value));
      return this.chart.width < NARROW_PX ? wrapWords(label, width) : label;
    },
  };
}

/**
 * A chart title: one line on a wide chart, wrapped when the canvas's box is phone-sized (Chart.js squeezes a title
 * wider than its canvas). Judged when the chart is made.
 */
function title(canvas: HTMLCanvasElement, text: string) {
  const width = canvas.parentElement?.clientWidth || window.innerWidth;
  return { display: true, text: width < NARROW_PX ? wrapWords(text, 32) : text };
}

/** Each delegation's final score per table; a hollow bar beside it marks what no deal would have scored. */
export function scoresChart(canvas: HTMLCanvasElement, d: ClassDebrief): Chart {
  const datasets: ChartDataset<'bar'>[] = d.roles.map((r) => ({
    label: r.name,
    backgroundColor: r.color,
    data: d.tables.map((t) => t.roles.find((x) => x.role === r.id)?.score ?? 0),
  }));
  return new Chart(canvas, {
    type: 'bar',
    data: { labels: d.tables.map(tableLabel), datasets },
    options: {
      plugins: {
        title: title(canvas, 'Final score of each delegation, table by table'),
        tooltip: {
          callbacks: {
            afterLabel: (c) => {
              const r = d.tables[c.dataIndex].roles[c.datasetIndex];
              return r ? `No deal would have scored ${r.noDealScore} (gain ${r.gain >= 0 ? '+' : ''}${r.gain})` : '';
            },
          },
        },
      },
      scales: { x: { ticks: wrappedTicks(9) }, y: { title: { display: true, text: 'points' } } },
    },
  });
}

/** Which option each issue settled on, across the tables (options in the agenda's order). */
export function settlementsChart(canvas: HTMLCanvasElement, d: ClassDebrief): Chart {
  const most = Math.max(...d.issues.map((i) => i.options.length));
  const datasets: ChartDataset<'bar'>[] = Array.from({ length: most }, (_, k) => ({
    label: `Option ${k + 1}`,
    backgroundColor: RANKS[k % RANKS.length],
    data: d.issues.map((i) => (i.options[k] ? d.settlements[i.id][i.options[k].id] : 0)),
  }));
  datasets.push({ label: 'Open', backgroundColor: '#e4e7eb', data: d.issues.map((i) => d.settlements[i.id].open) });
  // Writes each option's name on its segment when it fits, so the room reads the result without a tooltip.
  const names: Plugin<'bar'> = {
    id: 'optionNames',
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      ctx.save();
      ctx.font = `17px ${Chart.defaults.font.family}`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      chart.data.datasets.forEach((_, k) => {
        if (k >= most) return;
        chart.getDatasetMeta(k).data.forEach((bar, i) => {
          const label = d.issues[i].options[k]?.label;
          const { x, y, base } = bar.getProps(['x', 'y', 'base'], true) as { x: number; y: number; base: number };
          const width = Math.abs(x - base);
          if (!label || width < 40) return;
          let text = label;
          while (text.length > 3 && ctx.measureText(text).width > width - 10) text = `${text.slice(0, -2)}…`;
          if (ctx.measureText(text).width > width - 10) return;
          ctx.fillStyle = k % 2 === 1 ? '#1b1f24' : '#ffffff';
          ctx.fillText(text, (x + base) / 2, y);
        });
      });
      ctx.restore();
    },
  };
  return new Chart(canvas, {
    type: 'bar',
    data: { labels: d.issues.map((i) => i.title), datasets },
    plugins: [names],
    options: {
      indexAxis: 'y',
      scales: {
        x: { stacked: true, title: { display: true, text: 'tables' }, ticks: { stepSize: 1 } },
        // An issue's title on two or three lines on a phone, rather than cut at the canvas's left edge.
        y: { stacked: true, ticks: wrappedTicks(16) },
      },
      plugins: {
        title: title(canvas, 'How each issue settled (option 1 = first in the agenda’s order)'),
        tooltip: {
          callbacks: {
            label: (c) =>
              `${c.datasetIndex < most ? (d.issues[c.dataIndex].options[c.datasetIndex]?.label ?? '') : 'Left open'}: ${c.raw} table(s)`,
          },
        },
      },
    },
  });
}

export type Axis = string; // a role id, or 'joint'

function value(points: Record<string, number>, axis: Axis): number {
  return axis === 'joint' ? Object.values(points).reduce((a, b) => a + b, 0) : (points[axis] ?? 0);
}

/** The frontier of every package, each table's result and the analysts' reference package, on two axes. */
export function frontierChart(canvas: HTMLCanvasElement, d: ClassDebrief, x: Axis, y: Axis): Chart {
  const name = (a: Axis) => (a === 'joint' ? 'All delegations together' : (d.roles.find((r) => r.id === a)?.name ?? a));
  const datasets: ChartDataset<'scatter'>[] = [
    {
      label: 'Pareto frontier (every undominated package)',
      data: d.frontier.map((f) => ({ x: value(f.points, x), y: value(f.points, y) })),
      backgroundColor: GREY,
      pointRadius: 3,
    },
  ];
  d.tables.forEach((t, i) => {
    if (!t.pareto) return;
    const deal = t.outcome === 'deal';
    datasets.push({
      label: `Table ${i + 1}: ${deal ? 'deal' : 'no deal'}`,
      data: [{ x: value(t.pareto.point, x), y: value(t.pareto.point, y) }],
      backgroundColor: deal ? RANKS[i % RANKS.length] : '#ffffff',
      borderColor: RANKS[i % RANKS.length],
      borderWidth: 3,
      pointRadius: 10,
      pointStyle: deal ? 'circle' : 'crossRot',
    });
  });
  if (d.reference)
    datasets.push({
      label: "Analysts' reference package",
      data: [{ x: value(d.reference.points, x), y: value(d.reference.points, y) }],
      backgroundColor: '#000',
      pointStyle: 'star',
      pointRadius: 16,
      borderColor: '#000',
      borderWidth: 2,
    });
  return new Chart(canvas, {
    type: 'scatter',
    data: { datasets },
    options: {
      plugins: {
        title: title(
          canvas,
          `Deals against the Pareto frontier: ${name(x)} and ${name(y)} (a cross: no deal, at the walk-away values)`,
        ),
        tooltip: {
          callbacks: {
            label: (c) =>
              c.dataset.label === "Analysts' reference package" && d.reference
                ? d.reference.label
                : `${c.dataset.label ?? ''}: ${c.formattedValue}`,
          },
        },
      },
      scales: {
        x: { title: { display: true, text: `${name(x)} (points)` } },
        y: { title: { display: true, text: `${name(y)} (points)` } },
      },
    },
  });
}

/** One table: each delegation's final score next to what walking away would have scored. */
export function tableScoresChart(canvas: HTMLCanvasElement, t: TableDebrief): Chart {
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: t.roles.map((r) => r.name),
      datasets: [
        { label: 'Final score', data: t.roles.map((r) => r.score), backgroundColor: t.roles.map((r) => r.color) },
        {
          label: 'No deal (walk-away − war cost)',
          data: t.roles.map((r) => r.noDealScore),
          backgroundColor: '#ffffff',
          borderColor: t.roles.map((r) => r.color),
          borderWidth: 3,
        },
      ],
    },
    options: {
      plugins: { title: title(canvas, 'Score against walking away') },
      scales: { x: { ticks: wrappedTicks(9) } },
    },
  });
}
