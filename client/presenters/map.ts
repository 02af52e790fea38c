import type { PublicScenario, View } from '../../shared/engine/view.js';

/** The meter the map follows: the share of Ukraine's territory held by Ukraine. */
export const TERRITORY_METER = 'ua_territory';

export interface MapModel {
  cols: number;
  rows: number;
  /** Land cells, in grid units; occupied cells lie beyond the front line. */
  cells: { c: number; r: number; occupied: boolean }[];
  /** The front line, north to south, in 0..1 map coordinates. */
  front: [number, number][];
  /** Share of the land held by Ukraine, 0..1, as drawn. */
  held: number;
  label: string;
}

// A schematic outline (x west->east, y north->south, 0..1): recognisable, not a survey.
const OUTLINE: [number, number][] = [
  [0.02, 0.42],
  [0.06, 0.22],
  [0.2, 0.12],
  [0.36, 0.08],
  [0.47, 0.1],
  [0.56, 0.03],
  [0.64, 0.02],
  [0.7, 0.12],
  [0.8, 0.18],
  [0.88, 0.24],
  [0.98, 0.38],
  [1.0, 0.5],
  [0.92, 0.6],
  [0.82, 0.68],
  [0.72, 0.7],
  [0.66, 0.76],
  [0.73, 0.83],
  [0.7, 0.97],
  [0.6, 0.94],
  [0.57, 0.84],
  [0.6, 0.8],
  [0.52, 0.76],
  [0.44, 0.8],
  [0.4, 0.9],
  [0.33, 0.86],
  [0.34, 0.66],
  [0.22, 0.56],
  [0.1, 0.52],
];

// The front's shape before shifting: from the north-east border down to the Dnipro's mouth.
const FRONT_BASE: [number, number][] = [
  [0.86, 0],
  [0.84, 0.3],
  [0.8, 0.5],
  [0.7, 0.66],
  [0.58, 0.76],
  [0.5, 1],
];

function inside(x: number, y: number, poly: [number, number][]): boolean {
  let inn = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inn = !inn;
  }
  return inn;
}

function frontX(y: number, shift: number): number {
  for (let i = 1; i < FRONT_BASE.length; i++) {
    const [x0, y0] = FRONT_BASE[i - 1];
    const [x1, y1] = FRONT_BASE[i];
    if (y <= y1) return x0 + ((x1 - x0) * (y - y0)) / (y1 - y0) + shift;
  }
  return FRONT_BASE[FRONT_BASE.length - 1][0] + shift;
}

const land = (cols: number, rows: number) => {
  const out: { c: number; r: number; x: number; y: number }[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const x = (c + 0.5) / cols;
      const y = (r + 0.5) / rows;
      if (inside(x, y, OUTLINE)) out.push({ c, r, x, y });
    }
  return out;
};

/** The map, drawn only when the scenario has a territory meter; the front moves so the held share matches it. */
export function mapModel(s: PublicScenario, v: View | null, cols = 40, rows = 26): MapModel | null {
  const meter = s.meters.find((m) => m.id === TERRITORY_METER);
  if (!meter) return null;
  const value = v?.meters[meter.id] ?? meter.initial;
  const target = meter.max === meter.min ? 1 : Math.min(1, Math.max(0, (value - meter.min) / (meter.max - meter.min)));
  const cells = land(cols, rows);
  const occupiedAt = (shift: number) => cells.filter((p) => p.x > frontX(p.y, shift)).length / cells.length;
  // Bisect the shift: more held territory pushes the line east.
  let lo = -1.2;
  let hi = 1.2;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    if (1 - occupiedAt(mid) < target) lo = mid;
    else hi = mid;
  }
  // hi always holds at least the target share.
  const shift = hi;
  const drawn = cells.map((p) => ({ c: p.c, r: p.r, occupied: p.x > frontX(p.y, shift) }));
  const held = drawn.filter((p) => !p.occupied).length / drawn.length;
  const front: [number, number][] = [];
  for (let i = 0; i <= 20; i++) front.push([Math.min(1, Math.max(0, frontX(i / 20, shift))), i / 20]);
  return { cols, rows, cells: drawn, front, held, label: `${meter.label}: ${Math.round(value)}` };
}
