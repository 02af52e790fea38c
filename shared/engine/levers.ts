import { own } from './draft.js';
import { gameError } from './errors.js';
import { applyEffects, roleName, roleOf, shiftWalkAway } from './lookup.js';
import { log } from './phases.js';
import type { Mine, Table } from './predicates.js';
import type { Ctx, GameError, GameState, RoleId } from './types.js';

/** Checks that `mine` may pull one of its levers; returns an error or null. */
export function checkLever(t: Pick<Table, 'spentLevers'>, mine: Mine, leverId: string): GameError | null {
  const lever = mine.levers.find((l) => l.id === leverId);
  if (!lever) return gameError('lever/unknown', `Your delegation has no lever called "${leverId}".`);
  if (t.spentLevers[mine.id]?.includes(leverId))
    return gameError('lever/used_up', `"${lever.label}" has been used as often as it can be (${lever.uses}).`);
  return null;
}

/** A lever moves the world's meters and the walk-away values, never a score directly. */
export function pullLever(state: GameState, ctx: Ctx, seat: RoleId, leverId: string): void {
  const lever = roleOf(ctx.scenario, seat)?.levers.find((l) => l.id === leverId);
  if (!lever) return;
  const used = own(own(state, 'leversUsed'), seat);
  used[leverId] = (used[leverId] ?? 0) + 1;
  applyEffects(ctx.scenario, state, lever.effects);
  shiftWalkAway(state, lever.walkAway);
  log(state, ctx, seat, 'lever', `${roleName(ctx.scenario, seat)}: ${lever.label}.`);
  // What reaches a score: a walk-away shift. Each delegation it touches is told, privately (docs/rules.md).
  for (const [r, d] of Object.entries(lever.walkAway)) {
    if (!d) continue;
    const who = r === seat ? 'Your own' : 'Your';
    log(
      state,
      ctx,
      'system',
      'walk_away',
      `${who} walk-away value moves by ${d > 0 ? '+' : ''}${d} (${roleName(ctx.scenario, seat)}: ${lever.label}). It counts in your final score.`,
      [r],
    );
  }
}
