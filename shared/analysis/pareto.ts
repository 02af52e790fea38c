import type { Scenario } from '../scenario/schema.js';
import type { Terms } from '../engine/types.js';
import { crossesRedLine } from '../engine/predicates.js';

// The Pareto frontier of every package the agenda allows, by exact enumeration with pruning.
// Points are additive over issues, so a package whose part on some issues is dominated by
// another part is itself dominated: the frontier of the whole agenda is the Pareto filter of
// (frontier of the first k issues) + (undominated options of issue k+1). Folding issue by
// issue keeps only undominated partial packages, which is exact and far smaller than the
// full product (10^6-10^7 packages for the default scenario).

/** One choice on an issue: an option id, or '' for "left open" (non-required issue without fallback). */
interface Choice {
  option: string;
  vals: number[];
}

export interface Frontier {
  roles: string[];
  issues: string[];
  /** Number of undominated packages. */
  size: number;
  /** Points of frontier package k for role r at [k * roles.length + r]. */
  points: Float64Array;
  /** Terms of frontier package k ('' choices left out). */
  packageOf(k: number): Terms;
  /** Number of packages the agenda allows (the product of the choices per issue). */
  packages: number;
}

const SCALE = 100;

/**
 * Which packages count: an option on a red line of one of the issue's signatories can never
 * settle, so it is left out; a non-required issue without a fallback may also stay open (0 points).
 */
export function issueChoices(s: Scenario): Choice[][] {
  return s.issues.map((issue) => {
    const choices: Choice[] = [];
    for (const o of issue.options) {
      const blocked = s.roles.some((r) => issue.signatories.includes(r.id) && crossesRedLine(r, issue.id, o.id));
      if (!blocked || o.id === issue.fallback)
        choices.push({ option: o.id, vals: s.roles.map((r) => r.points[issue.id]?.[o.id] ?? 0) });
    }
    if (!issue.required && !issue.fallback) choices.push({ option: '', vals: s.roles.map(() => 0) });
    return choices;
  });
}

interface Level {
  vals: Int32Array;
  parent: Int32Array;
  choice: Uint8Array;
  size: number;
}

export function paretoFrontier(s: Scenario): Frontier {
  const m = s.roles.length;
  const all = issueChoices(s);
  const levels: Level[] = [];
  let cur: Level = { vals: new Int32Array(m), parent: new Int32Array(1).fill(-1), choice: new Uint8Array(1), size: 1 };
  let packages = 1;
  for (const choices of all) {
    packages *= Math.max(1, choices.length);
    const opts = pruneChoices(choices.map((c) => c.vals.map((v) => Math.round(v * SCALE))));
    const n = cur.size * opts.length;
    const vals = new Int32Array(n * m);
    const parent = new Int32Array(n);
    const choice = new Uint8Array(n);
    let k = 0;
    for (let p = 0; p < cur.size; p++)
      for (const j of opts) {
        const c = choices[j].vals;
        for (let r = 0; r < m; r++) vals[k * m + r] = cur.vals[p * m + r] + Math.round(c[r] * SCALE);
        parent[k] = p;
        choice[k] = j;
        k++;
      }
    levels.push(cur);
    cur = filter(vals, parent, choice, n, m);
  }
  levels.push(cur);
  const final = cur;
  const points = new Float64Array(final.size * m);
  for (let i = 0; i < final.size * m; i++) points[i] = final.vals[i] / SCALE;
  const issues = s.issues.map((i) => i.id);
  const packageOf = (k: number): Terms => {
    const terms: Terms = {};
    let idx = k;
    for (let li = levels.length - 1; li >= 1; li--) {
      const lv = levels[li];
      const opt = all[li - 1][lv.choice[idx]].option;
      if (opt) terms[issues[li - 1]] = opt;
      idx = lv.parent[idx];
    }
    return terms;
  };
  return { roles: s.roles.map((r) => r.id), issues, size: final.size, points, packageOf, packages };
}

/** Indices of an issue's choices that no other choice dominates (first of equal ones kept). */
function pruneChoices(v: number[][]): number[] {
  const keep: number[] = [];
  for (let i = 0; i < v.length; i++) {
    let dominated = false;
    for (let j = 0; j < v.length && !dominated; j++) {
      if (i === j) continue;
      const ge = v[j].every((x, r) => x >= v[i][r]);
      const eq = v[j].every((x, r) => x === v[i][r]);
      dominated = ge && (!eq || j < i);
    }
    if (!dominated) keep.push(i);
  }
  return keep;
}

/** Pareto filter: sorted by total, a point can only be dominated by one before it. */
function filter(vals: Int32Array, parent: Int32Array, choice: Uint8Array, n: number, m: number): Level {
  const sum = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let t = 0;
    for (let r = 0; r < m; r++) t += vals[i * m + r];
    sum[i] = t;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => sum[b] - sum[a] || a - b);
  const kept = new Int32Array(n * m);
  let size = 0;
  const keptIdx: number[] = [];
  for (const i of order) {
    const base = i * m;
    let dominated = false;
    for (let q = 0; q < size && !dominated; q++) {
      const qb = q * m;
      let ge = true;
      for (let r = 0; r < m; r++)
        if (kept[qb + r] < vals[base + r]) {
          ge = false;
          break;
        }
      dominated = ge;
    }
    if (dominated) continue;
    for (let r = 0; r < m; r++) kept[size * m + r] = vals[base + r];
    keptIdx.push(i);
    size++;
  }
  const out: Level = {
    vals: kept.slice(0, size * m),
    parent: new Int32Array(size),
    choice: new Uint8Array(size),
    size,
  };
  keptIdx.forEach((i, k) => {
    out.parent[k] = parent[i];
    out.choice[k] = choice[i];
  });
  return out;
}

export interface Gap {
  /** The most every delegation could have gained at once: max over packages q of min_r (q_r - p_r), at least 0. */
  uniform: number;
  /** Value left on the table: the largest total gain of a package that leaves no delegation worse off. */
  total: number;
}

/** How far a deal (points per role, in frontier role order) sits from the frontier. */
export function gapToFrontier(f: Frontier, p: number[]): Gap {
  const m = f.roles.length;
  let uniform = 0;
  let total = 0;
  for (let k = 0; k < f.size; k++) {
    let min = Infinity;
    let sum = 0;
    for (let r = 0; r < m; r++) {
      const d = f.points[k * m + r] - p[r];
      if (d < min) min = d;
      sum += d;
    }
    if (min > uniform) uniform = min;
    if (min >= -1e-9 && sum > total) total = sum;
  }
  return { uniform: Math.round(uniform * 100) / 100, total: Math.round(total * 100) / 100 };
}
