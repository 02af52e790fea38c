import { own } from './draft.js';
import { gameError } from './errors.js';
import { isRole, roleName } from './lookup.js';
import { advancePhase, currentTurn, log, nextTurn } from './phases.js';
import type { Ctx, GameError, GameState, RoleId } from './types.js';

/**
 * Whether the table waits on this delegation with no timer to move it on: its turn in an untimed
 * moves phase, or its "ready" in an untimed news, talks or resolution phase. False while paused
 * (the facilitator holds the table), in setup and after the end. The room asks this for a
 * delegation nobody is present at (absent past the reconnection grace, or never taken).
 */
export function waitsOn(state: GameState, role: RoleId): boolean {
  if (state.paused || state.deadline !== null) return false;
  if (state.phase === 'moves') return currentTurn(state) === role;
  if (state.phase === 'news' || state.phase === 'talks' || state.phase === 'resolution') return !state.ready.includes(role);
  return false;
}

/**
 * The "away" action (the server's clock only): a delegation nobody is present at no longer holds an
 * untimed table. In moves its turn passes, logged for everyone; in the other phases it counts as
 * ready (said once a round, at the news). Refused with action/invalid when the table is not waiting on it.
 */
export function markAway(d: GameState, ctx: Ctx, role: RoleId): GameError | void {
  if (!isRole(ctx.scenario, role)) return gameError('seat/unknown', `There is no delegation called "${role}".`);
  if (!waitsOn(d, role)) return gameError('action/invalid', `The table is not waiting on ${roleName(ctx.scenario, role)}.`);
  const name = roleName(ctx.scenario, role);
  if (d.phase === 'moves') {
    log(d, ctx, 'system', 'away', `${name} is away: their turn passes.`);
    own(d, 'moved').push(role);
    nextTurn(d, ctx);
    return;
  }
  if (d.phase === 'news') log(d, ctx, 'system', 'away', `${name} is away: the table goes on without them until someone takes the seat.`);
  own(d, 'ready').push(role);
  if (ctx.scenario.roles.every((r) => d.ready.includes(r.id))) advancePhase(d, ctx);
}
