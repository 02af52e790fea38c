import {
  crossesRedLine,
  monthlyWarCost,
  packageDurability,
  packageInForce,
  type PublicScenario,
  type Terms,
  type View,
} from '../engine/index.js';
import type { Role } from '../scenario/schema.js';

type Issue = PublicScenario['issues'][number];

/** A bot's own private data, read from its view (never from another seat's). */
export interface Self {
  id: string;
  role: Role;
  walkAwayNow: number;
  /**
   * The least a framework must be worth to beat waiting: the walk-away at the last round less the war
   * cost still to come, with the durability weighting of the score (docs/bots.md, "cost of time").
   */
  reservation: number;
  /** Per issue: the options it may agree to, and its lowest and highest points among them. */
  ok: Record<string, string[]>;
  lo: Record<string, number>;
  hi: Record<string, number>;
}

export function selfOf(view: View, s: PublicScenario): Self {
  if (!view.me) throw new Error('A bot needs the view of a delegation seat.');
  const role = view.me.role;
  const me: Self = {
    id: role.id,
    role,
    walkAwayNow: view.me.walkAwayNow,
    reservation: reservationValue(view, s),
    ok: {},
    lo: {},
    hi: {},
  };
  for (const issue of s.issues) {
    const ok = issue.options.map((o) => o.id).filter((o) => !crosses(me, issue.id, o));
    const v = ok.map((o) => pts(me, issue.id, o));
    me.ok[issue.id] = ok;
    me.lo[issue.id] = v.length ? Math.min(...v) : 0;
    me.hi[issue.id] = v.length ? Math.max(...v) : 0;
  }
  return me;
}

export function pts(me: Self, issue: string, option: string): number {
  return me.role.points[issue]?.[option] ?? 0;
}

export function crosses(me: Self, issue: string, option: string): boolean {
  return crossesRedLine(me.role, issue, option);
}

/** Options of an issue this delegation may ever agree to. */
export function allowed(me: Self, issue: Issue): string[] {
  return me.ok[issue.id] ?? [];
}

export function bestOption(me: Self, issue: Issue): string {
  const opts = allowed(me, issue);
  return opts.reduce((b, o) => (pts(me, issue.id, o) > pts(me, issue.id, b) ? o : b), opts[0] ?? issue.options[0].id);
}

/** Lowest and highest points this delegation can get on the listed issues. */
export function range(me: Self, _s: PublicScenario, issueIds: Iterable<string>): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const id of issueIds) {
    min += me.lo[id] ?? 0;
    max += me.hi[id] ?? 0;
  }
  return { min, max };
}

export function value(me: Self, terms: Terms): number {
  let v = 0;
  for (const [i, o] of Object.entries(terms)) v += pts(me, i, o);
  return v;
}

/** Where a set of terms sits between this delegation's worst (0) and best (1) on the issues it covers. */
export function fraction(me: Self, s: PublicScenario, terms: Terms): number {
  const { min, max } = range(me, s, Object.keys(terms));
  if (max - min < 1e-9) return 1;
  return (value(me, terms) - min) / (max - min);
}

/** The reservation value (walk-away now) as a fraction of the whole agenda's range. */
export function reservationFraction(me: Self, s: PublicScenario): number {
  const { min, max } = range(
    me,
    s,
    s.issues.map((i) => i.id),
  );
  if (max - min < 1e-9) return 0;
  return Math.min(1, Math.max(0, (me.reservation - min) / (max - min)));
}

/**
 * Cost of time (seed 001): a deal now scores d * V + (1 - d) * walkAwayNow; no deal scores the last round's
 * walk-away less the war cost still to come. The least V worth signing now solves the two for V, with d the
 * durability estimate of the text in force. Never above the walk-away now.
 */
export function reservationValue(view: View, s: PublicScenario): number {
  const me = view.me!;
  const now = me.walkAwayNow;
  const end = me.walkAwayCurve[me.walkAwayCurve.length - 1] ?? now;
  const left = Math.max(0, view.rounds - Math.max(1, view.round) + 1);
  const future = monthlyWarCost(s, view.meters, me.role.id) * left;
  const d = Math.min(0.95, Math.max(0.3, packageDurability(s, view, [], {}) / 100));
  return Math.round(Math.min(now, (end - future - (1 - d) * now) / d) * 100) / 100;
}

export function settledTerms(view: View): Terms {
  const t: Terms = {};
  for (const [i, c] of Object.entries(view.clauses)) t[i] = c.option;
  return t;
}

/** The package that would be in force if the framework were signed now: settled clauses and fallbacks. */
export function inForce(view: View, s: PublicScenario): Terms {
  return packageInForce(s.issues, view.clauses);
}

export function openIssues(view: View, s: PublicScenario): Issue[] {
  return s.issues.filter((i) => !view.clauses[i.id]);
}

export function termsKey(terms: Terms): string {
  return Object.keys(terms)
    .sort()
    .map((k) => `${k}=${terms[k]}`)
    .join(',');
}

/** Progress through the talks from 0 to 1; the horizon leaves the last rounds for closing and signing. */
export function progress(view: View): number {
  const n = Math.max(1, view.turnOrder.length);
  const idx = Math.max(0, view.turnOrder.indexOf(view.seat));
  // War costs run until the framework is signed and the best deal is available now, not in six months (seed
  // 001): a bot's concessions reach its reservation after the first third of the talks, leaving rounds to
  // assemble the text and sign it.
  const horizon = Math.max(1, Math.ceil((view.rounds - (view.rounds > 3 ? 2 : 1)) / 3));
  return Math.min(1, Math.max(0, (view.round - 1 + (idx + 1) / n) / horizon));
}
