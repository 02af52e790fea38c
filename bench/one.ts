// `npx tsx bench/one.ts <tables> <flat|pace|idle> [seconds] [baseline]`: one load on one server (the game, or with
// `baseline` the bare Colyseus room of bench/baseline-server.ts), printed as one line of JSON. For profiling
// (BENCH_PROFILE, BENCH_PERF) and for finding how many tables one process carries (docs/storage.md). `idle`: every
// client seated and never acting, for the fixed cost of open tables (the clock, the patches, the keep-alive pings).
import type { ServerFigures } from './server-load.js';

process.env.NODE_ENV = 'production';
const { benchServer, COMPARE_ROUNDS } = await import('./server-load.js');
const [tables, kind, seconds, server] = process.argv.slice(2);
const f = await benchServer(
  Number(tables),
  Number(seconds ?? 10),
  {
    scenario: 'ukraine_peace_talks',
    rounds: COMPARE_ROUNDS,
    chatsPerTalks: 3,
    minGapMs: kind === 'pace' ? 3000 : kind === 'idle' ? 1e9 : 100,
    baseline: server === 'baseline',
  },
  {},
);
const keys: (keyof ServerFigures)[] = [
  'tables',
  'acksPerSec',
  'p50',
  'p95',
  'p99',
  'max',
  'serverCpu',
  'loadCpu',
  'cpuUsPerAck',
  'loopP99',
  'loopMax',
  'gcMaxMs',
  'gcMsPerSec',
  'bytesInPerAck',
  'framesInPerAck',
  'rssLoadedMb',
  'loadAvg',
  'games',
  'errors',
  'errorCodes',
];
const round = (v: unknown) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v);
console.log(JSON.stringify(Object.fromEntries(keys.map((k) => [k, round(f[k])]))));
