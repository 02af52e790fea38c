import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { currentTurn, publicScenario, viewFor, type GameState } from '../../../shared/engine/index.js';
import { decide } from '../../../shared/bots/bot.js';
import { strategy } from '../../../shared/bots/strategies.js';
import type { Strategy } from '../../../shared/bots/types.js';
import { loadScenarioFile, SCENARIO_DIR } from '../../../server/scenarios.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { run, toMoves } from './helpers.js';

// Issue 10: the bots follow the seeds' route (000): a careful Ukraine asks the US and Europe for the
// guarantee first, without Russia and without the line; the allies follow its lead, not before.
const ukraine = loadScenarioFile(join(SCENARIO_DIR, 'ukraine.json'));
const pub = publicScenario(ukraine);
const ask = (state: GameState, seat: string, strat: Strategy) =>
  decide({ view: viewFor(ukraine, state, seat), scenario: pub, strategy: strat, memory: null, rng: 7 });

/** Passes every turn until `seat` is to move in round 1. */
function until(state: GameState, seat: string): GameState {
  while (currentTurn(state) !== seat) state = run(ukraine, state, [[currentTurn(state)!, { type: 'pass' }]]);
  return state;
}

describe("the seeds' route in the bots (issue 10)", () => {
  it('a careful Ukraine opens with the guarantee to the US and Europe only, the line held back', () => {
    for (const name of ['boulware', 'conceder', 'linear', 'tft'] as const) {
      const state = until(toMoves(ukraine, 3), 'ukraine');
      const d = ask(state, 'ukraine', strategy(name, true));
      expect(d.action?.type, name).toBe('propose');
      if (d.action?.type !== 'propose') continue;
      expect([...d.action.to].sort()).toEqual(['europe', 'usa']);
      expect(d.action.terms.guarantees, name).toBeDefined();
      expect(d.action.terms.territory, name).toBeUndefined();
    }
  });

  it('a careless Ukraine does not; the allies take up the guarantee only once Ukraine has asked', () => {
    const start = until(toMoves(ukraine, 3), 'ukraine');
    const careless = ask(start, 'ukraine', strategy('linear', false));
    if (careless.action?.type === 'propose') expect([...careless.action.to].sort()).not.toEqual(['europe', 'usa']);
    // Before Ukraine asks, a careful US makes no offer on the guarantee to the allies alone.
    const usFirst = until(toMoves(ukraine, 3), 'usa');
    const before = ask(usFirst, 'usa', strategy('linear', true));
    if (before.action?.type === 'propose') {
      const alliesOnly = [...before.action.to].sort().join() === 'europe,ukraine';
      expect(alliesOnly && 'guarantees' in before.action.terms).toBe(false);
    }
    // After Ukraine's request, the careful US answers on the guarantee, with the allies only.
    const asked = run(ukraine, start, [
      ['ukraine', { type: 'propose', to: ['usa', 'europe'], terms: { guarantees: 'coalition_attack_on_one' } }],
    ]);
    const us = until(asked, 'usa');
    const after = ask(us, 'usa', strategy('boulware', true));
    expect(['propose', 'counter', 'accept']).toContain(after.action?.type);
    if (after.action?.type === 'propose' || after.action?.type === 'counter') {
      expect(after.action.terms.guarantees).toBeDefined();
      expect(after.action.terms.territory).toBeUndefined();
      if (after.action.type === 'propose') expect([...after.action.to].sort()).toEqual(['europe', 'ukraine']);
    }
  });
});

describe('an offer we can never accept (issue 10)', () => {
  it('is countered even when another recipient already accepted it: it is dead anyway', () => {
    const s = miniScenario();
    const p = publicScenario(s);
    // a offers land.x (b's red line) to b and c; c accepts first; b cannot accept and should not just let it lie.
    let state = toMoves(s);
    state = run(s, state, [['a', { type: 'propose', to: ['b', 'c'], terms: { land: 'x', guard: 'p' } }]]);
    const offer = state.offers[0].id;
    while (currentTurn(state) !== 'c') state = run(s, state, [[currentTurn(state)!, { type: 'pass' }]]);
    state = run(s, state, [['c', { type: 'accept', offer }]]);
    expect(state.offers[0].answers.c).toBe('accepted');
    // On to b's turn in round 2 (the offer is still open).
    while (!(state.round === 2 && state.phase === 'moves' && currentTurn(state) === 'b'))
      state = run(s, state, [
        state.phase === 'moves' ? [currentTurn(state)!, { type: 'pass' }] : ['facilitator', { type: 'advance' }],
      ]);
    expect(state.offers[0].status).toBe('open');
    const d = decide({
      view: viewFor(s, state, 'b'),
      scenario: p,
      strategy: strategy('conceder'),
      memory: null,
      rng: 1,
    });
    expect(d.action?.type).not.toBe('accept');
    expect(d.action).toMatchObject({ type: 'counter', offer });
  });
});
