// Engine predicates for the mechanics that teach the seeds' lessons (docs/rules.md). Each takes the
// narrow shapes it needs, so the engine, the bots (from their View) and the client presenters (from
// their View and the PublicScenario) all call the same rule.
import type { Scenario } from '../scenario/schema.js';
import type { PlayRecord, RoleId, Terms } from './types.js';
import { parseRedLineKey } from './keys.js';

type IssueShape = { id: string; required?: boolean };
/** The parts of a scenario the public rules need (a Scenario or a PublicScenario). */
export type RulesScenario = Pick<Scenario, 'issues' | 'meters' | 'mechanics'> & {
  roles?: readonly { id: string; name: string }[];
};

/** Every required clause is settled: the framework text is complete and can be signed. */
export function frameworkComplete(issues: readonly IssueShape[], clauses: Readonly<Record<string, unknown>>): boolean {
  return issues.every((i) => !i.required || !!clauses[i.id]);
}

/** Phases in which a delegation may sign: signing is not a formal move, so the turn order never takes it away. */
export const SIGN_PHASES: readonly string[] = ['news', 'talks', 'moves', 'resolution'];

/** What accepting (or proposing) a package would do to the sequencing rule, judged on the clauses settled now. */
export interface SequencingRisk {
  /** `later` would settle with `first` not locked before it (alone or in the same package): the rule breaks. */
  laterBeforeFirst: boolean;
  /** The excluded party (Russia at the guarantee table) is a party to this package on `first`. */
  excludedAtFirst: boolean;
  /** One sentence for the player, empty when there is no risk. */
  text: string;
}

/**
 * Sequencing risk of a package between `parties` (proposer and recipients), given the clauses settled now
 * and the record so far. Seed 000: guarantees first, without Russia at that table, then the line.
 */
export function sequencingRisk(
  s: RulesScenario & { issues: readonly { id: string; title: string }[] },
  v: { clauses: Readonly<Record<string, unknown>>; sequencingBroken: boolean; record?: PlayRecord },
  parties: readonly RoleId[],
  terms: Terms,
): SequencingRisk {
  const q = s.mechanics.sequencing;
  const none = { laterBeforeFirst: false, excludedAtFirst: false, text: '' };
  if (!q) return none;
  const title = (id: string) => s.issues.find((i) => i.id === id)?.title ?? id;
  const name = (id: string) => s.roles?.find((r) => r.id === id)?.name ?? id;
  const laterBeforeFirst = !v.sequencingBroken && q.later in terms && !v.clauses[q.later] && !v.clauses[q.first];
  const ex = q.excluded;
  const excludedAtFirst =
    !!ex &&
    !(v.record?.excludedAtFirst ?? false) &&
    q.first in terms &&
    !v.clauses[q.first] &&
    parties.includes(ex.role);
  const parts: string[] = [];
  if (laterBeforeFirst)
    parts.push(
      `${title(q.later)} would be settled before ${title(q.first)} is locked${q.first in terms ? ' (the same package counts too)' : ''}: ${name(q.role)} loses ${-q.meterDelta} public support, the deal ${q.durabilityPenalty} durability${costText(q.score, name)}.`,
    );
  if (excludedAtFirst && ex)
    parts.push(
      `${name(ex.role)} would be a party to ${title(q.first)}: the deal loses ${ex.durabilityPenalty} durability and ${name(q.role)} ${-ex.meterDelta} public support${costText(ex.score, name)}.`,
    );
  const m = s.mechanics.mandate;
  if (parts.length && m?.role === q.role)
    parts.push(
      `${name(q.role)} may sign only while ${m.meter === q.meter ? 'that support' : m.meter} is at least ${m.min}.`,
    );
  return { laterBeforeFirst, excludedAtFirst, text: parts.join(' ') };
}

function costText(score: Record<string, number>, name: (id: string) => string): string {
  const xs = Object.entries(score).filter(([, x]) => x);
  return xs.length ? `; off the final score: ${xs.map(([r, x]) => `${name(r)} ${x}`).join(', ')}` : '';
}

/** Whether the package holds enough of `claimWin.options` for that role to claim a win at home. */
export function claimsWin(s: Pick<Scenario, 'mechanics'>, terms: Terms): boolean | null {
  const c = s.mechanics.durability.claimWin;
  if (!c) return null;
  return (
    c.options.filter((k) => {
      const [issue, option] = parseRedLineKey(k);
      return terms[issue] === option;
    }).length >= c.need
  );
}

/**
 * Durability (0..100) of a deal on `terms` with the world as `meters` say: the base, each option's
 * contribution, the weighted meters, whether the claimWin role can claim a win, less the sequencing
 * penalties (territory before the guarantee; the excluded party at the guarantee table). Seeds 002, 003, 000.
 */
export function durabilityOf(
  s: RulesScenario,
  terms: Terms,
  meters: Record<string, number>,
  sequencingBroken: boolean,
  excludedAtFirst = false,
): number {
  const d = s.mechanics.durability;
  let x = d.base;
  for (const [issueId, optionId] of Object.entries(terms))
    x += s.issues.find((i) => i.id === issueId)?.options.find((o) => o.id === optionId)?.durability ?? 0;
  for (const [meterId, w] of Object.entries(d.meterWeights)) {
    const m = s.meters.find((mm) => mm.id === meterId);
    if (m) x += (w * ((meters[meterId] ?? m.initial) - m.min)) / (m.max - m.min);
  }
  const win = claimsWin(s, terms);
  if (win !== null && d.claimWin) x += win ? d.claimWin.bonus : -d.claimWin.penalty;
  const q = s.mechanics.sequencing;
  if (sequencingBroken && q) x -= q.durabilityPenalty;
  if (excludedAtFirst && q?.excluded) x -= q.excluded.durabilityPenalty;
  return Math.round(Math.min(100, Math.max(0, x)));
}

/**
 * The durability estimate of the framework if this package were agreed now: settled clauses, the package,
 * then fallbacks; the meters as they are plus the package's option effects; and the sequencing penalties
 * accepting it would add. For the composer and the inbox (View + PublicScenario) as for the engine.
 */
export function packageDurability(
  s: RulesScenario & {
    issues: readonly {
      id: string;
      title: string;
      fallback?: string;
      options: readonly { id: string; durability: number; effects: Record<string, number> }[];
    }[];
  },
  v: {
    clauses: Readonly<Record<string, { option: string } | undefined>>;
    meters: Record<string, number>;
    sequencingBroken: boolean;
    record?: PlayRecord;
  },
  parties: readonly RoleId[],
  terms: Terms,
): number {
  const all: Terms = {};
  const meters = { ...v.meters };
  for (const issue of s.issues) {
    const settled = v.clauses[issue.id]?.option;
    const option = settled ?? terms[issue.id] ?? issue.fallback;
    if (!option) continue;
    all[issue.id] = option;
    if (!settled && terms[issue.id]) {
      for (const [m, d] of Object.entries(issue.options.find((o) => o.id === option)?.effects ?? {})) {
        const def = s.meters.find((x) => x.id === m);
        if (def) meters[m] = Math.min(def.max, Math.max(def.min, (meters[m] ?? def.initial) + d));
      }
    }
  }
  const risk = sequencingRisk(s, v, parties, terms);
  const q = s.mechanics.sequencing;
  if (q && risk.laterBeforeFirst) meters[q.meter] = (meters[q.meter] ?? 0) + q.meterDelta;
  if (q?.excluded && risk.excludedAtFirst) meters[q.meter] = (meters[q.meter] ?? 0) + q.excluded.meterDelta;
  return durabilityOf(
    s,
    all,
    meters,
    v.sequencingBroken || risk.laterBeforeFirst,
    (v.record?.excludedAtFirst ?? false) || risk.excludedAtFirst,
  );
}

/**
 * Whether an offer among `parties` is allowed by the formats: two delegations that refused each other
 * never sit in one offer, unless the proposer is the relay (seed 001: the US shuttles between parallel groups)
 * or it is a summit offer. Returns the refused pair, or null.
 */
export function refusedPair(
  s: Pick<Scenario, 'mechanics'>,
  refusals: readonly (readonly [RoleId, RoleId])[],
  from: RoleId,
  to: readonly RoleId[],
  summit = false,
): [RoleId, RoleId] | null {
  if (summit) return null;
  const parties = [from, ...to];
  const relay = s.mechanics.formats?.relay;
  for (const [a, b] of refusals) {
    if (!parties.includes(a) || !parties.includes(b)) continue;
    if (a === from || b === from || from !== relay) return [a, b];
  }
  return null;
}

/** Whether the leaders' channel is open: enough clauses prepared by the working groups, and not used yet (seeds 001, 003). */
export function summitOpen(
  s: Pick<Scenario, 'mechanics'>,
  v: { clauses: Readonly<Record<string, unknown>>; record?: PlayRecord },
): boolean {
  const l = s.mechanics.leaders;
  return !!l && !(v.record?.summit ?? false) && Object.keys(v.clauses).length >= l.prepared;
}

/**
 * Ratification (seed 000: ceding land without guarantees is political suicide in Kyiv): why `role` may not
 * sign now, in one sentence, or null when it may (no mandate rule, another role, or the meter high enough).
 * `meters` are the public meters now.
 */
export function mandateRefusal(
  s: Pick<Scenario, 'mechanics' | 'meters'> & { roles?: readonly { id: string; name: string }[] },
  meters: Readonly<Record<string, number>>,
  role: RoleId,
): string | null {
  const m = s.mechanics.mandate;
  if (!m || m.role !== role) return null;
  const meter = s.meters.find((x) => x.id === m.meter);
  const now = meters[m.meter] ?? meter?.initial ?? 0;
  if (now >= m.min) return null;
  const name = s.roles?.find((r) => r.id === role)?.name ?? role;
  return `${meter?.label ?? m.meter} is ${Math.round(now)}, below the ${m.min} ${name} needs to sign: a text its public rejects will not be carried out. Terms its public can accept, or a lever that wins it over, can raise it.`;
}

/**
 * Cost of time (seed 001): what one month of war costs `role`, in points: its `perRound` cost times
 * 0.5 + the scale meter's share of its range (0.5 at the meter's minimum, 1.5 at its maximum), or times 1
 * without a scale meter. `meters` are the meters now (a missing one reads as its initial value).
 */
export function monthlyWarCost(
  s: Pick<Scenario, 'mechanics' | 'meters'>,
  meters: Readonly<Record<string, number>>,
  role: RoleId,
): number {
  const cost = s.mechanics.costOfTime;
  const meter = cost.scaleMeter ? s.meters.find((m) => m.id === cost.scaleMeter) : undefined;
  const scale = meter ? 0.5 + ((meters[meter.id] ?? meter.initial) - meter.min) / (meter.max - meter.min) : 1;
  return (cost.perRound[role] ?? 0) * scale;
}

/** Fills a story template's {placeholders}. */
export function tell(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
