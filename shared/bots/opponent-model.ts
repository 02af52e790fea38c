import type { Offer, PublicScenario, RoleId, Terms, View } from '../engine/index.js';

/** A guess at one other delegation's preferences: per issue, a 0..1 value for each option, and a weight. */
export interface Guess {
  value: Record<string, number[]>;
  weight: Record<string, number>;
  /** Offers this delegation has made to us, oldest first. */
  sent: Offer[];
}

export type Model = Record<RoleId, Guess>;

/**
 * Learns from what each delegation did in this bot's sight: what it proposed (strong evidence of
 * where its ideal lies), what it accepted (weaker), and what it rejected or countered (pushes away).
 * Options are ordered along a line from one side's ideal to the other's, so the evidence is read
 * as an ideal point on that line.
 */
export function learn(view: View, s: PublicScenario, self: RoleId): Model {
  const model: Model = {};
  for (const r of s.roles) {
    if (r.id === self) continue;
    const sum: Record<string, { w: number; x: number; idx: number[]; rejected: number[] }> = {};
    for (const issue of s.issues) sum[issue.id] = { w: 0, x: 0, idx: [], rejected: issue.options.map(() => 0) };
    const sent: Offer[] = [];
    let k = 0;
    for (const o of view.offers) {
      if (o.from === r.id) {
        // Early proposals sit nearer the ideal than later concessions.
        note(s, sum, o.terms, 1 / (1 + 0.3 * k++), true);
        if (o.to.includes(self)) sent.push(o);
        if (o.counterTo) {
          const original = view.offers.find((x) => x.id === o.counterTo);
          if (original) pushAway(s, sum, original.terms, o.terms);
        }
      } else if (o.answers[r.id] === 'accepted') {
        note(s, sum, o.terms, 0.5, false);
      } else if (o.answers[r.id] === 'rejected' && o.status === 'rejected') {
        pushAway(s, sum, o.terms, {});
      }
    }
    const guess: Guess = { value: {}, weight: {}, sent };
    for (const issue of s.issues) {
      const e = sum[issue.id];
      const n = issue.options.length;
      if (e.w === 0) {
        guess.value[issue.id] = issue.options.map((_, j) => Math.max(0, 0.5 - 0.15 * e.rejected[j]));
        guess.weight[issue.id] = 1;
        continue;
      }
      const ideal = e.x / e.w;
      guess.value[issue.id] = issue.options.map((_, j) =>
        Math.max(0, 1 - Math.abs(j - ideal) / Math.max(1, n - 1) - 0.15 * e.rejected[j]),
      );
      // An issue on which a delegation never moves is one it cares about.
      const spread = e.idx.length > 1 ? (Math.max(...e.idx) - Math.min(...e.idx)) / Math.max(1, n - 1) : 0;
      guess.weight[issue.id] = 1.5 / (1 + 2 * spread);
    }
    model[r.id] = guess;
  }
  return model;
}

type Sums = Record<string, { w: number; x: number; idx: number[]; rejected: number[] }>;

function indexOf(s: PublicScenario, issue: string, option: string): number {
  return s.issues.find((i) => i.id === issue)?.options.findIndex((o) => o.id === option) ?? -1;
}

function note(s: PublicScenario, sum: Sums, terms: Terms, w: number, proposed: boolean): void {
  for (const [issue, option] of Object.entries(terms)) {
    const j = indexOf(s, issue, option);
    if (j < 0 || !sum[issue]) continue;
    sum[issue].w += w;
    sum[issue].x += w * j;
    if (proposed) sum[issue].idx.push(j);
  }
}

/** Options a delegation turned down (and replaced, in a counter) count against it. */
function pushAway(s: PublicScenario, sum: Sums, rejected: Terms, instead: Terms): void {
  for (const [issue, option] of Object.entries(rejected)) {
    if (instead[issue] === option) continue;
    const j = indexOf(s, issue, option);
    if (j >= 0 && sum[issue]) sum[issue].rejected[j] += 1;
  }
}

/** Estimated appeal of an option to a set of delegations (sum of their guessed weighted values). */
export function appeal(model: Model, roles: RoleId[], s: PublicScenario, issue: string, option: string): number {
  const j = indexOf(s, issue, option);
  let v = 0;
  for (const r of roles) {
    const g = model[r];
    if (!g || j < 0) continue;
    v += (g.weight[issue] ?? 1) * (g.value[issue]?.[j] ?? 0.5);
  }
  return v;
}
