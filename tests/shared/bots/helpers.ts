import { applyAction, createGame, type Action, type GameState, type Seat } from '../../../shared/engine/index.js';
import type { Scenario } from '../../../shared/scenario/schema.js';
import { playBotGame } from '../../../shared/bots/self-play.js';
import { STRATEGIES, strategy } from '../../../shared/bots/strategies.js';
import { expect } from 'vitest';

/** Applies actions in order and fails loudly if the engine refuses one. */
export function run(s: Scenario, state: GameState, steps: [Seat, Action][]): GameState {
  let now = 1000;
  for (const [seat, action] of steps) {
    const r = applyAction(state, action, { scenario: s, seat, now: (now += 1000) });
    if (!r.ok) throw new Error(`${seat} ${action.type}: ${r.error.code} ${r.error.message}`);
    state = r.state;
  }
  return state;
}

/** A fresh untimed game moved on to the moves phase of round 1. */
export function toMoves(s: Scenario, seed = 1): GameState {
  const state = createGame(s, { seed, phaseSeconds: { news: 0, talks: 0, moves: 0, resolution: 0 } });
  return run(s, state, [
    ['facilitator', { type: 'start' }],
    ['facilitator', { type: 'advance' }],
    ['facilitator', { type: 'advance' }],
  ]);
}

/** A spread of strategies and care across seats, varying with the seed. */
export function mix(s: Scenario, seed: number) {
  return Object.fromEntries(
    s.roles.map((r, i) => [r.id, strategy(STRATEGIES[(seed * 7 + i * 3) % STRATEGIES.length], (seed + i) % 3 !== 0)]),
  );
}

/** Plays many seeded games and returns every refused action and how the games ended. */
export function sweep(s: Scenario, games: number) {
  const illegal: unknown[] = [];
  const kinds: Record<string, number> = {};
  for (let seed = 1; seed <= games; seed++) {
    const r = playBotGame(s, { seed, strategies: mix(s, seed) });
    illegal.push(...r.illegal.map((x) => ({ seed, ...x })));
    expect(r.state.phase).toBe('ended');
    kinds[r.state.outcome!.kind] = (kinds[r.state.outcome!.kind] ?? 0) + 1;
  }
  return { illegal, kinds };
}
