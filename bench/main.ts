// The benchmark itself (bench/run.ts starts it with NODE_ENV=production): engine speed, bot games, server capacity over real WebSockets, client bundle size.
// Prints a table and writes docs/benchmarks.md. Options (env): BENCH_TABLES=50,200,500  BENCH_SECONDS=15  BENCH_QUICK=1
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadScenarios } from '../server/scenarios.js';
import { simulateGames } from '../shared/analysis/simulation.js';
import { playBotGame } from '../shared/bots/self-play.js';
import { STRATEGIES } from '../shared/bots/strategies.js';
import { benchEngine } from './engine.js';
import { benchServer, type ServerFigures } from './server-load.js';

const quick = process.env.BENCH_QUICK === '1';
const TABLES = (process.env.BENCH_TABLES ?? (quick ? '20' : '50,200,500')).split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? (quick ? 5 : 15));
const started = performance.now();
const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-GB', { maximumFractionDigits: d, minimumFractionDigits: d }) : 'n/a');

const scenarios = loadScenarios();
const scenario = scenarios.get('ukraine_peace_talks') ?? [...scenarios.values()][0];
console.log(`Scenario: ${scenario.id}; ${cpus().length} cores (${cpus()[0]?.model}), ${fmt(totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}`);

// --- Engine ---
const engine = benchEngine(scenario, quick ? 2 : 5);
console.log(`engine: ${fmt(engine.actionsPerSec)} actions/s (${fmt(engine.accepted)} accepted, ${fmt(engine.refused)} refused, ${engine.games} games)`);

// --- Bot games ---
let botGames = { perSec: NaN, games: 0, actions: 0, illegal: 0 };
{
  const end = performance.now() + (quick ? 2000 : 5000);
  const t0 = performance.now();
  let seed = 1;
  while (performance.now() < end) {
    const r = playBotGame(scenario, { seed: seed++ });
    botGames.games++;
    botGames.actions += r.actions;
    botGames.illegal += r.illegal.length;
  }
  botGames.perSec = botGames.games / ((performance.now() - t0) / 1000);
  console.log(`bots: ${fmt(botGames.perSec, 1)} full games/s (${botGames.games} games, ${fmt(botGames.actions / botGames.games)} actions each, ${botGames.illegal} illegal)`);
}

// --- Simulator (npm run simulate's loop: strategies drawn per seat, balance figures, Pareto gaps) ---
const sim = simulateGames(scenario, { games: quick ? 50 : 200, seed: 7, strategies: STRATEGIES.join(','), careful: 0.5, clock: () => performance.now() });
console.log(`simulate: ${fmt(sim.speed.gamesPerSecond)} games/s (${sim.games} games, Pareto frontier ${sim.pareto.ms} ms)`);

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
const biggest = Math.max(...TABLES);
{
  const f = await benchServer(biggest, SECONDS, paced, {});
  server.push({ label: 'class pace', f });
  console.log(row('class pace', f));
}

function row(label: string, f: ServerFigures): string {
  return `server ${label} ${f.tables} tables: ${fmt(f.acksPerSec)} acks/s, p50 ${fmt(f.p50, 1)} ms, p95 ${fmt(f.p95, 1)} ms, p99 ${fmt(f.p99, 1)} ms, CPU ${fmt(f.serverCpu)}%, RSS ${fmt(f.rssLoadedMb)} MB (${fmt(f.mbPerTable, 2)} MB/table), ${fmt(f.bytesInPerClientRound / 1024, 1)} KiB in/client/round`;
}

// --- Client bundle ---
let bundle: { raw: number; gzip: number; files: number } | null = null;
if (existsSync('dist')) {
  const files: string[] = [];
  const walk = (d: string) => readdirSync(d).forEach((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : files.push(join(d, f))));
  walk('dist');
  const code = files.filter((f) => /\.(js|css|html)$/.test(f));
  bundle = { raw: 0, gzip: 0, files: code.length };
  for (const f of code) {
    const b = readFileSync(f);
    bundle.raw += b.length;
    bundle.gzip += gzipSync(b, { level: 9 }).length;
  }
  console.log(`client bundle: ${fmt(bundle.raw / 1024)} KiB raw, ${fmt(bundle.gzip / 1024)} KiB gzip (${bundle.files} files)`);
} else console.log('client bundle: dist/ not built (run npm run build first)');

const totalSeconds = (performance.now() - started) / 1000;
console.log(`bench took ${fmt(totalSeconds)} s`);
if (!quick) writeFileSync('docs/benchmarks.md', report());

function report(): string {
  const flat = server.filter((s) => s.label === 'flat out');
  const at500 = flat.find((s) => s.f.tables === 500)?.f;
  const paced500 = server.find((s) => s.label === 'class pace')?.f;
  const maxMb = Math.max(...server.map((s) => s.f.mbPerTable));
  const yes = (b: boolean) => (b ? 'met' : 'not met');
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {}
  const table = server
    .map(
      ({ label, f }) =>
        `| ${label} | ${f.tables} | ${f.clients} | ${fmt(f.acksPerSec)} | ${fmt(f.p50, 1)} | ${fmt(f.p95, 1)} | ${fmt(f.p99, 1)} | ${fmt(f.serverCpu)} | ${fmt(f.loadCpu)} | ${fmt(f.rssLoadedMb)} | ${fmt(f.idleMbPerTable, 2)} / ${fmt(f.mbPerTable, 2)} | ${fmt(f.bytesInPerClientRound / 1024, 1)} / ${fmt(f.bytesOutPerClientRound / 1024, 2)} | ${f.games} | ${fmt(f.rateLimited)} |`,
    )
    .join('\n');
  return `# Benchmarks

Generated by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}, commit ${commit}: ${cpus().length} cores (${cpus()[0]?.model}), ${fmt(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}. Scenario \`${scenario.id}\` (${scenario.roles.length} delegations, ${scenario.issues.length} issues, ${rounds} rounds). The whole run took ${fmt(totalSeconds)} s.

## Targets

| target | measured | |
| --- | --- | --- |
| engine over 100,000 actions/s | ${fmt(engine.actionsPerSec)} actions/s | ${yes(engine.actionsPerSec > 100_000)} |
| 500 tables (2,000 clients) with p99 action latency under 50 ms | flat out: p99 ${at500 ? fmt(at500.p99, 1) : 'n/a'} ms; at class pace: p99 ${paced500 ? fmt(paced500.p99, 1) : 'n/a'} ms | flat out ${yes(!!at500 && at500.p99 < 50)}; class pace ${yes(!!paced500 && paced500.p99 < 50)} |
| under 2 MB of server memory per table | at most ${fmt(maxMb, 2)} MB/table (RSS growth over the idle server) | ${yes(maxMb < 2)} |

## Engine

- Random plausible play (chat, proposals, acceptances, rejections, passes, the facilitator moving phases on): **${fmt(engine.actionsPerSec)} accepted actions/s** (${fmt(engine.accepted)} accepted and ${fmt(engine.refused)} refused in ${engine.seconds} s, ${engine.games} games).
- Full bot games (shared/bots/self-play.ts, every delegation a bot, untimed): **${fmt(botGames.perSec, 1)} games/s**, ${fmt(botGames.actions / Math.max(1, botGames.games))} actions per game, ${botGames.illegal} illegal moves.
- Simulator (\`npm run simulate\`: strategies drawn from all four per seat, figures gathered, each deal's gap to the Pareto frontier): **${fmt(sim.speed.gamesPerSecond)} games/s** over ${sim.games} games; the frontier itself takes ${sim.pareto.ms} ms once per run.

## Server

A server process (server/app.ts with SQLite storage, synchronous=FULL, default rate limit of 10 messages/s per client) and a load process on the same two cores. Each table has four bot clients (colyseus.js over WebSockets on loopback) that chat ${fast.chatsPerTalks} times per talks phase, declare ready, and propose or pass in turn; when a game ends they sit down at a fresh table. "Flat out": each client acts as soon as the rules and the rate limit allow (at most one action per ${fast.minGapMs} ms, the next only after the previous was acknowledged). "Class pace": at most one action every ${paced.minGapMs / 1000} s per client, still far busier than people at a table. Latency is from sending an action to receiving its acknowledgement, which the server sends only after the action is durably in SQLite. Measured for ${SECONDS} s after a 3 s warm-up.

| load | tables | clients | acks/s | p50 ms | p95 ms | p99 ms | server CPU % | load CPU % | server RSS MB | MB/table idle / playing | KiB/client/round in / out | games ended | rate-limited |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${table}

CPU is in % of one core (the server is one Node process, so 100% is its ceiling). Memory per table is the server's RSS growth over the idle server (after a forced GC), divided by the tables. Bytes are counted on each client's socket, including WebSocket framing.

## Client

${bundle ? `Production bundle (dist/): ${fmt(bundle.raw / 1024)} KiB raw, ${fmt(bundle.gzip / 1024)} KiB gzip, ${bundle.files} files.` : 'The client was not built when this ran (`npm run build` first); bundle size not measured.'}
TODO (lead): time until the table scene is interactive in headless Chromium belongs to the browser tests' harness; not measured here.

## What limits the rest

${limits(flat, paced500)}
`;
}

function limits(flat: { f: ServerFigures }[], atPace: ServerFigures | undefined): string {
  const top = flat.at(-1)?.f;
  const lines: string[] = [];
  if (engine.actionsPerSec < 100_000)
    lines.push(
      `- **Engine.** Every action makes a new immutable state with immer (copy-on-write plus freezing); the chat and timeline arrays are copied on each append, so a long game costs more per action than a short one. Structural sharing for the logs (e.g. chunked arrays) or producing patches without auto-freeze in production would be the levers.`,
    );
  if (top)
    lines.push(
      `- **Server, flat out.** One Node process tops out near ${fmt(Math.max(...flat.map((s) => s.f.acksPerSec)))} acknowledged actions/s; past that, latency is queueing. A CPU profile of the server at 50 tables flat out (\`BENCH_PROFILE=dir\`) put about 20% in server/rooms/views.ts (rebuilding every seat's whole view and JSON-stringifying it to see whether it changed), about 19% in msgpack-encoding those views, about 10% in socket writes, about 12% in the SQLite group commit (the fsync runs on the main thread), and only a few % in the engine. Every view is the seat's whole game (${fmt(top.bytesInPerClientRound / 1024, 1)} KiB per client per round at ${top.tables} tables, more in long games because chat and timeline grow). Sending deltas (or chat and timeline entries as their own messages) would cut most of that; \`SQLITE_SYNC=normal\` would cut the fsync share at the price of power-loss durability; several processes behind one address (docs/storage.md) is the way past one core.`,
    );
  if (atPace)
    lines.push(
      `- **At class pace** (one action per client every ${paced.minGapMs / 1000} s at most) ${atPace.tables} tables ran at ${fmt(atPace.acksPerSec)} acks/s with p99 ${fmt(atPace.p99, 1)} ms and ${fmt(atPace.serverCpu)}% server CPU.`,
    );
  lines.push(`- **The load generator** shares the two cores with the server (its CPU is in the table); on a dedicated server machine the figures would be better. Anything else running on the machine lowers them too: repeated runs differ by up to about 20%.`);
  return lines.join('\n');
}
