import type { Scenario } from '../scenario/schema.js';
import { nextRandom } from './rng.js';
import { issueOf, optionLabel, roleName, round2 } from './lookup.js';
import { durabilityOf, tell } from './mechanics.js';
import { NO_RECORD } from './create.js';
import type { GameState, Outcome, RoleId, RoleScore, Terms } from './types.js';

/** Value of "no deal, the war goes on" for a role at a given round, with lever and event shifts. */
export function walkAwayValue(s: Scenario, state: GameState, role: RoleId, round = Math.max(1, state.round)): number {
  const r = s.roles.find((x) => x.id === role);
  if (!r) return 0;
  const base = r.walkAway[Math.min(round, r.walkAway.length) - 1];
  return round2(base + (state.walkAwayShift[role] ?? 0));
}

/** The package in force: settled clauses, and each open issue's fallback where it has one. */
export function termsInForce(s: Scenario, state: GameState): Terms {
  return packageInForce(s.issues, state.clauses);
}

/** The same rule over any agenda and clauses, e.g. a seat's view and the public scenario. */
export function packageInForce(
  issues: readonly { id: string; fallback?: string }[],
  clauses: Readonly<Record<string, { option: string } | undefined>>,
): Terms {
  const terms: Terms = {};
  for (const issue of issues) {
    const c = clauses[issue.id];
    if (c) terms[issue.id] = c.option;
    else if (issue.fallback) terms[issue.id] = issue.fallback;
  }
  return terms;
}

/** Private value of a package (issueId -> optionId) to one role. */
export function packagePoints(s: Scenario, role: RoleId, terms: Terms): number {
  const r = s.roles.find((x) => x.id === role);
  if (!r) return 0;
  let sum = 0;
  for (const [issue, option] of Object.entries(terms)) sum += r.points[issue]?.[option] ?? 0;
  return round2(sum);
}

/** Durability (0..100) of a deal: the rule lives in mechanics.ts (the client calls it too). */
export { durabilityOf } from './mechanics.js';

/** Final score: deal points weighted by durability against the walk-away value, less the war's cost and any political cost. */
export function scoreRole(
  s: Scenario,
  state: GameState,
  role: RoleId,
  terms: Terms | null,
  durability: number | null,
): RoleScore {
  const walkAway = walkAwayValue(s, state, role);
  const warCost = round2(state.warCost[role] ?? 0);
  const political = round2(state.politicalCost?.[role] ?? 0);
  const noDealScore = round2(walkAway - warCost - political);
  if (!terms || durability === null)
    return { role, dealPoints: null, walkAway, warCost, score: noDealScore, noDealScore, gain: 0 };
  const dealPoints = packagePoints(s, role, terms);
  const d = durability / 100;
  const score = round2(d * dealPoints + (1 - d) * walkAway - warCost - political);
  return { role, dealPoints, walkAway, warCost, score, noDealScore, gain: round2(score - noDealScore) };
}

/** Builds the outcome of a finished game; the RNG decides whether the war resumed. */
export function buildOutcome(s: Scenario, state: GameState, kind: Outcome['kind']): { outcome: Outcome; rng: number } {
  const deal = kind === 'deal';
  const record = state.record ?? NO_RECORD;
  const terms = deal ? termsInForce(s, state) : {};
  const durability = deal ? durabilityOf(s, terms, state.meters, state.sequencingBroken, record.excludedAtFirst) : null;
  const scores: Record<RoleId, RoleScore> = {};
  for (const r of s.roles) scores[r.id] = scoreRole(s, state, r.id, deal ? terms : null, durability);
  let rng = state.rng;
  let warResumed: boolean | null = null;
  let snapBack = false;
  const aftermath: string[] = [];
  if (deal && durability !== null) {
    let roll: number;
    [roll, rng] = nextRandom(rng);
    warResumed = roll * 100 >= durability;
    const sb = s.mechanics.snapBack;
    snapBack = warResumed && !!sb && sb.options.includes(terms[sb.issue]);
    aftermath.push(...storyOfDeal(s, state, terms, durability, warResumed, snapBack, roll));
  } else {
    aftermath.push(kind === 'ended' ? s.story.aftermathEnded : s.story.aftermathNoDeal);
  }
  return {
    outcome: {
      kind,
      round: state.round,
      terms,
      durability,
      scores,
      sequencingBroken: state.sequencingBroken,
      record,
      snapBack,
      aftermath,
      warResumed,
    },
    rng,
  };
}

/** The aftermath of a deal, in the scenario's words (scenario.story). */
function storyOfDeal(
  s: Scenario,
  state: GameState,
  terms: Terms,
  durability: number,
  resumed: boolean,
  snapBack: boolean,
  roll: number,
): string[] {
  const t = s.story;
  const q = s.mechanics.sequencing;
  const names = {
    first: q ? (issueOf(s, q.first)?.title ?? q.first) : '',
    later: q ? (issueOf(s, q.later)?.title ?? q.later) : '',
    role: q ? roleName(s, q.role) : '',
    excluded: q?.excluded ? roleName(s, q.excluded.role) : '',
  };
  const lines = [durability >= 70 ? t.aftermathStrong : durability >= 45 ? t.aftermathMiddling : t.aftermathFragile];
  if (state.sequencingBroken) lines.push(tell(t.aftermathSequencing, names));
  if ((state.record ?? NO_RECORD).excludedAtFirst) lines.push(tell(t.aftermathExcluded, names));
  if (resumed) {
    lines.push(tell(t.aftermathResumed, { year: 2 + Math.floor(roll * 3) }));
    const sb = s.mechanics.snapBack;
    if (snapBack && sb) lines.push(tell(t.aftermathSnapBack, { option: optionLabel(s, sb.issue, terms[sb.issue]) }));
  } else lines.push(t.aftermathQuiet);
  return lines;
}
