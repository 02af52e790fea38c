import type { PublicScenario, RoleId, Terms } from '../engine/index.js';
import { nextRandom } from '../engine/rng.js';
import { appeal, type Model } from './opponent-model.js';
import { allowed, pts, range, type Self } from './utility.js';

export interface SearchInput {
  me: Self;
  s: PublicScenario;
  /** Issues the package must cover (all open). */
  issues: string[];
  /** Share of its own range on these issues the bot must keep (0..1). */
  level: number;
  /** Whose appeal the package should maximise. */
  recipients: RoleId[];
  model: Model;
  rng: number;
  /** Start from these terms (a counter to an offer) instead of from the bot's own ideal. */
  start?: Terms;
}

export interface Found {
  terms: Terms;
  own: number;
  appeal: number;
  rng: number;
}

/**
 * Trade-off search on the bot's iso-utility level: from a starting package, make the concession
 * that buys the others the most appeal per point given up, until the next one would take the bot
 * below its level. Linear additive utility makes this greedy ratio rule a good approximation.
 */
export function search(inp: SearchInput): Found {
  const { me, s, issues, recipients, model } = inp;
  let rng = inp.rng;
  const { min, max } = range(me, s, issues);
  const need = min + inp.level * (max - min) - 1e-9;
  const opts: Record<string, string[]> = {};
  const ap: Record<string, Record<string, number>> = {};
  for (const id of issues) {
    const issue = s.issues.find((i) => i.id === id)!;
    opts[id] = allowed(me, issue);
    ap[id] = {};
    for (const o of opts[id]) {
      let noise: number;
      [noise, rng] = nextRandom(rng);
      // A little noise lets bots explore different trades from the same position.
      ap[id][o] = appeal(model, recipients, s, id, o) + 0.05 * noise;
    }
  }
  const cur: Terms = {};
  for (const id of issues) {
    const best = opts[id].reduce((b, o) => (better(me, ap, id, o, b) ? o : b), opts[id][0]);
    const st = inp.start?.[id];
    cur[id] = st && opts[id].includes(st) ? st : best;
  }
  let own = issues.reduce((v, id) => v + pts(me, id, cur[id]), 0);
  // From a counter's start: first win back enough for ourselves, costing them as little as possible.
  for (let guard = 0; own < need && guard < 200; guard++) {
    let pick: [string, string, number] | null = null;
    for (const id of issues)
      for (const o of opts[id]) {
        const gain = pts(me, id, o) - pts(me, id, cur[id]);
        if (gain <= 0) continue;
        const ratio = gain / (Math.max(0, ap[id][cur[id]] - ap[id][o]) + 0.05);
        if (!pick || ratio > pick[2]) pick = [id, o, ratio];
      }
    if (!pick) break;
    own += pts(me, pick[0], pick[1]) - pts(me, pick[0], cur[pick[0]]);
    cur[pick[0]] = pick[1];
  }
  // Then give what costs us least and pleases them most, staying on or above our level.
  for (let guard = 0; guard < 200; guard++) {
    let pick: [string, string, number] | null = null;
    for (const id of issues)
      for (const o of opts[id]) {
        const gain = ap[id][o] - ap[id][cur[id]];
        if (gain <= 1e-9) continue;
        const loss = pts(me, id, cur[id]) - pts(me, id, o);
        if (own - loss < need) continue;
        const ratio = loss <= 0 ? Infinity : gain / loss;
        if (!pick || ratio > pick[2]) pick = [id, o, ratio];
      }
    if (!pick) break;
    own += pts(me, pick[0], pick[1]) - pts(me, pick[0], cur[pick[0]]);
    cur[pick[0]] = pick[1];
  }
  const total = issues.reduce((v, id) => v + ap[id][cur[id]], 0);
  return { terms: cur, own, appeal: total, rng };
}

function better(me: Self, ap: Record<string, Record<string, number>>, id: string, o: string, b: string): boolean {
  const d = pts(me, id, o) - pts(me, id, b);
  return d > 0 || (d === 0 && ap[id][o] > ap[id][b]);
}
