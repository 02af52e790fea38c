import type { PublicScenario, RoleId, View } from '../engine/index.js';

/** How open a delegation is with another: warm when trust is high, cool when it is low. */
export type Tone = 'warm' | 'plain' | 'cool';

/**
 * Trust between two delegations, 0..1, from the scenario's trust meters (public, in every view):
 * the meter `dialogue.trust` names for the pair, else `dialogue.defaultTrust`, else a meter called
 * "trust"; 0.5 when the scenario has none.
 */
export function trustBetween(view: View, s: PublicScenario, a: RoleId, b: RoleId): number {
  const d = s.dialogue;
  const pair = d?.trust.find((t) => t.between.includes(a) && t.between.includes(b) && a !== b);
  const id = pair?.meter ?? d?.defaultTrust ?? (s.meters.some((m) => m.id === 'trust') ? 'trust' : undefined);
  const meter = id ? s.meters.find((m) => m.id === id) : undefined;
  if (!meter) return 0.5;
  const v = view.meters[meter.id] ?? meter.initial;
  return meter.max > meter.min ? Math.min(1, Math.max(0, (v - meter.min) / (meter.max - meter.min))) : 0.5;
}

/** Below 0.3 of the meter's range the answers are guarded; above 0.6 they are forthcoming. */
export function toneOf(trust: number): Tone {
  return trust < 0.3 ? 'cool' : trust > 0.6 ? 'warm' : 'plain';
}
