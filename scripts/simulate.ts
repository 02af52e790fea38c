// Headless simulator: bot-only games on the engine, in-process, with balance statistics.
// npm run simulate -- --games 1000 --seed 7 [--scenario id] [--strategies boulware,conceder,tft|russia=tft,...]
//                     [--rounds N] [--careful 0.5] [--tune patch.json] [--json]
// npm run simulate -- --lessons [--games 100] [--seed 7] [--scenario id] [--rounds N] [--tune patch.json] [--json]
//   prints each lesson of issue 10 with its figure and PASS/FAIL (shared/analysis/lessons.ts); exit 1 if one fails.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Scenario } from '../shared/scenario/schema.js';

// Measured as production runs: libraries pick their production builds from NODE_ENV when first loaded.
process.env.NODE_ENV ??= 'production';
const { loadScenarios, DEFAULT_SCENARIO } = await import('../server/scenarios.js');
const { parseScenario } = await import('../shared/scenario/load.js');
const { STRATEGIES } = await import('../shared/bots/strategies.js');
const { formatReport, mergePatch, parseStrategySpec, simulateGames } = await import('../shared/analysis/simulation.js');
const { formatConsistency, talkConsistency } = await import('../shared/analysis/talk-consistency.js');
const { formatLessons, lessonsReport } = await import('../shared/analysis/lessons.js');

interface Args {
  games: number;
  seed: number;
  scenario: string;
  strategies: string;
  rounds?: number;
  careful: number;
  tune?: string;
  json: boolean;
  lessons: boolean;
  gamesGiven: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = {
    games: 1000,
    seed: 7,
    scenario: DEFAULT_SCENARIO,
    strategies: STRATEGIES.join(','),
    careful: 0.5,
    json: false,
    lessons: false,
    gamesGiven: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => {
      const x = argv[++i];
      if (x === undefined) fail(`${k} needs a value`);
      return x;
    };
    if (k === '--games') {
      a.games = int(v(), k);
      a.gamesGiven = true;
    } else if (k === '--seed') a.seed = int(v(), k);
    else if (k === '--scenario') a.scenario = v();
    else if (k === '--strategies') a.strategies = v();
    else if (k === '--rounds') a.rounds = int(v(), k);
    else if (k === '--careful') a.careful = Number(v());
    else if (k === '--tune') a.tune = v();
    else if (k === '--json') a.json = true;
    else if (k === '--lessons') a.lessons = true;
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

function loadScenario(a: Args): Scenario {
  const all = loadScenarios();
  const s = all.get(a.scenario) ?? fail(`no scenario "${a.scenario}" (have: ${[...all.keys()].join(', ')})`);
  if (!a.tune) return s;
  let patch: unknown;
  try {
    patch = JSON.parse(readFileSync(a.tune, 'utf8'));
  } catch (e) {
    fail(`cannot read the patch ${a.tune}: ${(e as Error).message}`);
  }
  const r = parseScenario(mergePatch(s, patch), a.tune);
  if (!r.ok) fail(`tuned scenario is invalid:\n  ${r.errors.join('\n  ')}`);
  return r.scenario;
}

const args = parseArgs(process.argv.slice(2));
const scenario = loadScenario(args);
if (args.lessons) {
  const r = lessonsReport(scenario, {
    games: args.gamesGiven ? args.games : 100,
    seed: args.seed,
    rounds: args.rounds,
  });
  console.log(args.json ? JSON.stringify(r, null, 2) : formatLessons(r));
  process.exit(r.failed ? 1 : 0);
}
const spec = parseStrategySpec(scenario, args.strategies);
if (!spec.ok) fail(spec.message);
const report = simulateGames(scenario, { ...args, clock: () => performance.now() });
// Talk consistency (issue 15): whether "acceptable" in the talks predicts acceptance; at most 40 games, it is slower.
const talk = talkConsistency(scenario, { games: Math.min(args.games, 40), seed: args.seed, rounds: args.rounds });
console.log(
  args.json
    ? JSON.stringify({ ...report, talkConsistency: talk }, null, 2)
    : `${formatReport(report)}\n${formatConsistency(talk)}`,
);
