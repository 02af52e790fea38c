import { own } from './draft.js';
import { roleName } from './lookup.js';
import { advancePhase, currentTurn, log, nextTurn } from './phases.js';
import { tableWaitsOn } from './predicates.js';
import type { Ctx, GameState, RoleId } from './types.js';

/** Whether the untimed table waits on this delegation (predicates.ts tableWaitsOn, read off the whole state). */
export function waitsOn(state: GameState, role: RoleId): boolean {
  return tableWaitsOn({ ...state, turn: currentTurn(state) }, role);
}

/**
 * The "away" action (the server's clock only): a delegation nobody is present at no longer holds an
 * untimed table. In moves its turn passes, logged for everyone; in the other phases it counts as
 * ready (said once a round, at the news). Checked first by permits.ts (awayRefusal): the table must wait on it.
 */
export function markAway(d: GameState, ctx: Ctx, role: RoleId): void {
  const name = roleName(ctx.scenario, role);
  if (d.phase === 'moves') {
    log(d, ctx, 'system', 'away', `${name} is away: their turn passes.`);
    own(d, 'moved').push(role);
    nextTurn(d, ctx);
    return;
  }
  if (d.phase === 'news')
    log(d, ctx, 'system', 'away', `${name} is away: the table goes on without them until someone takes the seat.`);
  own(d, 'ready').push(role);
  if (ctx.scenario.roles.every((r) => d.ready.includes(r.id))) advancePhase(d, ctx);
}
