import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replay, type LoggedAction } from '../../../shared/engine/index.js';
import type { Scenario } from '../../../shared/scenario/schema.js';
import { loadScenarioFile, SCENARIO_DIR } from '../../../server/scenarios.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { runScript, type Step } from './helpers.js';
import { consensusPackage, ScriptBuilder } from './script-builder.js';

const ukraine = loadScenarioFile(join(SCENARIO_DIR, 'ukraine.json'));

/** A whole game: some talk, a lever, a package, signatures. */
function playedGame(s: Scenario, seed: number) {
  const ids = s.roles.map((r) => r.id);
  const b = new ScriptBuilder(s, { seed, rounds: Math.min(4, s.rounds.max) });
  b.step('facilitator', { type: 'start' });
  b.step(ids[1], { type: 'chat', channel: 'public', text: 'Opening statement.' });
  b.toMoves();
  const lever = s.roles[0].levers[0];
  b.step(ids[0], lever ? { type: 'lever', lever: lever.id } : { type: 'pass' });
  b.step(ids[0], { type: 'pass' }, 'move/not_your_turn');
  const proposer = b.t.turn();
  b.step(proposer, { type: 'propose', to: ids.filter((r) => r !== proposer), terms: consensusPackage(s) });
  b.acceptAll(b.state.offers.at(-1)!.id);
  b.signAll();
  return b;
}

/** Start, then 32 advances and no moves. */
function allAdvance(): Step[] {
  const steps: Step[] = [['facilitator', { type: 'start' }, null]];
  for (let i = 0; i < 4 * 8; i++) steps.push(['facilitator', { type: 'advance' }, null]);
  return steps;
}

describe('replay', () => {
  for (const [name, s] of [
    ['mini', miniScenario()],
    ['ukraine', ukraine],
  ] as const) {
    it(`${name}: the same seed and log give a deep-equal state, including the seeded aftermath`, () => {
      const b = playedGame(s, 77);
      const { state, log, opts } = runScript(s, 77, b.steps, { rounds: Math.min(4, s.rounds.max) });
      expect(state.outcome!.kind).toBe('deal');
      const again = replay(s, opts, log);
      expect(again).toEqual(state);
      expect(again).not.toBe(state);
      expect(replay(s, opts, log)).toEqual(again);
    });
  }

  it('refused entries in a log are skipped, so a log with noise replays to the same state', () => {
    const s = miniScenario();
    const b = playedGame(s, 5);
    const { state, log, opts } = runScript(s, 5, b.steps, { rounds: 3 });
    const noisy: LoggedAction[] = log.flatMap((e) => [
      e,
      { seat: 'c', at: e.at, action: { type: 'withdraw', offer: 'o404' } },
    ]);
    expect(replay(s, opts, noisy)).toEqual(state);
  });

  it('a different seed draws different events; the same seed the same ones', () => {
    const draws = (seed: number) => runScript(ukraine, seed, allAdvance()).state.eventsDrawn.map((e) => e.id);
    const one = draws(1);
    expect(one).toHaveLength(8);
    expect(new Set(one).size).toBe(8); // without replacement within a deck
    expect(draws(1)).toEqual(one);
    expect(draws(2)).not.toEqual(one);
    const seen = new Set([1, 2, 3, 4, 5].map((x) => draws(x).join(',')));
    expect(seen.size).toBeGreaterThan(1);
  });

  it('the state holds the RNG: replaying half a log and continuing equals the whole', () => {
    const s = ukraine;
    const { state, log, opts } = runScript(s, 8, allAdvance());
    const half = replay(s, opts, log.slice(0, 10));
    expect(half.rng).not.toBe(state.rng);
    expect(replay(s, opts, log)).toEqual(state);
  });
});
