// The benchmark itself (bench/run.ts starts it with NODE_ENV=production): engine speed, bot games, the simulator,
// client bundle and load time in Chromium, server capacity over real WebSockets.
// Prints a table and writes docs/benchmarks.md (bench/report.ts).
// Options (env): BENCH_TABLES=50,200,500  BENCH_SECONDS=15  BENCH_QUICK=1  BENCH_NOTE="a line for the report"
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { loadScenarios } from '../server/scenarios.js';
import { simulateGames } from '../shared/analysis/simulation.js';
import { playBotGame } from '../shared/bots/self-play.js';
import { STRATEGIES } from '../shared/bots/strategies.js';
import { benchClientLoad, bundleSize, ensureBuilt } from './client-load.js';
import { benchEngine } from './engine.js';
import { fmt, report, type Results } from './report.js';
import { benchServer, type ServerFigures } from './server-load.js';

const quick = process.env.BENCH_QUICK === '1';
const TABLES = (process.env.BENCH_TABLES ?? (quick ? '20' : '50,200,500')).split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? (quick ? 5 : 15));
const started = performance.now();

const scenarios = loadScenarios();
const scenario = scenarios.get('ukraine_peace_talks') ?? [...scenarios.values()][0];
const machine = `${cpus().length} cores (${cpus()[0]?.model}), ${fmt(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}`;
console.log(`Scenario: ${scenario.id}; ${machine}`);

// --- Engine ---
const engine = benchEngine(scenario, quick ? 2 : 5);
console.log(
  `engine: ${fmt(engine.actionsPerSec)} actions/s (${fmt(engine.accepted)} accepted, ${fmt(engine.refused)} refused, ${engine.games} games)`,
);

// --- Bot games ---
const bots = { perSec: NaN, games: 0, actions: 0, illegal: 0 };
{
  const end = performance.now() + (quick ? 2000 : 5000);
  const t0 = performance.now();
  let seed = 1;
  while (performance.now() < end) {
    const r = playBotGame(scenario, { seed: seed++ });
    bots.games++;
    bots.actions += r.actions;
    bots.illegal += r.illegal.length;
  }
  bots.perSec = bots.games / ((performance.now() - t0) / 1000);
  console.log(
    `bots: ${fmt(bots.perSec, 1)} full games/s (${bots.games} games, ${fmt(bots.actions / bots.games)} actions each, ${bots.illegal} illegal)`,
  );
}

// --- Simulator (npm run simulate's loop: strategies drawn per seat, balance figures, Pareto gaps) ---
const sim = simulateGames(scenario, {
  games: quick ? 50 : 200,
  seed: 7,
  strategies: STRATEGIES.join(','),
  careful: 0.5,
  clock: () => performance.now(),
});
console.log(
  `simulate: ${fmt(sim.speed.gamesPerSecond)} games/s (${sim.games} games, Pareto frontier ${sim.pareto.ms} ms)`,
);

// --- Client: the production build, then a returning player's page load in headless Chromium ---
const built = await ensureBuilt();
const bundle = bundleSize();
if (bundle)
  console.log(
    `client bundle (${built === 'built' ? 'just built' : 'up to date'}): ${fmt(bundle.raw / 1024)} KiB raw, ${fmt(bundle.gzip / 1024)} KiB gzip (${bundle.files} files); game page with Phaser ${fmt(bundle.tableRaw / 1024)} KiB raw, ${fmt(bundle.tableGzip / 1024)} KiB gzip`,
  );
const load = await benchClientLoad(scenario.id, quick ? 2 : 5);
if ('skipped' in load) console.log(`client load: skipped (${load.skipped})`);
else {
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  console.log(
    `client load: table scene interactive ${fmt(med(load.cold))} ms after navigation (cold, median of ${load.cold.length}), ${fmt(med(load.warm))} ms (reload)`,
  );
}

// --- Server ---
const rounds = scenario.rounds.max;
const fast = { scenario: scenario.id, rounds, chatsPerTalks: 3, minGapMs: 100 };
const paced = { scenario: scenario.id, rounds, chatsPerTalks: 3, minGapMs: 3000 };
const server: { label: string; f: ServerFigures }[] = [];
for (const n of TABLES) {
  const f = await benchServer(n, SECONDS, fast, {});
  server.push({ label: 'flat out', f });
  console.log(row('flat out', f));
}
// Class pace twice: as deployed (every commit fsynced), and with SQLITE_SYNC=normal to show what the fsync costs.
for (const [label, env] of [
  ['class pace', {}],
  ['class pace, SQLITE_SYNC=normal', { SQLITE_SYNC: 'normal' }],
] as const) {
  const f = await benchServer(Math.max(...TABLES), SECONDS, paced, env);
  server.push({ label, f });
  console.log(row(label, f));
}

function row(label: string, f: ServerFigures): string {
  return `server ${label} ${f.tables} tables: ${fmt(f.acksPerSec)} acks/s, p50 ${fmt(f.p50, 1)} ms, p95 ${fmt(f.p95, 1)} ms, p99 ${fmt(f.p99, 1)} ms, CPU ${fmt(f.serverCpu)}%, RSS ${fmt(f.rssLoadedMb)} MB (${fmt(f.mbPerTable, 2)} MB/table), ${fmt(f.bytesInPerClientRound / 1024, 1)} KiB in/client/round, loop lag p99 ${fmt(f.loopP99, 1)} / max ${fmt(f.loopMax, 1)} ms, GC max ${fmt(f.gcMaxMs, 1)} ms`;
}

const totalSeconds = (performance.now() - started) / 1000;
console.log(`bench took ${fmt(totalSeconds)} s`);
let commit = 'unknown';
try {
  commit = execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
    .toString()
    .trim();
} catch {
  // Not a git checkout (or no git): the figures are still worth recording, as commit 'unknown'.
}
const results: Results = {
  scenario,
  machine,
  commit,
  totalSeconds,
  seconds: SECONDS,
  fast,
  paced,
  engine,
  bots,
  sim,
  bundle,
  load,
  server,
  note: process.env.BENCH_NOTE ?? '',
};
// The side-by-side section (`npm run bench -- --compare`, recorded by hand with its window) is kept from the old file.
const MARK = '<!-- side by side: kept by npm run bench -->';
const old = existsSync('docs/benchmarks.md') ? readFileSync('docs/benchmarks.md', 'utf8') : '';
const kept = old.includes(MARK) ? `\n${old.slice(old.indexOf(MARK))}` : '';
if (!quick) writeFileSync('docs/benchmarks.md', report(results) + kept);
