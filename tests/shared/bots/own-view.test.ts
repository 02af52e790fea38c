import { describe, expect, it } from 'vitest';
import { publicScenario, viewFor, type View } from '../../../shared/engine/index.js';
import { decide } from '../../../shared/bots/bot.js';
import { playBotGame } from '../../../shared/bots/self-play.js';
import { STRATEGIES, strategy } from '../../../shared/bots/strategies.js';
import type { Scenario } from '../../../shared/scenario/schema.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { loadScenarios } from '../../../server/scenarios.js';

/** The same scenario with every delegation's secrets except `keep`'s replaced by different ones. */
function otherSecrets(s: Scenario, keep: string): Scenario {
  return {
    ...s,
    roles: s.roles.map((r, k) =>
      r.id === keep
        ? r
        : {
            ...r,
            confidential: { ...r.confidential, brief: `changed ${k}`, interests: ['changed'] },
            points: Object.fromEntries(
              Object.entries(r.points).map(([i, t]) => [
                i,
                Object.fromEntries(Object.entries(t).map(([o, v], j) => [o, (v * 7 + j * 13 + k) % 50])),
              ]),
            ),
            redLines: [],
            walkAway: r.walkAway.map((w) => w + 11),
          },
    ),
  };
}

/** A view that throws if the bot reads anything a delegation's own view does not hold. */
function guarded(view: View): View {
  return new Proxy(view, {
    get(target, key, recv) {
      if (key === 'all') throw new Error("a bot read another seat's private data");
      if (typeof key === 'string' && !(key in target)) throw new Error(`a bot read "${key}", which is not in its view`);
      return Reflect.get(target, key, recv);
    },
  });
}

function check(s: Scenario, games: number): number {
  const pub = publicScenario(s);
  let decisions = 0;
  for (let seed = 1; seed <= games; seed++) {
    const strategies = Object.fromEntries(
      s.roles.map((r, i) => [r.id, strategy(STRATEGIES[(seed + i) % STRATEGIES.length], seed % 2 === 0)]),
    );
    playBotGame(s, {
      seed,
      strategies,
      observe: (state, input, d) => {
        const role = input.view.seat;
        decisions++;
        // Given the facilitator's data on every seat, the bot decides exactly the same.
        const all = viewFor(s, state, 'facilitator').all;
        expect(decide({ ...input, view: { ...input.view, all } })).toEqual(d);
        // It never touches `all` or anything outside its own view.
        expect(decide({ ...input, view: guarded(input.view) })).toEqual(d);
        // Other seats' secrets (points, red lines, walk-away, briefs) do not change its move.
        const s2 = otherSecrets(s, role);
        expect(decide({ ...input, view: viewFor(s2, state, role), scenario: publicScenario(s2) })).toEqual(d);
        expect(JSON.stringify(input.scenario)).toBe(JSON.stringify(pub));
      },
    });
  }
  return decisions;
}

describe('a bot reads only its own view', () => {
  it('on the mini scenario', () => {
    expect(check(miniScenario(), 20)).toBeGreaterThan(100);
  });

  it('on every shipped scenario', () => {
    const all = loadScenarios();
    expect(all.size).toBeGreaterThanOrEqual(2);
    for (const s of all.values()) expect(check(s, 6)).toBeGreaterThan(50);
  }, 120_000);
});
