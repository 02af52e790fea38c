// Seeded RNG (mulberry32). The engine keeps the RNG state inside the game state,
// so replaying the same actions from the same seed gives the same game.

/** Returns a float in [0, 1) and the next RNG state. */
export function nextRandom(rng: number): [number, number] {
  const next = (rng + 0x6d2b79f5) | 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, next];
}

/** Picks an index with probability proportional to its weight. */
export function weightedIndex(weights: number[], rng: number): [number, number] {
  const [r, next] = nextRandom(rng);
  const total = weights.reduce((a, b) => a + b, 0);
  let x = r * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i];
    if (x < 0) return [i, next];
  }
  return [weights.length - 1, next];
}

/** Turns any integer seed into a usable RNG state. */
export function seedRng(seed: number): number {
  return (Math.imul(seed | 0, 2654435761) ^ 0x5bd1e995) | 0;
}
