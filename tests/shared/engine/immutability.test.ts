import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyAction, createGame } from '../../../shared/engine/index.js';
import { loadScenarioFile, SCENARIO_DIR } from '../../../server/scenarios.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { nextAction, rng } from './random-play.js';

// The engine copies on write by hand (shared/engine/draft.ts). Every state here is deep-frozen before
// an action is applied to it, so a write that bypasses the copy throws instead of changing history.

function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

describe.each([
  ['mini', miniScenario()],
  ['harbour_dispute', loadScenarioFile(join(SCENARIO_DIR, 'small.json'))],
  ['ukraine', loadScenarioFile(join(SCENARIO_DIR, 'ukraine.json'))],
] as const)('applying an action never changes the state it started from (%s)', (_name, s) => {
  it('every kind of action, accepted or refused, on deep-frozen states', () => {
    const kinds = new Set<string>();
    let accepted = 0;
    for (let game = 0; game < 25; game++) {
      const r = rng(game + 1);
      let st = deepFreeze(
        createGame(s, {
          seed: game,
          phaseSeconds: game % 2 ? { news: 5, talks: 20, moves: 10, resolution: 5 } : undefined,
        }),
      );
      let now = 0;
      for (let i = 0; i < 400 && st.phase !== 'ended'; i++) {
        now += r(30) * 1000;
        const { seat, action } = nextAction(s, st, r);
        const before = JSON.stringify(st);
        const res = applyAction(st, action, { scenario: s, seat, now });
        // The same action on an unfrozen copy gives the same answer.
        const twin = applyAction(structuredClone(st), action, { scenario: s, seat, now });
        expect(JSON.stringify(twin)).toBe(JSON.stringify(res));
        expect(JSON.stringify(st)).toBe(before);
        if (res.ok) {
          kinds.add(action.type);
          accepted++;
          st = deepFreeze(res.state);
        }
      }
    }
    expect(accepted).toBeGreaterThan(800);
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining([
        'accept',
        'advance',
        'chat',
        'counter',
        'lever',
        'pass',
        'propose',
        'ready',
        'reject',
        'start',
      ]),
    );
  });
});
