import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAction, createGame, replay, type GameState, type LoggedAction } from '../../../shared/engine/index.js';
import type { Scenario } from '../../../shared/scenario/schema.js';
import { loadScenarioFile, SCENARIO_DIR } from '../../../server/scenarios.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { choice, interpret, type Choice } from './random-actions.js';

/** Sound score bounds for a role, given how many event cards have been played in this game. */
function scoreBounds(s: Scenario, st: GameState, role: string): [number, number] {
  const r = s.roles.find((x) => x.id === role)!;
  const cost = s.mechanics.costOfTime.perRound[role] ?? 0;
  // War cost per round is perRound x scale, scale in [0.5, 1.5] (1 without a scale meter).
  const costs = [0, st.config.rounds * cost * 1.5, st.config.rounds * cost * 0.5];
  let shiftLo = 0;
  let shiftHi = 0;
  for (const other of s.roles)
    for (const l of other.levers) {
      const d = l.walkAway[role] ?? 0;
      if (d < 0) shiftLo += d * l.uses;
      else shiftHi += d * l.uses;
    }
  const ev = s.events.map((e) => e.walkAway[role] ?? 0);
  shiftLo += st.eventsDrawn.length * Math.min(0, ...ev);
  shiftHi += st.eventsDrawn.length * Math.max(0, ...ev);
  const waLo = Math.min(...r.walkAway) + shiftLo;
  const waHi = Math.max(...r.walkAway) + shiftHi;
  let pLo = 0;
  let pHi = 0;
  for (const issue of s.issues) {
    const pts = issue.options.map((o) => r.points[issue.id][o.id]);
    pLo += Math.min(0, ...pts);
    pHi += Math.max(0, ...pts);
  }
  return [Math.min(waLo, pLo) - Math.max(...costs) - 0.01, Math.max(waHi, pHi) - Math.min(...costs) + 0.01];
}

function checkInvariants(s: Scenario, prev: GameState, st: GameState) {
  for (const m of s.meters) {
    expect(st.meters[m.id]).toBeGreaterThanOrEqual(m.min);
    expect(st.meters[m.id]).toBeLessThanOrEqual(m.max);
  }
  // A clause, once set, never changes.
  for (const [id, c] of Object.entries(prev.clauses)) expect(st.clauses[id]).toEqual(c);
  for (const o of st.offers) {
    if (o.status !== 'accepted') continue;
    for (const r of [o.from, ...o.to]) {
      const red = s.roles.find((x) => x.id === r)!.redLines;
      for (const [i, opt] of Object.entries(o.terms))
        expect(red, `${r} accepted its red line ${i}.${opt}`).not.toContain(`${i}.${opt}`);
    }
  }
  for (const r of s.roles) for (const l of r.levers) expect(st.leversUsed[r.id][l.id] ?? 0).toBeLessThanOrEqual(l.uses);
  for (const [id, c] of Object.entries(st.clauses)) {
    const issue = s.issues.find((i) => i.id === id)!;
    for (const sig of issue.signatories) expect(st.acceptances[id][sig]).toBe(c.option);
  }
  if (st.phase === 'ended') {
    expect(st.outcome).not.toBeNull();
    for (const r of s.roles) {
      const [lo, hi] = scoreBounds(s, st, r.id);
      const score = st.outcome!.scores[r.id].score;
      expect(score).toBeGreaterThanOrEqual(lo);
      expect(score).toBeLessThanOrEqual(hi);
    }
    if (st.outcome!.durability !== null) {
      expect(st.outcome!.durability).toBeGreaterThanOrEqual(0);
      expect(st.outcome!.durability).toBeLessThanOrEqual(100);
    }
  }
}

const codes: Record<string, number> = {};
const stats = { steps: 0, refused: 0, deals: 0, ended: 0, settled: 0 };

function playRandom(s: Scenario, seed: number, timed: boolean, choices: Choice[]) {
  const opts = { seed, phaseSeconds: timed ? { news: 5, talks: 20, moves: 10, resolution: 5 } : undefined };
  let st = createGame(s, opts);
  let now = 0;
  const log: LoggedAction[] = [];
  for (const c of choices) {
    now += c.wait * 1000;
    const { seat, action } = interpret(s, st, c);
    const before = JSON.stringify(st);
    const r = applyAction(st, action, { scenario: s, seat, now });
    stats.steps++;
    if (!r.ok) {
      stats.refused++;
      codes[r.error.code] = (codes[r.error.code] ?? 0) + 1;
      expect(r).not.toHaveProperty('state');
      expect(JSON.stringify(st)).toBe(before); // the input was not touched
      continue;
    }
    checkInvariants(s, st, r.state);
    st = r.state;
    log.push({ seat, at: now, action });
  }
  if (st.outcome?.kind === 'deal') stats.deals++;
  if (st.phase === 'ended') stats.ended++;
  stats.settled += Object.keys(st.clauses).length;
  expect(replay(s, opts, log)).toEqual(st);
}

describe.each([
  ['mini', miniScenario(), 250],
  ['harbour_dispute', loadScenarioFile(join(SCENARIO_DIR, 'small.json')), 250],
] as const)('random play on %s', (_name, s, numRuns) => {
  it('illegal actions change nothing; meters, clauses, red lines, levers and scores hold; replay agrees', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.boolean(),
        fc.array(choice, { minLength: 20, maxLength: 120 }),
        (seed, timed, choices) => playRandom(s, seed, timed, choices),
      ),
      { numRuns, seed: 20240601 },
    );
    // The generator must reach the interesting states, or the invariants prove little.
    expect(stats.refused).toBeGreaterThan(stats.steps / 10);
    expect(stats.steps - stats.refused).toBeGreaterThan(stats.steps / 10);
    expect(stats.ended).toBeGreaterThan(0);
    expect(stats.settled).toBeGreaterThan(0);
  });
});

it('the generator reaches signed deals and many kinds of refusal', () => {
  expect(stats.deals).toBeGreaterThan(0);
  expect(Object.keys(codes).length).toBeGreaterThan(15);
});
