import type { Scenario } from '../scenario/schema.js';
import { nextRandom } from './rng.js';
import { issueOf, round2 } from './lookup.js';
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
export function packageInForce(issues: readonly { id: string; fallback?: string }[], clauses: Readonly<Record<string, { option: string } | undefined>>): Terms {
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

/** Durability (0..100) of a deal on these terms with the world as the meters say. */
export function durabilityOf(s: Scenario, terms: Terms, meters: Record<string, number>, sequencingBroken: boolean): number {
  const d = s.mechanics.durability;
  let x = d.base;
  for (const [issueId, optionId] of Object.entries(terms))
    x += issueOf(s, issueId)?.options.find((o) => o.id === optionId)?.durability ?? 0;
  for (const [meterId, w] of Object.entries(d.meterWeights)) {
    const m = s.meters.find((mm) => mm.id === meterId);
    if (m) x += (w * ((meters[meterId] ?? m.initial) - m.min)) / (m.max - m.min);
  }
  // Territory signed before the guarantee was locked makes the deal more fragile (seed 000).
  if (sequencingBroken && s.mechanics.sequencing) x -= s.mechanics.sequencing.durabilityPenalty;
  return Math.round(Math.min(100, Math.max(0, x)));
}

/** Final score: deal points weighted by durability against the walk-away value, less the war's cost. */
export function scoreRole(s: Scenario, state: GameState, role: RoleId, terms: Terms | null, durability: number | null): RoleScore {
  const walkAway = walkAwayValue(s, state, role);
  const warCost = round2(state.warCost[role] ?? 0);
  const noDealScore = round2(walkAway - warCost);
  if (!terms || durability === null) return { role, dealPoints: null, walkAway, warCost, score: noDealScore, noDealScore, gain: 0 };
  const dealPoints = packagePoints(s, role, terms);
  const d = durability / 100;
  const score = round2(d * dealPoints + (1 - d) * walkAway - warCost);
  return { role, dealPoints, walkAway, warCost, score, noDealScore, gain: round2(score - noDealScore) };
}

/** Builds the outcome of a finished game; the RNG decides whether the war resumed. */
export function buildOutcome(s: Scenario, state: GameState, kind: Outcome['kind']): { outcome: Outcome; rng: number } {
  const deal = kind === 'deal';
  const terms = deal ? termsInForce(s, state) : {};
  const durability = deal ? durabilityOf(s, terms, state.meters, state.sequencingBroken) : null;
  const scores: Record<RoleId, RoleScore> = {};
  for (const r of s.roles) scores[r.id] = scoreRole(s, state, r.id, deal ? terms : null, durability);
  let rng = state.rng;
  let warResumed: boolean | null = null;
  const aftermath: string[] = [];
  if (deal && durability !== null) {
    let roll: number;
    [roll, rng] = nextRandom(rng);
    warResumed = roll * 100 >= durability;
    aftermath.push(...storyOfDeal(durability, warResumed, state.sequencingBroken, roll));
  } else {
    aftermath.push(
      kind === 'ended'
        ? 'The talks were called off before the delegations could agree. The fighting goes on.'
        : 'The last round passed without a signed framework. The war enters another season, and every side pays for it.',
    );
  }
  return { outcome: { kind, round: state.round, terms, durability, scores, sequencingBroken: state.sequencingBroken, aftermath, warResumed }, rng };
}

function storyOfDeal(durability: number, resumed: boolean, sequencingBroken: boolean, roll: number): string[] {
  const lines: string[] = [];
  lines.push(
    durability >= 70
      ? 'Year one: the agreement holds. Monitors log incidents along the line, and each one is settled at the table.'
      : durability >= 45
        ? 'Year one: the agreement holds, but violations are frequent and each side accuses the other of rearming.'
        : 'Year one: the agreement is fragile from the start; shelling returns to parts of the line within weeks.',
  );
  if (sequencingBroken)
    lines.push('The territorial clause was signed before the guarantee was locked; at home it is seen as a surrender, and the government that signed it is weakened.');
  if (resumed) {
    const year = 2 + Math.floor(roll * 3);
    lines.push(`Year ${year}: the war resumes. The guarantees and the monitoring were not strong enough to deter a new offensive.`);
  } else {
    lines.push('Years two to five: the line stays quiet. Reconstruction begins and the talks move on to the harder political questions.');
  }
  return lines;
}
