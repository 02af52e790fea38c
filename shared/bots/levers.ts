import type { PublicScenario, View } from '../engine/index.js';
import type { Self } from './utility.js';

type Lever = Self['role']['levers'][number];

/**
 * How much a lever serves its owner, in rough points: it helps when it lowers the others'
 * walk-away (they must concede more), hurts when it lowers our own, and counts its pull on
 * the meters that make a deal durable or the war costly.
 */
export function leverValue(view: View, s: PublicScenario, me: Self, lever: Lever): number {
  let v = 0;
  for (const [r, d] of Object.entries(lever.walkAway)) v += r === me.id ? d : -0.5 * d;
  const dur = s.mechanics.durability.meterWeights;
  const cost = s.mechanics.costOfTime;
  const left = Math.max(0, view.rounds - view.round);
  for (const [m, d] of Object.entries(lever.effects)) {
    const meter = s.meters.find((x) => x.id === m);
    if (!meter) continue;
    const span = meter.max - meter.min || 1;
    v += (0.3 * ((dur[m] ?? 0) * d)) / span;
    if (cost.scaleMeter === m) v -= ((cost.perRound[me.id] ?? 0) * d * left) / span;
  }
  return v;
}

export function bestLever(view: View, s: PublicScenario, me: Self): { lever: Lever; value: number } | null {
  let best: { lever: Lever; value: number } | null = null;
  for (const l of me.role.levers) {
    if (view.spentLevers[me.id]?.includes(l.id)) continue;
    const value = leverValue(view, s, me, l);
    if (!best || value > best.value) best = { lever: l, value };
  }
  return best;
}
