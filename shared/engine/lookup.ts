import type { Issue, Role, Scenario } from '../scenario/schema.js';
import { own } from './draft.js';
import type { GameState, RoleId } from './types.js';

export function roleOf<R extends { id: string } = Role>(s: { roles: readonly R[] }, id: string): R | undefined {
  return s.roles.find((r) => r.id === id);
}

export function issueOf(s: { issues: readonly Issue[] }, id: string): Issue | undefined {
  return s.issues.find((i) => i.id === id);
}

export function isRole(s: { roles: readonly { id: string }[] }, id: string): boolean {
  return s.roles.some((r) => r.id === id);
}

export function roleIds(s: Scenario): RoleId[] {
  return s.roles.map((r) => r.id);
}

export function optionLabel(s: { issues: readonly Issue[] }, issueId: string, optionId: string): string {
  const issue = issueOf(s, issueId);
  return issue?.options.find((o) => o.id === optionId)?.label ?? optionId;
}

export function roleName(s: { roles: readonly { id: string; name: string }[] }, id: string): string {
  return roleOf(s, id)?.name ?? id;
}

/** Moves a meter, kept within its range. */
export function shiftMeter(s: Scenario, state: GameState, meterId: string, delta: number): void {
  const m = s.meters.find((x) => x.id === meterId);
  if (!m) return;
  const v = (state.meters[meterId] ?? m.initial) + delta;
  own(state, 'meters')[meterId] = round2(Math.min(m.max, Math.max(m.min, v)));
}

export function applyEffects(s: Scenario, state: GameState, effects: Record<string, number>): void {
  for (const [m, d] of Object.entries(effects)) shiftMeter(s, state, m, d);
}

export function shiftWalkAway(state: GameState, shifts: Record<string, number>): void {
  for (const [r, d] of Object.entries(shifts))
    own(state, 'walkAwayShift')[r] = round2((state.walkAwayShift[r] ?? 0) + d);
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The bilateral channel id of two roles, in a fixed order. */
export function bilateralChannel(a: RoleId, b: RoleId): string {
  return a < b ? `bi:${a}:${b}` : `bi:${b}:${a}`;
}

/** Whether a or b has refused to deal directly with the other (offers and their bilateral chat). */
export function isRefused(t: { refusals: readonly (readonly [RoleId, RoleId])[] }, a: RoleId, b: RoleId): boolean {
  return t.refusals.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}
