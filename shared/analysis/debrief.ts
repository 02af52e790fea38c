import type { Scenario } from '../scenario/schema.js';
import { entries, packagePoints } from '../engine/index.js';
import type { GameState, Outcome, Phase, RoleId, Seat, Terms } from '../engine/index.js';
import { NO_RECORD } from '../engine/create.js';
import { gapToFrontier, type Frontier } from './pareto.js';

// The debrief: what happened at a table and how good the result was, from the scenario and the
// table's final state. Pure; the frontier comes from pareto.ts (computed once per scenario).

/** One package (an option on every issue) and what it is worth to each delegation. */
export interface PackagePoint {
  terms: Terms;
  points: Record<RoleId, number>;
}

export interface RoleResult {
  role: RoleId;
  name: string;
  color: string;
  players: string[];
  /** Points of the package in force; null without a deal. */
  dealPoints: number | null;
  walkAway: number;
  warCost: number;
  score: number;
  /** What no deal would have scored: walk-away less the war's cost (the engine's outcome, RoleScore.noDealScore). */
  noDealScore: number;
  /** score - noDealScore: what the deal was worth to this delegation (the engine's one gain definition). */
  gain: number;
  /** In a class: this gain less the mean gain of the same delegation at every table (null alone). Never compared across roles. */
  vsSameRole: number | null;
}

export interface ClauseResult {
  issue: string;
  title: string;
  option: string | null;
  optionLabel: string | null;
  /** settled at the table, stood in by the fallback, or left open. */
  how: 'settled' | 'fallback' | 'open';
  round: number | null;
  seq: number | null;
}

export interface TimelineItem {
  at: number;
  round: number;
  phase: Phase | null;
  seat: Seat;
  kind: string;
  text: string;
  /** Chat channel, for chat lines. */
  channel: string | null;
  /** False when only some delegations could see it. */
  public: boolean;
  /** The delegations a private entry was for (it may speak to them: "Your walk-away value..."); null for chat and public entries. */
  to: RoleId[] | null;
}

export interface FrontierPlacement {
  /** The table's package, or the walk-away values when there is no deal. */
  point: Record<RoleId, number>;
  onFrontier: boolean;
  /** Value left on the table: the largest joint gain of a package no delegation likes less; null if none exists. */
  valueLeft: number | null;
  /** The most every delegation could have gained at once. */
  allGain: number;
  /** The package that leaves that value, when there is one. */
  better: PackagePoint | null;
}

export interface SequencingStory {
  applies: boolean;
  /** From the engine's record (GameState.record): the order in which the two sequenced issues settled. */
  order: 'first_then_later' | 'together' | 'later_then_first' | 'only_first' | 'neither' | 'none';
  broken: boolean;
  /** The excluded party sat at the table of the first issue (engine record). */
  excluded: boolean;
  text: string;
}

export interface TableDebrief {
  code: string;
  scenarioId: string;
  outcome: Outcome['kind'] | 'unfinished';
  round: number;
  rounds: number;
  durability: number | null;
  warResumed: boolean | null;
  aftermath: string[];
  roles: RoleResult[];
  clauses: ClauseResult[];
  terms: Terms;
  meters: { id: string; label: string; value: number; initial: number }[];
  events: { round: number; id: string; title: string; injected: boolean }[];
  timeline: TimelineItem[];
  sequencing: SequencingStory;
  pareto: FrontierPlacement | null;
  jointScore: number;
  /** Sum of the delegations' gains over walking away (each against its own walk-away). */
  jointGain: number;
}

export interface TableInput {
  code: string;
  state: GameState;
  /** Names of the players at each delegation, if known. */
  players?: Record<RoleId, string[]>;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function joint(p: Record<RoleId, number>, roles: RoleId[]): number {
  return round2(roles.reduce((a, r) => a + (p[r] ?? 0), 0));
}

/** Frontier package k as terms and points. */
export function frontierPackage(f: Frontier, k: number): PackagePoint {
  const m = f.roles.length;
  return { terms: f.packageOf(k), points: Object.fromEntries(f.roles.map((r, i) => [r, f.points[k * m + i]])) };
}

/** Every frontier package (for charts). */
export function frontierPackages(f: Frontier): PackagePoint[] {
  return Array.from({ length: f.size }, (_, k) => frontierPackage(f, k));
}

function dominatedBy(f: Frontier, point: Record<RoleId, number>): boolean {
  const m = f.roles.length;
  const p = f.roles.map((r) => point[r] ?? 0);
  for (let k = 0; k < f.size; k++) {
    let ge = true;
    let gt = false;
    for (let r = 0; r < m && ge; r++) {
      const d = f.points[k * m + r] - p[r];
      if (d < -1e-9) ge = false;
      else if (d > 1e-9) gt = true;
    }
    if (ge && gt) return true;
  }
  return false;
}

/** Where a point sits against the frontier (gapToFrontier gives the numbers). */
export function placeOnFrontier(f: Frontier, point: Record<RoleId, number>, isDeal: boolean): FrontierPlacement {
  const m = f.roles.length;
  const p = f.roles.map((r) => point[r] ?? 0);
  const gap = gapToFrontier(f, p);
  const onFrontier = isDeal && !dominatedBy(f, point);
  // The package behind the value left: acceptable to every delegation, with the largest joint gain.
  let better = -1;
  let bestSum = -Infinity;
  for (let k = 0; k < f.size; k++) {
    let sum = 0;
    let ok = true;
    for (let r = 0; r < m && ok; r++) {
      const d = f.points[k * m + r] - p[r];
      if (d < -1e-9) ok = false;
      sum += d;
    }
    if (ok && sum > bestSum) [better, bestSum] = [k, sum];
  }
  if (onFrontier) return { point, onFrontier, valueLeft: 0, allGain: 0, better: null };
  return {
    point,
    onFrontier,
    valueLeft: better < 0 ? null : gap.total,
    allGain: gap.uniform,
    better: better < 0 ? null : frontierPackage(f, better),
  };
}

/**
 * The story of the order in which the two sequenced issues settled (seed 000: guarantees before territory),
 * told from the engine's own record of what happened (GameState.record, sequencingBroken), never re-derived.
 */
export function sequencingStory(s: Scenario, state: GameState): SequencingStory {
  const q = s.mechanics.sequencing;
  if (!q)
    return {
      applies: false,
      order: 'none',
      broken: false,
      excluded: false,
      text: 'This scenario has no rule about the order of the issues.',
    };
  const title = (id: string) => s.issues.find((i) => i.id === id)?.title ?? id;
  const name = (id: string) => s.roles.find((r) => r.id === id)?.name ?? id;
  const role = name(q.role);
  const [F, L] = [title(q.first), title(q.later)];
  const rec = state.record ?? NO_RECORD;
  const broken = state.sequencingBroken;
  const deal = state.outcome?.kind === 'deal';
  const excluded = rec.excludedAtFirst;
  const f = state.clauses[q.first];
  const l = state.clauses[q.later];
  const cost = deal ? 'and the deal lost durability' : 'although no framework was signed in the end';
  let order: SequencingStory['order'];
  let text: string;
  if (rec.order === 'first_then_later') {
    order = 'first_then_later';
    text = `${F} was locked in round ${f?.round ?? rec.firstRound} before ${L} in round ${l?.round ?? rec.laterRound}: ${role} could defend ${deal ? 'the deal' : 'the order'} at home.`;
  } else if (rec.order === 'together') {
    order = 'together';
    text = `${L} and ${F} were settled in one package in round ${rec.laterRound}, not ${F} first: ${role}'s public support fell, ${cost}.`;
  } else if (rec.order === 'later_first') {
    order = 'later_then_first';
    text = f
      ? `${L} was settled in round ${rec.laterRound} before ${F} (round ${f.round}): ${role}'s public support fell, ${cost}.`
      : `${L} was settled in round ${rec.laterRound} with ${F} never locked: ${role}'s public support fell, ${cost}.`;
  } else if (f) {
    order = 'only_first';
    text = `${F} was locked in round ${f.round}, but ${L} was never settled${deal ? '' : ' and no framework was signed'}.`;
  } else {
    order = 'neither';
    text = `Neither ${F} nor ${L} was settled${deal ? '' : '; no framework was signed'}.`;
  }
  if (excluded && q.excluded)
    text += ` ${name(q.excluded.role)} was a party to ${F}, which weakened the guarantee${deal ? ' and the deal' : ''}.`;
  return { applies: true, order, broken, excluded, text };
}

function clausesOf(s: Scenario, state: GameState): ClauseResult[] {
  const deal = state.outcome?.kind === 'deal';
  return s.issues.map((i) => {
    const c = state.clauses[i.id];
    const option = c?.option ?? (deal && i.fallback ? i.fallback : null);
    return {
      issue: i.id,
      title: i.title,
      option,
      optionLabel: option ? (i.options.find((o) => o.id === option)?.label ?? option) : null,
      how: c ? 'settled' : option ? 'fallback' : 'open',
      round: c?.round ?? null,
      seq: c?.seq ?? null,
    };
  });
}

function timelineOf(state: GameState): TimelineItem[] {
  const moves: TimelineItem[] = entries(state.timeline).map((t) => ({
    at: t.at,
    round: t.round,
    phase: t.phase,
    seat: t.seat,
    kind: t.kind,
    text: t.text,
    channel: null,
    public: t.audience === null,
    to: t.audience,
  }));
  const chat: TimelineItem[] = entries(state.chat).map((m) => ({
    at: m.at,
    round: m.round,
    phase: null,
    seat: m.from,
    kind: 'chat',
    text: m.text,
    channel: m.channel,
    public: m.channel === 'public',
    to: null,
  }));
  // Stable sort: entries logged at the same moment keep the engine's order.
  return [...moves, ...chat].sort((a, b) => a.at - b.at);
}

/** The whole debrief of one table, with the facilitator's full information. */
export function tableDebrief(s: Scenario, input: TableInput, frontier: Frontier | null): TableDebrief {
  const { state } = input;
  const o = state.outcome;
  const roleIds = s.roles.map((r) => r.id);
  const roles: RoleResult[] = s.roles.map((r) => {
    const sc = o?.scores[r.id];
    const walkAway = sc?.walkAway ?? 0;
    const warCost = sc?.warCost ?? round2(state.warCost[r.id] ?? 0);
    // One gain definition: the engine's outcome. An unfinished table has no outcome yet: it stands at no deal.
    const noDealScore = sc?.noDealScore ?? round2(walkAway - warCost);
    const score = sc?.score ?? noDealScore;
    const gain = sc?.gain ?? 0;
    return {
      role: r.id,
      name: r.name,
      color: r.color,
      players: input.players?.[r.id] ?? [],
      dealPoints: sc?.dealPoints ?? null,
      walkAway,
      warCost,
      score,
      noDealScore,
      gain,
      vsSameRole: null,
    };
  });
  const deal = o?.kind === 'deal';
  const point = Object.fromEntries(
    s.roles.map((r) => [r.id, deal ? packagePoints(s, r.id, o!.terms) : (o?.scores[r.id]?.walkAway ?? 0)]),
  );
  return {
    code: input.code,
    scenarioId: s.id,
    outcome: o?.kind ?? 'unfinished',
    round: state.round,
    rounds: state.config.rounds,
    durability: o?.durability ?? null,
    warResumed: o?.warResumed ?? null,
    aftermath: o?.aftermath ?? [],
    roles,
    clauses: clausesOf(s, state),
    terms: o?.terms ?? {},
    meters: s.meters.map((m) => ({
      id: m.id,
      label: m.label,
      value: state.meters[m.id] ?? m.initial,
      initial: m.initial,
    })),
    events: state.eventsDrawn.map((e) => ({ ...e, title: s.events.find((x) => x.id === e.id)?.title ?? e.id })),
    timeline: timelineOf(state),
    sequencing: sequencingStory(s, state),
    pareto: frontier && o ? placeOnFrontier(frontier, point, deal) : null,
    jointScore: joint(Object.fromEntries(roles.map((r) => [r.role, r.score])), roleIds),
    jointGain: joint(Object.fromEntries(roles.map((r) => [r.role, r.gain])), roleIds),
  };
}

/** What a student may see after the end: public moves and chat, the final scores, no frontier detail. */
export function publicTableDebrief(d: TableDebrief): TableDebrief {
  return {
    ...d,
    timeline: d.timeline.filter((t) => t.public),
    pareto: d.pareto ? { ...d.pareto, better: null } : null,
  };
}

export interface ClassDebrief {
  scenarioId: string;
  title: string;
  roles: { id: RoleId; name: string; color: string }[];
  issues: { id: string; title: string; options: { id: string; label: string }[] }[];
  tables: TableDebrief[];
  /** settlements[issue][option | 'open'] = number of tables. */
  settlements: Record<string, Record<string, number>>;
  /** Tables with the largest and smallest joint gain over walking away (deals only). */
  best: string | null;
  worst: string | null;
  reference: (PackagePoint & { label: string; onFrontier: boolean; joint: number }) | null;
  frontier: PackagePoint[];
}

/** All tables of a class side by side, with the frontier and the analysts' reference package. */
export function classDebrief(s: Scenario, tables: TableInput[], frontier: Frontier): ClassDebrief {
  const roleIds = s.roles.map((r) => r.id);
  const ds = sameRole(tables.map((t) => tableDebrief(s, t, frontier)));
  const settlements: Record<string, Record<string, number>> = {};
  for (const i of s.issues) {
    settlements[i.id] = Object.fromEntries([...i.options.map((o) => [o.id, 0]), ['open', 0]]);
    for (const d of ds) settlements[i.id][d.clauses.find((c) => c.issue === i.id)?.option ?? 'open'] += 1;
  }
  const deals = ds.filter((d) => d.outcome === 'deal');
  const byJoint = [...deals].sort((a, b) => b.jointGain - a.jointGain || a.code.localeCompare(b.code));
  let reference: ClassDebrief['reference'] = null;
  if (s.reference) {
    const points = Object.fromEntries(roleIds.map((r) => [r, packagePoints(s, r, s.reference!.terms)]));
    const onFrontier = !dominatedBy(frontier, points);
    reference = {
      label: s.reference.label,
      terms: s.reference.terms,
      points,
      onFrontier,
      joint: joint(points, roleIds),
    };
  }
  return {
    scenarioId: s.id,
    title: s.title,
    roles: s.roles.map((r) => ({ id: r.id, name: r.name, color: r.color })),
    issues: s.issues.map((i) => ({
      id: i.id,
      title: i.title,
      options: i.options.map((o) => ({ id: o.id, label: o.label })),
    })),
    tables: ds,
    settlements,
    best: byJoint[0]?.code ?? null,
    worst: byJoint.length > 1 ? byJoint[byJoint.length - 1].code : null,
    reference,
    frontier: frontierPackages(frontier),
  };
}

/** Each delegation's gain against the same role's mean gain over the class's tables (never across roles). */
function sameRole(ds: TableDebrief[]): TableDebrief[] {
  if (ds.length < 2) return ds;
  const meanGain = new Map<string, number>();
  for (const r of ds[0].roles)
    meanGain.set(r.role, ds.reduce((a, d) => a + (d.roles.find((x) => x.role === r.role)?.gain ?? 0), 0) / ds.length);
  return ds.map((d) => ({
    ...d,
    roles: d.roles.map((r) => ({ ...r, vsSameRole: round2(r.gain - (meanGain.get(r.role) ?? 0)) })),
  }));
}
