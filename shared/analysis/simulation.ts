// Balance statistics over many bot-only games (the figures `npm run simulate` prints).
import { playBotGame } from '../bots/self-play.js';
import { isStrategyName, STRATEGIES, strategy } from '../bots/strategies.js';
import type { Strategy, StrategyName } from '../bots/types.js';
import { nextRandom, seedRng } from '../engine/rng.js';
import type { Scenario } from '../scenario/schema.js';
import { gapToFrontier, paretoFrontier } from './pareto.js';

export interface SimulationOptions {
  games: number;
  seed: number;
  /** Comma list: plain names are drawn from per seat, `role=name` fixes a seat. */
  strategies: string;
  /** Probability that a seat's bot is careful about sequencing (never lets the later issue settle first). */
  careful: number;
  rounds?: number;
  /** Milliseconds from some origin, for the speed figures only; without it they read 0. */
  clock?: () => number;
}

export type SpecResult =
  | { ok: true; fixed: Record<string, StrategyName>; pool: StrategyName[] }
  | { ok: false; code: 'simulate/bad_strategy' | 'simulate/bad_role'; message: string };

/** Parses a strategy list such as "boulware,tft" or "russia=tft,linear". */
export function parseStrategySpec(s: Scenario, spec: string): SpecResult {
  const fixed: Record<string, StrategyName> = {};
  const pool: StrategyName[] = [];
  for (const part of spec
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)) {
    const [k, v] = part.includes('=') ? part.split('=').map((x) => x.trim()) : [null, part];
    if (!isStrategyName(v))
      return {
        ok: false,
        code: 'simulate/bad_strategy',
        message: `unknown strategy "${v}" (have: ${STRATEGIES.join(', ')})`,
      };
    if (k !== null && !s.roles.some((r) => r.id === k))
      return {
        ok: false,
        code: 'simulate/bad_role',
        message: `no role "${k}" in ${s.id} (have: ${s.roles.map((r) => r.id).join(', ')})`,
      };
    if (k) fixed[k] = v;
    else pool.push(v);
  }
  if (!pool.length) pool.push('linear');
  return { ok: true, fixed, pool };
}

/** Merges a tuning patch into scenario data: objects merge, arrays of {id} merge by id, the rest replaces. */
export function mergePatch(base: unknown, patch: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(patch) && base.every((x) => x && typeof x === 'object' && 'id' in x)) {
    const out = base.map((x) => ({ ...x }));
    for (const p of patch) {
      const i = out.findIndex((x) => x.id === (p as { id: string }).id);
      if (i < 0) out.push(p);
      else out[i] = mergePatch(out[i], p) as (typeof out)[number];
    }
    return out;
  }
  if (
    base &&
    patch &&
    typeof base === 'object' &&
    typeof patch === 'object' &&
    !Array.isArray(base) &&
    !Array.isArray(patch)
  ) {
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(patch)) out[k] = k in out ? mergePatch(out[k], v) : v;
    return out;
  }
  return patch;
}

const quantile = (xs: number[], p: number) => {
  if (!xs.length) return null;
  const v = [...xs].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.floor(p * v.length))];
};
const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null);
const dist = (xs: number[]) => ({
  n: xs.length,
  mean: mean(xs),
  p10: quantile(xs, 0.1),
  p50: quantile(xs, 0.5),
  p90: quantile(xs, 0.9),
});
const pct = (n: number, d: number) => (d ? Math.round((1000 * n) / d) / 10 : null);
export type Distribution = ReturnType<typeof dist>;

/** Each role's span of points over the whole agenda (best minus worst option per issue), at least 1. */
function spans(s: Scenario): Record<string, number> {
  return Object.fromEntries(
    s.roles.map((r) => {
      let lo = 0;
      let hi = 0;
      for (const i of s.issues) {
        const v = Object.values(r.points[i.id] ?? {});
        lo += Math.min(...v);
        hi += Math.max(...v);
      }
      return [r.id, Math.max(1, hi - lo)];
    }),
  );
}

/** Plays `games` bot-only games and gathers the balance figures. Throws on a bad strategy list. */
export function simulateGames(s: Scenario, o: SimulationOptions) {
  const spec = parseStrategySpec(s, o.strategies);
  if (!spec.ok) throw new Error(`${spec.code}: ${spec.message}`);
  const clock = o.clock ?? (() => 0);
  const t0 = clock();
  const frontier = paretoFrontier(s);
  const paretoMs = clock() - t0;
  const roles = s.roles.map((r) => r.id);
  const span = spans(s);
  const seq = s.mechanics.sequencing;
  const perRole = () => Object.fromEntries(roles.map((r) => [r, 0]));
  const st = {
    deals: 0,
    illegal: 0,
    actions: 0,
    rounds: [] as number[],
    durability: [] as number[],
    resumed: 0,
    score: Object.fromEntries(roles.map((r) => [r, [] as number[]])),
    beatsWalkAway: perRole(),
    top: perRole(),
    bottom: perRole(),
    options: Object.fromEntries(s.issues.map((i) => [i.id, {} as Record<string, number>])),
    seqBroken: 0,
    broken: { score: [] as number[], dur: [] as number[] },
    kept: { score: [] as number[], dur: [] as number[] },
    gapUniform: [] as number[],
    gapTotal: [] as number[],
    illegalSamples: [] as unknown[],
  };
  let rng = seedRng(o.seed);
  const t1 = clock();
  for (let g = 0; g < o.games; g++) {
    const strategies: Record<string, Strategy> = {};
    for (const r of roles) {
      let x: number;
      [x, rng] = nextRandom(rng);
      const name = spec.fixed[r] ?? spec.pool[Math.floor(x * spec.pool.length)];
      [x, rng] = nextRandom(rng);
      strategies[r] = strategy(name, x < o.careful);
    }
    const res = playBotGame(s, { seed: (o.seed * 1_000_003 + g) | 0, strategies, rounds: o.rounds });
    st.illegal += res.illegal.length;
    st.actions += res.actions;
    if (res.illegal.length && st.illegalSamples.length < 5) st.illegalSamples.push(res.illegal[0]);
    const out = res.state.outcome!;
    for (const r of roles) st.score[r].push(out.scores[r].score);
    if (out.sequencingBroken) st.seqBroken++;
    if (out.kind !== 'deal') continue;
    st.deals++;
    st.rounds.push(out.round);
    st.durability.push(out.durability!);
    if (out.warResumed) st.resumed++;
    // Surplus over the walk-away as a share of the role's span, so roles with big tables are comparable.
    const surplus = roles.map((r) => ((out.scores[r].dealPoints ?? 0) - out.scores[r].walkAway) / span[r]);
    roles.forEach((r, i) => {
      if (surplus[i] >= 0) st.beatsWalkAway[r]++;
    });
    st.top[roles[surplus.indexOf(Math.max(...surplus))]]++;
    st.bottom[roles[surplus.indexOf(Math.min(...surplus))]]++;
    for (const i of s.issues) {
      const opt = out.terms[i.id] ?? '(open)';
      st.options[i.id][opt] = (st.options[i.id][opt] ?? 0) + 1;
    }
    if (seq) {
      const bucket = out.sequencingBroken ? st.broken : st.kept;
      bucket.score.push(out.scores[seq.role].score);
      bucket.dur.push(out.durability!);
    }
    const gap = gapToFrontier(
      frontier,
      roles.map((r) => out.scores[r].dealPoints ?? 0),
    );
    st.gapUniform.push(gap.uniform);
    st.gapTotal.push(gap.total);
  }
  const secs = (clock() - t1) / 1000;
  const byRole = (m: Record<string, number>, d: number) => Object.fromEntries(roles.map((r) => [r, pct(m[r], d)]));
  return {
    scenario: s.id,
    games: o.games,
    seed: o.seed,
    strategies: o.strategies,
    careful: o.careful,
    rounds: o.rounds ?? s.rounds.default,
    illegalActions: st.illegal,
    illegalSamples: st.illegalSamples,
    deals: st.deals,
    agreementRate: pct(st.deals, o.games),
    roundsToAgreement: dist(st.rounds),
    durability: { ...dist(st.durability), warResumedPct: pct(st.resumed, st.deals) },
    scores: Object.fromEntries(roles.map((r) => [r, dist(st.score[r])])),
    dealBeatsWalkAwayPct: byRole(st.beatsWalkAway, st.deals),
    topSurplusPct: byRole(st.top, st.deals),
    bottomSurplusPct: byRole(st.bottom, st.deals),
    optionsPct: Object.fromEntries(
      Object.entries(st.options).map(([i, m]) => [
        i,
        Object.fromEntries(Object.entries(m).map(([k, n]) => [k, pct(n, st.deals)])),
      ]),
    ),
    sequencing: seq
      ? {
          role: seq.role,
          brokenPct: pct(st.seqBroken, o.games),
          dealsBroken: { n: st.broken.score.length, roleScore: mean(st.broken.score), durability: mean(st.broken.dur) },
          dealsKept: { n: st.kept.score.length, roleScore: mean(st.kept.score), durability: mean(st.kept.dur) },
        }
      : null,
    pareto: {
      packages: frontier.packages,
      frontierSize: frontier.size,
      ms: Math.round(paretoMs),
      gapUniform: mean(st.gapUniform),
      gapTotal: mean(st.gapTotal),
    },
    speed: {
      gamesPerSecond: secs > 0 ? Math.round(o.games / secs) : 0,
      actionsPerGame: Math.round(st.actions / Math.max(1, o.games)),
    },
  };
}

export type SimulationReport = ReturnType<typeof simulateGames>;

/** The report as text for a terminal. */
export function formatReport(r: SimulationReport): string {
  const f = (d: Distribution) => `mean ${d.mean} p10 ${d.p10} p50 ${d.p50} p90 ${d.p90}`;
  const lines = [
    `${r.scenario}: ${r.games} games, seed ${r.seed}, strategies ${r.strategies}, careful ${r.careful}, ${r.rounds} rounds`,
    `agreement rate: ${r.agreementRate}% (${r.deals} deals)   illegal actions: ${r.illegalActions}`,
    `rounds to agreement: ${f(r.roundsToAgreement)}`,
    `durability: ${f(r.durability)}; war resumed after ${r.durability.warResumedPct}% of deals`,
    'scores (all games):',
    ...Object.entries(r.scores).map(
      ([k, d]) =>
        `  ${k.padEnd(10)} ${f(d)}   deal >= walk-away ${r.dealBeatsWalkAwayPct[k]}%  top ${r.topSurplusPct[k]}%  bottom ${r.bottomSurplusPct[k]}%`,
    ),
    'options in deals (%):',
    ...Object.entries(r.optionsPct).map(
      ([i, m]) =>
        `  ${i.padEnd(22)} ${Object.entries(m)
          .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
    ),
  ];
  if (r.sequencing) {
    const x = r.sequencing;
    lines.push(
      `sequencing mistake: ${x.brokenPct}% of games; in deals ${x.role} score ${x.dealsBroken.roleScore} / durability ${x.dealsBroken.durability} (n=${x.dealsBroken.n})` +
        ` vs ${x.dealsKept.roleScore} / ${x.dealsKept.durability} without (n=${x.dealsKept.n})`,
    );
  }
  lines.push(
    `pareto: ${r.pareto.packages} packages, ${r.pareto.frontierSize} on the frontier (${r.pareto.ms} ms); mean gap of deals: uniform ${r.pareto.gapUniform}, total ${r.pareto.gapTotal}`,
    `speed: ${r.speed.gamesPerSecond} games/s, ${r.speed.actionsPerGame} actions/game`,
  );
  if (r.illegalSamples.length) lines.push(`illegal samples: ${JSON.stringify(r.illegalSamples)}`);
  return lines.join('\n');
}
