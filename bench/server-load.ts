import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_SCENARIO_DIR } from '../server/config.js';

export interface ServerFigures {
  tables: number;
  clients: number;
  seconds: number;
  acks: number;
  acksPerSec: number;
  errors: number;
  rateLimited: number;
  errorCodes: Record<string, number>;
  games: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Server process CPU, in % of one core, over the measured window. */
  serverCpu: number;
  /** Load generator CPU, % of one core (it shares the machine's two cores with the server). */
  loadCpu: number;
  rssBaseMb: number;
  rssLoadedMb: number;
  /** RSS with every table open and seated, before play starts. */
  rssJoinedMb: number;
  idleMbPerTable: number;
  heapLoadedMb: number;
  /** (RSS with the tables open - RSS of the idle server) / tables. */
  mbPerTable: number;
  heapMbPerTable: number;
  bytesInPerClientRound: number;
  bytesOutPerClientRound: number;
  joinSeconds: number;
  /** Server event loop over the measured window: 99th percentile and worst lateness, ms. */
  loopP99: number;
  loopMax: number;
  /** Server GC pauses over the measured window: longest, and total per second, ms. */
  gcMaxMs: number;
  gcMsPerSec: number;
  /** Server CPU time per acknowledged action, microseconds. */
  cpuUsPerAck: number;
  /** WebSocket bytes (framing included) and messages all clients received, per acknowledged action. */
  bytesInPerAck: number;
  framesInPerAck: number;
  /** The machine's 1-minute load average at the start and the end of the measured window. */
  loadAvg: [number, number];
}

type Msg = { type: string; [k: string]: unknown };

export function once(child: ChildProcess, type: string, timeoutMs: number): Promise<Msg> {
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`timed out waiting for '${type}' from child`)), timeoutMs);
    const onMsg = (m: Msg) => {
      if (m.type !== type) return;
      clearTimeout(timer);
      child.off('message', onMsg);
      ok(m);
    };
    child.on('message', onMsg);
    child.once('exit', (code) => fail(new Error(`child exited (${code}) before '${type}'`)));
  });
}

const UNLIMITED = {
  LIMIT_LOOKUPS_PER_HOUR: '100000000',
  LIMIT_KEYS_PER_HOUR: '100000000',
  LIMIT_CREATES_PER_HOUR: '100000000',
  LIMIT_JOINS_PER_15MIN: '100000000',
};
const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
const tsx = ['--import', 'tsx'];

/**
 * bench/server-child.ts and the server bundled into `root`/.bench-build/server-child.mjs (its packages left to
 * node_modules). The bundle sits one level below the root, where the server's paths to dist/ and shared/ still hold.
 */
async function bundleServer(root: string): Promise<string> {
  const { build } = await import('esbuild');
  const outfile = resolve(root, '.bench-build/server-child.mjs');
  await build({
    entryPoints: [resolve(root, 'bench/server-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    tsconfig: resolve(root, 'tsconfig.json'),
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

export interface LoadShape {
  scenario: string;
  rounds: number;
  chatsPerTalks: number;
  minGapMs: number;
  /** Drive bench/baseline-server.ts (the bare Colyseus room) instead of the game. */
  baseline?: boolean;
}

/**
 * Rounds per game in the compare mode and bench/one.ts: the most a table may ask for (shared/protocol.ts), so that
 * no game ends inside the window. A game of 12 rounds lasts ~245 actions, 8 s at 200 tables flat out: every table
 * was replaced (a creation and four joins) in the middle of each 200-table window, and the bare room has no games
 * to end. 20 rounds last ~410 actions, about 12 s there, past the window's end at 11 s. Table turnover is a cost
 * per game, not per action; the compare mode prints the games that ended in each window, which should be 0.
 */
export const COMPARE_ROUNDS = 20;

/**
 * The scenarios the server under test loads: the project's own, or, when `rounds` is more than a scenario allows,
 * copies in `dir` whose maximum is raised to `rounds` (the engine refills the events deck, so any length plays).
 * Returns the directory to hand the server as SCENARIO_DIR, or null for the project's own.
 */
export function scenarioDir(dir: string, rounds: number): string | null {
  const from = process.env.SCENARIO_DIR ?? DEFAULT_SCENARIO_DIR;
  const files = readdirSync(from).filter((f) => f.endsWith('.json'));
  type Data = { rounds: { max: number }; roles: { walkAway: number[] }[] };
  const data = files.map((f) => ({ f, s: JSON.parse(readFileSync(join(from, f), 'utf8')) as Data }));
  if (data.every(({ s }) => s.rounds.max >= rounds)) return null;
  const to = join(dir, 'scenarios');
  mkdirSync(to);
  for (const { f, s } of data) {
    s.rounds.max = Math.max(s.rounds.max, rounds);
    // A walk-away value per round: the later rounds keep the last one.
    for (const r of s.roles) while (r.walkAway.length < s.rounds.max) r.walkAway.push(r.walkAway.at(-1)!);
    writeFileSync(join(to, f), JSON.stringify(s));
  }
  return to;
}

/** Starts a server process, opens `tables` tables of four bots, measures for `seconds`. */
export async function benchServer(
  tables: number,
  seconds: number,
  shape: LoadShape,
  env: Record<string, string>,
): Promise<ServerFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'negotiation-bench-'));
  const scenarios = scenarioDir(dir, shape.rounds);
  // BENCH_SERVER_ROOT=another checkout runs that checkout's server under the same load generator (before/after).
  const root = process.env.BENCH_SERVER_ROOT ?? '.';
  // BENCH_PROFILE_LINES=1 runs the server bundled by esbuild, one source line per line, without tsx: a CPU profile
  // then names each hot line (bench/profile-lines.ts) where tsx's output puts a whole file on one line.
  const script = process.env.BENCH_PROFILE_LINES ? await bundleServer(root) : null;
  const server = fork(script ?? resolve(root, 'bench/server-child.ts'), [], {
    // BENCH_PROFILE=dir writes a V8 CPU profile of the server process's measured window there (server-child.ts);
    // BENCH_PROFILE_WHOLE=1 profiles the whole process instead (start-up and joins included).
    // BENCH_SERVER_FLAGS adds Node/V8 flags to the server process (e.g. --max-semi-space-size=32).
    execArgv: [
      ...(script ? [] : tsx),
      '--expose-gc',
      ...(process.env.BENCH_PROFILE && process.env.BENCH_PROFILE_WHOLE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
        : []),
      ...(process.env.BENCH_SERVER_FLAGS?.split(/\s+/).filter(Boolean) ?? []),
    ],
    // Every bench client comes from 127.0.0.1: the per-address HTTP limits (server/access.ts) are lifted, the per-client message rate limit is not.
    env: {
      ...process.env,
      ...UNLIMITED,
      NODE_ENV: 'production',
      PORT: '0',
      DATA_FILE: join(dir, 'bench.sqlite'),
      ...(shape.baseline ? { BENCH_SERVER: 'baseline' } : {}),
      ...(scenarios ? { SCENARIO_DIR: scenarios } : {}),
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    cwd: process.env.BENCH_SERVER_ROOT ?? process.cwd(),
  });
  const loads: ChildProcess[] = [];
  try {
    const { port } = (await once(server, 'ready', 30_000)) as unknown as { port: number };
    /** The server's CPU, clock, loop lag and GC pauses so far; memory after a full GC when `gc` (never just before a window). */
    const stats = async (gc: boolean) => {
      server.send({ type: 'stats', gc });
      return (await once(server, 'stats', 30_000)) as unknown as {
        cpu: NodeJS.CpuUsage;
        mem: NodeJS.MemoryUsage;
        at: number;
        loop: { p99: number; max: number };
        gc: { total: number; max: number; count: number };
      };
    };
    const base = await stats(true);
    const t0 = performance.now();
    const load = fork(
      resolve('bench/load-child.ts'),
      [JSON.stringify({ url: `http://127.0.0.1:${port}`, tables, ...shape })],
      {
        execArgv: [...tsx, '--max-old-space-size=8192'],
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    loads.push(load);
    await once(load, 'joined', 240_000);
    const joinSeconds = (performance.now() - t0) / 1000;
    const afterJoin = await stats(true);
    load.send({ type: 'go' });
    await new Promise((r) => setTimeout(r, 3000)); // warm up
    const before = await stats(false);
    const load0 = loadavg()[0];
    const profiling = process.env.BENCH_PROFILE && !process.env.BENCH_PROFILE_WHOLE;
    if (profiling) server.send({ type: 'profile', start: true });
    // BENCH_PERF=dir: Linux perf samples the server's CPU time (on-CPU only, kernel included) over the window;
    // run with BENCH_SERVER_FLAGS=--perf-basic-prof so that perf names the JavaScript functions.
    const perf = process.env.BENCH_PERF
      ? spawn(
          'perf',
          [
            'record',
            '-F',
            '997',
            '-g',
            '-p',
            String(server.pid),
            '-o',
            join(
              resolve(process.env.BENCH_PERF),
              `${shape.baseline ? 'baseline' : 'project'}-${tables}-${Date.now()}.perf`,
            ),
          ],
          { stdio: 'ignore' },
        )
      : null;
    load.send({ type: 'measure' });
    await new Promise((r) => setTimeout(r, seconds * 1000));
    if (perf) {
      perf.kill('SIGINT');
      await new Promise((r) => perf.once('exit', r));
    }
    if (profiling) {
      const file = join(
        resolve(process.env.BENCH_PROFILE!),
        `${shape.baseline ? 'baseline' : 'project'}-${tables}-${shape.minGapMs >= 1000 ? 'pace' : 'flat'}-${Date.now()}.cpuprofile`,
      );
      server.send({ type: 'profile', file });
      await once(server, 'profiled', 60_000);
    }
    load.send({ type: 'report' });
    const rep = (await once(load, 'report', 60_000)) as unknown as {
      latencies: number[];
      counters: {
        retries: number;
        acks: number;
        errors: number;
        rateLimited: number;
        games: number;
        clientRounds: number;
        bytesIn: number;
        bytesOut: number;
        framesIn: number;
      };
      errorCodes: Record<string, number>;
      cpuPct: number;
    };
    const after = await stats(true);
    const wall = (after.at - before.at) / 1000;
    const cpuSec = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1e6;
    const sorted = rep.latencies.sort((a, b) => a - b);
    const rounds = Math.max(1, rep.counters.clientRounds);
    load.send({ type: 'stop' });
    await new Promise((r) => {
      const t = setTimeout(() => (load.kill('SIGKILL'), r(null)), 5000);
      load.once('exit', () => (clearTimeout(t), r(null)));
    });
    return {
      tables,
      clients: tables * 4,
      seconds,
      acks: rep.counters.acks,
      acksPerSec: rep.counters.acks / seconds,
      errors: rep.counters.errors,
      rateLimited: rep.counters.rateLimited,
      errorCodes: rep.errorCodes,
      games: rep.counters.games,
      p50: pct(sorted, 50),
      p95: pct(sorted, 95),
      p99: pct(sorted, 99),
      max: sorted.at(-1) ?? NaN,
      serverCpu: (cpuSec / wall) * 100,
      loadCpu: rep.cpuPct,
      rssBaseMb: base.mem.rss / 2 ** 20,
      rssJoinedMb: afterJoin.mem.rss / 2 ** 20,
      idleMbPerTable: (afterJoin.mem.rss - base.mem.rss) / 2 ** 20 / tables,
      rssLoadedMb: after.mem.rss / 2 ** 20,
      heapLoadedMb: after.mem.heapUsed / 2 ** 20,
      mbPerTable: (after.mem.rss - base.mem.rss) / 2 ** 20 / tables,
      heapMbPerTable: (after.mem.heapUsed - base.mem.heapUsed) / 2 ** 20 / tables,
      bytesInPerClientRound: rep.counters.bytesIn / rounds,
      bytesOutPerClientRound: rep.counters.bytesOut / rounds,
      joinSeconds,
      loopP99: after.loop.p99,
      loopMax: after.loop.max,
      gcMaxMs: after.gc.max,
      gcMsPerSec: after.gc.total / wall,
      cpuUsPerAck: ((cpuSec / wall) * seconds * 1e6) / Math.max(1, rep.counters.acks),
      bytesInPerAck: rep.counters.bytesIn / Math.max(1, rep.counters.acks),
      framesInPerAck: rep.counters.framesIn / Math.max(1, rep.counters.acks),
      loadAvg: [load0, loadavg()[0]],
    };
  } finally {
    for (const l of loads) if (l.exitCode === null) l.kill('SIGKILL');
    if (server.connected) server.disconnect();
    await new Promise((r) => {
      const t = setTimeout(() => (server.kill('SIGKILL'), r(null)), 10_000);
      server.once('exit', () => (clearTimeout(t), r(null)));
    });
    rmSync(dir, { recursive: true, force: true });
  }
}
