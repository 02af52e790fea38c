import type { Strategy, StrategyName } from './types.js';

export const STRATEGIES: StrategyName[] = ['boulware', 'conceder', 'linear', 'tft'];

/** Concession exponent e of a(t) = res + (1 - res)(1 - t^(1/e)): e < 1 holds out, e > 1 gives early. */
const EXPONENT: Record<Exclude<StrategyName, 'tft'>, number> = { boulware: 0.3, conceder: 2.5, linear: 1 };

export function isStrategyName(x: string): x is StrategyName {
  return (STRATEGIES as string[]).includes(x);
}

export function strategy(name: StrategyName, careful = true): Strategy {
  return { name, careful };
}

function timeCurve(e: number, t: number, res: number): number {
  return res + (1 - res) * (1 - Math.pow(Math.min(1, Math.max(0, t)), 1 / e));
}

/**
 * Aspiration: the share of its own range (0 = worst, 1 = best) a bot wants now.
 * `mirror` is how far the others have already come toward this bot (0..1), for tit-for-tat.
 */
export function aspiration(s: Strategy, t: number, res: number, mirror: number): number {
  if (s.name === 'tft') {
    // Relative tit-for-tat: give back what the others gave, starting with a small opening step;
    // a Boulware floor makes sure it still reaches its reservation at the deadline.
    const mirrored = res + (1 - res) * Math.max(0, 0.92 - mirror);
    return Math.min(mirrored, timeCurve(EXPONENT.boulware, t, res));
  }
  return timeCurve(EXPONENT[s.name], t, res);
}
