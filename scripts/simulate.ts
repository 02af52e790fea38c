// Headless simulator: bot-only games on the engine, in-process, with balance statistics.
// npm run simulate -- --games 1000 --seed 7 [--scenario id] [--strategies boulware,conceder,tft|russia=tft,...]
//                     [--rounds N] [--careful 0.5] [--tune patch.json] [--json]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Scenario } from '../shared/scenario/schema.js';
import type { Strategy, StrategyName } from '../shared/bots/types.js';

// Immer's production build skips its development checks: about 1.5x more games per second.
process.env.NODE_ENV ??= 'production';
const { loadScenarios, DEFAULT_SCENARIO } = await import('../server/scenarios.js');
const { parseScenario } = await import('../shared/scenario/load.js');
const { nextRandom, seedRng } = await import('../shared/engine/rng.js');
const { playBotGame } = await import('../shared/bots/self-play.js');
const { isStrategyName, STRATEGIES, strategy } = await import('../shared/bots/strategies.js');
const { gapToFrontier, paretoFrontier } = await import('../shared/analysis/pareto.js');

interface Args {
  games: number;
  seed: number;
  scenario: string;
  strategies: string;
  rounds?: number;
  careful: number;
  tune?: string;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { games: 1000, seed: 7, scenario: DEFAULT_SCENARIO, strategies: STRATEGIES.join(','), careful: 0.5, json: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => {
      const x = argv[++i];
      if (x === undefined) fail(`${k} needs a value`);
      return x;
    };
    if (k === '--games') a.games = int(v(), k);
    else if (k === '--seed') a.seed = int(v(), k);
    else if (k === '--scenario') a.scenario = v();
    else if (k === '--strategies') a.strategies = v();
    else if (k === '--rounds') a.rounds = int(v(), k);
    else if (k === '--careful') a.careful = Number(v());
    else if (k === '--tune') a.tune = v();
    else if (k === '--json') a.json = true;
    else fail(`unknown option ${k}`);
  }
  if (!(a.careful >= 0 && a.careful <= 1)) fail('--careful must be between 0 and 1');
  return a;
}

function int(x: string, k: string): number {
  const n = Number(x);
  if (!Number.isInteger(n) || n < 0) fail(`${k} must be a whole number`);
  return n;
}

function fail(msg: string): never {
  console.error(`simulate: ${msg}`);
  process.exit(2);
}

/** Merges a tuning patch into the scenario: objects merge, arrays of {id} merge by id, the rest replaces. */
function merge(base: unknown, patch: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(patch) && base.every((x) => x && typeof x === 'object' && 'id' in x)) {
    const out = base.map((x) => ({ ...x }));
    for (const p of patch) {
      const i = out.findIndex((x) => x.id === (p as { id: string }).id);
      if (i < 0) out.push(p);
      else out[i] = merge(out[i], p) as typeof out[number];
    }
    return out;
  }
  if (base && patch && typeof base === 'object' && typeof patch === 'object' && !Array.isArray(base) && !Array.isArray(patch)) {
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(patch)) out[k] = k in out ? merge(out[k], v) : v;
    return out;
  }
  return patch;
}

function loadScenario(a: Args): Scenario {
  const all = loadScenarios();
  const s = all.get(a.scenario) ?? fail(`no scenario "${a.scenario}" (have: ${[...all.keys()].join(', ')})`);
  if (!a.tune) return s;
  const r = parseScenario(merge(s, JSON.parse(readFileSync(a.tune, 'utf8'))), a.tune);
  if (!r.ok) fail(`tuned scenario is invalid:\n  ${r.errors.join('\n  ')}`);
  return r.scenario;
}

/** Strategy per seat for one game: "role=name" entries are fixed, plain names are drawn from. */
function seats(s: Scenario, spec: string, careful: number, rng: number): [Record<string, Strategy>, number] {
  const fixed: Record<string, StrategyName> = {};
  const pool: StrategyName[] = [];
  for (const part of spec.split(',').map((x) => x.trim()).filter(Boolean)) {
    const [k, v] = part.includes('=') ? part.split('=') : [null, part];
    if (!isStrategyName(v)) fail(`unknown strategy "${v}" (have: ${STRATEGIES.join(', ')})`);
    if (k) fixed[k] = v;
    else pool.push(v);
  }
  if (!pool.length) pool.push('linear');
  const out: Record<string, Strategy> = {};
  for (const r of s.roles) {
    let x: number;
    [x, rng] = nextRandom(rng);
    const name = fixed[r.id] ?? pool[Math.floor(x * pool.length)];
    [x, rng] = nextRandom(rng);
    out[r.id] = strategy(name, x < careful);
  }
  return [out, rng];
}

const q = (xs: number[], p: number) => {
  if (!xs.length) return null;
  const v = [...xs].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.floor(p * v.length))];
};
const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null);
const dist = (xs: number[]) => ({ n: xs.length, mean: mean(xs), p10: q(xs, 0.1), p50: q(xs, 0.5), p90: q(xs, 0.9) });

function simulate(s: Scenario, a: Omit<Args, 'scenario' | 'json' | 'tune'>) {
  const t0 = performance.now();
  const frontier = paretoFrontier(s);
  const paretoMs = performance.now() - t0;
  const roles = s.roles.map((r) => r.id);
  const span = Object.fromEntries(
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
  const seq = s.mechanics.sequencing;
  const st = {
    deals: 0, illegal: 0, actions: 0, rounds: [] as number[], durability: [] as number[], resumed: 0,
    score: Object.fromEntries(roles.map((r) => [r, [] as number[]])),
    beatsWalkAway: Object.fromEntries(roles.map((r) => [r, 0])),
    top: Object.fromEntries(roles.map((r) => [r, 0])),
    bottom: Object.fromEntries(roles.map((r) => [r, 0])),
    options: Object.fromEntries(s.issues.map((i) => [i.id, {} as Record<string, number>])),
    seqBroken: 0, seqDeal: { broken: { score: [] as number[], dur: [] as number[] }, kept: { score: [] as number[], dur: [] as number[] } },
    gapUniform: [] as number[], gapTotal: [] as number[], illegalSamples: [] as unknown[],
  };
  let rng = seedRng(a.seed);
  const t1 = performance.now();
  for (let g = 0; g < a.games; g++) {
    let strategies: Record<string, Strategy>;
    [strategies, rng] = seats(s, a.strategies, a.careful, rng);
    const res = playBotGame(s, { seed: (a.seed * 1_000_003 + g) | 0, strategies, rounds: a.rounds });
    st.illegal += res.illegal.length;
    st.actions += res.actions;
    if (res.illegal.length && st.illegalSamples.length < 5) st.illegalSamples.push(res.illegal[0]);
    const o = res.state.outcome!;
    for (const r of roles) st.score[r].push(o.scores[r].score);
    if (o.sequencingBroken) st.seqBroken++;
    if (o.kind !== 'deal') continue;
    st.deals++;
    st.rounds.push(o.round);
    st.durability.push(o.durability!);
    if (o.warResumed) st.resumed++;
    const surplus = roles.map((r) => ((o.scores[r].dealPoints ?? 0) - o.scores[r].walkAway) / span[r]);
    roles.forEach((r, i) => {
      if (surplus[i] >= 0) st.beatsWalkAway[r]++;
    });
    st.top[roles[surplus.indexOf(Math.max(...surplus))]]++;
    st.bottom[roles[surplus.indexOf(Math.min(...surplus))]]++;
    for (const i of s.issues) {
      const opt = o.terms[i.id] ?? '(open)';
      st.options[i.id][opt] = (st.options[i.id][opt] ?? 0) + 1;
    }
    if (seq) {
      const bucket = o.sequencingBroken ? st.seqDeal.broken : st.seqDeal.kept;
      bucket.score.push(o.scores[seq.role].score);
      bucket.dur.push(o.durability!);
    }
    const gap = gapToFrontier(frontier, roles.map((r) => o.scores[r].dealPoints ?? 0));
    st.gapUniform.push(gap.uniform);
    st.gapTotal.push(gap.total);
  }
  const secs = (performance.now() - t1) / 1000;
  const pct = (n: number, d: number) => (d ? Math.round((1000 * n) / d) / 10 : null);
  return {
    scenario: s.id, games: a.games, seed: a.seed, strategies: a.strategies, careful: a.careful, rounds: a.rounds ?? s.rounds.default,
    illegalActions: st.illegal, illegalSamples: st.illegalSamples,
    agreementRate: pct(st.deals, a.games),
    roundsToAgreement: dist(st.rounds),
    durability: { ...dist(st.durability), warResumedPct: pct(st.resumed, st.deals) },
    scores: Object.fromEntries(roles.map((r) => [r, dist(st.score[r])])),
    dealBeatsWalkAwayPct: Object.fromEntries(roles.map((r) => [r, pct(st.beatsWalkAway[r], st.deals)])),
    topSurplusPct: Object.fromEntries(roles.map((r) => [r, pct(st.top[r], st.deals)])),
    bottomSurplusPct: Object.fromEntries(roles.map((r) => [r, pct(st.bottom[r], st.deals)])),
    optionsPct: Object.fromEntries(Object.entries(st.options).map(([i, m]) => [i, Object.fromEntries(Object.entries(m).map(([k, n]) => [k, pct(n, st.deals)]))])),
    sequencing: seq && {
      role: seq.role,
      brokenPct: pct(st.seqBroken, a.games),
      dealsBroken: { n: st.seqDeal.broken.score.length, roleScore: mean(st.seqDeal.broken.score), durability: mean(st.seqDeal.broken.dur) },
      dealsKept: { n: st.seqDeal.kept.score.length, roleScore: mean(st.seqDeal.kept.score), durability: mean(st.seqDeal.kept.dur) },
    },
    pareto: { packages: frontier.packages, frontierSize: frontier.size, ms: Math.round(paretoMs), gapUniform: mean(st.gapUniform), gapTotal: mean(st.gapTotal) },
    speed: { gamesPerSecond: Math.round(a.games / secs), actionsPerGame: Math.round(st.actions / Math.max(1, a.games)) },
  };
}

function print(r: ReturnType<typeof simulate>): void {
  const f = (d: ReturnType<typeof dist>) => `mean ${d.mean} p10 ${d.p10} p50 ${d.p50} p90 ${d.p90}`;
  const lines = [
    `${r.scenario}: ${r.games} games, seed ${r.seed}, strategies ${r.strategies}, careful ${r.careful}, ${r.rounds} rounds`,
    `agreement rate: ${r.agreementRate}%   illegal actions: ${r.illegalActions}`,
    `rounds to agreement: ${f(r.roundsToAgreement)}`,
    `durability: ${f(r.durability)}; war resumed after ${r.durability.warResumedPct}% of deals`,
    'scores (all games):',
    ...Object.entries(r.scores).map(([k, d]) => `  ${k.padEnd(10)} ${f(d)}   deal >= walk-away ${r.dealBeatsWalkAwayPct[k]}%  top ${r.topSurplusPct[k]}%  bottom ${r.bottomSurplusPct[k]}%`),
    'options in deals (%):',
    ...Object.entries(r.optionsPct).map(([i, m]) => `  ${i.padEnd(22)} ${Object.entries(m).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0)).map(([k, v]) => `${k} ${v}`).join(', ')}`),
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
  console.log(lines.join('\n'));
}

const args = parseArgs(process.argv.slice(2));
const report = simulate(loadScenario(args), args);
if (args.json) console.log(JSON.stringify(report, null, 2));
else print(report);
