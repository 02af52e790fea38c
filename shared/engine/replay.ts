import type { Scenario } from '../scenario/schema.js';
import { applyAction } from './apply.js';
import { createGame, type GameOptions } from './create.js';
import type { Action, GameState, Seat } from './types.js';

/** One accepted action as the event log keeps it. */
export interface LoggedAction {
  seat: Seat;
  at: number;
  action: Action;
}

/** Rebuilds a game from its options and its log of accepted actions; the same log always gives the same state. */
export function replay(s: Scenario, opts: GameOptions, log: LoggedAction[]): GameState {
  let state = createGame(s, opts);
  for (const entry of log) {
    const r = applyAction(state, entry.action, { scenario: s, seat: entry.seat, now: entry.at });
    if (r.ok) state = r.state;
  }
  return state;
}
