import { crossesRedLine } from '../../shared/engine/index.js';
import type { PrivateInfo, PublicScenario } from '../../shared/engine/view.js';

export interface PointsRow {
  issue: string;
  title: string;
  required: boolean;
  signatories: string;
  options: { id: string; label: string; points: number; redLine: boolean; best: boolean }[];
}

export interface WalkAwayChart {
  width: number;
  height: number;
  /** SVG polyline points "x,y x,y". */
  line: string;
  dots: { x: number; y: number; round: number; value: number; current: boolean }[];
  min: number;
  max: number;
  summary: string;
}

/** The delegation's private points for every option, with red lines marked. */
export function pointsTable(s: PublicScenario, me: PrivateInfo): PointsRow[] {
  const short = (id: string) => s.roles.find((r) => r.id === id)?.short ?? id;
  return s.issues.map((issue) => {
    const pts = issue.options.map((o) => me.role.points[issue.id]?.[o.id] ?? 0);
    const top = Math.max(...pts);
    return {
      issue: issue.id,
      title: issue.title,
      required: issue.required,
      signatories: issue.signatories.map(short).join(', '),
      options: issue.options.map((o, k) => ({
        id: o.id,
        label: o.label,
        points: pts[k],
        redLine: crossesRedLine(me.role, issue.id, o.id),
        best: pts[k] === top,
      })),
    };
  });
}

/** The walk-away value round by round as a small line chart. */
export function walkAwayChart(me: PrivateInfo, round: number, width = 320, height = 120): WalkAwayChart {
  const values = me.walkAwayCurve;
  const pad = 16;
  const min = Math.min(...values, 0);
  const max = Math.max(...values, 1);
  const x = (i: number) => pad + (values.length <= 1 ? 0 : (i * (width - 2 * pad)) / (values.length - 1));
  const y = (val: number) => height - pad - ((val - min) * (height - 2 * pad)) / (max - min || 1);
  const dots = values.map((value, i) => ({
    x: x(i),
    y: y(value),
    round: i + 1,
    value,
    current: i + 1 === Math.max(1, round),
  }));
  const first = values[0];
  const last = values[values.length - 1];
  return {
    width,
    height,
    line: dots.map((d) => `${d.x.toFixed(1)},${d.y.toFixed(1)}`).join(' '),
    dots,
    min,
    max,
    summary: `Walking away is worth ${first} in round 1 and ${last} in round ${values.length}: ${last < first ? 'every month of war makes no deal worse' : 'time does not make no deal worse'}.`,
  };
}
