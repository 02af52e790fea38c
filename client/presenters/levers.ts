import { allowed, isMyTurn } from '../../shared/engine/index.js';
import type { PublicScenario, View } from '../../shared/engine/view.js';
import { meterLabel, possessive, roleName, signed } from './labels.js';

export interface LeverModel {
  id: string;
  label: string;
  description: string;
  /** What it will do, in words: meters moved and walk-away shifts. */
  effects: string[];
  usesLeft: number;
  uses: number;
  canUse: boolean;
  reason: string;
}

/** The delegation's levers, what each will do, and whether it can be pulled now. */
export function leverModels(s: PublicScenario, v: View): LeverModel[] {
  const me = v.me;
  if (!me) return [];
  const myTurn = isMyTurn(v, s, v.seat);
  return me.role.levers.map((l) => {
    const used = me.leversUsed[l.id] ?? 0;
    const usesLeft = Math.max(0, l.uses - used);
    const effects = [
      ...Object.entries(l.effects).map(([m, d]) => `${meterLabel(s, m)} ${signed(d)}`),
      ...Object.entries(l.walkAway).map(([r, d]) => `${possessive(roleName(s, r))} walk-away value ${signed(d)}`),
    ];
    const reason =
      usesLeft === 0
        ? 'Used up.'
        : myTurn
          ? ''
          : 'A lever is a formal move: use it in your turn during the moves phase.';
    return {
      id: l.id,
      label: l.label,
      description: l.description,
      effects,
      usesLeft,
      uses: l.uses,
      canUse: allowed(v, s, { type: 'lever', lever: l.id }),
      reason,
    };
  });
}

/** The confirmation's button: "Yes, add sanctions on Russian oil" (only the label's first letter lowered). */
export function confirmLabel(l: Pick<LeverModel, 'label'>): string {
  return `Yes, ${l.label.charAt(0).toLowerCase()}${l.label.slice(1)}`;
}

/**
 * Why the lever a confirmation is open for can no longer be pulled (the turn passed, the table paused, it was used
 * up), or null while it still can: the open confirmation then closes and says so, rather than offer a dead "Yes".
 */
export function leverGone(models: readonly LeverModel[], id: string): string | null {
  const m = models.find((l) => l.id === id);
  if (m?.canUse) return null;
  return m?.reason || 'That lever cannot be used just now.';
}
