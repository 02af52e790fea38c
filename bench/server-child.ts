// The game server under test, in its own process, with real SQLite storage.
// Answers 'stats' over IPC with its CPU time and memory (after a full GC when asked, with --expose-gc), and how
// late its event loop ran and how long GC paused it since the last 'stats' (measured without the forced GC).
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { dirname } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { startServer } from '../server/app.js';
import { openStorage } from '../server/storage/open-storage.js';
import { SqliteStorage } from '../server/storage/sqlite.js';
import { startBaseline } from './baseline-server.js';

// One load process opens hundreds of tables from one address: lift the per-address creation limit (docs/protocol.md).
process.env.LIMIT_CREATES_PER_HOUR ??= '1000000';
// BENCH_SERVER=baseline starts the bare Colyseus room of bench/baseline-server.ts instead of the game (same storage).
const start = process.env.BENCH_SERVER === 'baseline' ? startBaseline : startServer;
// BENCH_SQLITE_WORKER=1: SQLite's group commit on a worker thread (SqliteStorage's commitOn: 'worker'), to compare.
const storage =
  process.env.BENCH_SQLITE_WORKER === '1'
    ? new SqliteStorage(process.env.DATA_FILE!, { commitOn: 'worker' })
    : await openStorage();
const server = await start({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1', storage });

const lag = monitorEventLoopDelay({ resolution: 5 });
lag.enable();
let gc = { total: 0, max: 0, count: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gc.total += e.duration;
    gc.max = Math.max(gc.max, e.duration);
    gc.count++;
  }
}).observe({ entryTypes: ['gc'] });

// BENCH_PROFILE=dir: a V8 CPU profile of the measured window only ('profile' start / stop from bench/server-load.ts).
// BENCH_PROFILE_HEAP=1: a sampling heap profile (where the window's allocations come from) instead of a CPU profile.
const heap = !!process.env.BENCH_PROFILE_HEAP;
let profiler: Session | null = null;
function profile(m: { start?: boolean; file?: string }): void {
  if (m.start) {
    profiler = new Session();
    profiler.connect();
    if (heap)
      profiler.post('HeapProfiler.startSampling', {
        samplingInterval: 4096,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
    else profiler.post('Profiler.enable', () => profiler!.post('Profiler.start'));
    return;
  }
  const s = profiler;
  profiler = null;
  const done = (r: { profile: object } | undefined) => {
    if (r && m.file) {
      mkdirSync(dirname(m.file), { recursive: true });
      writeFileSync(heap ? m.file.replace(/cpuprofile$/, 'heapprofile') : m.file, JSON.stringify(r.profile));
    }
    s?.disconnect();
    process.send!({ type: 'profiled' });
  };
  if (!s) return done(undefined);
  if (heap) s.post('HeapProfiler.stopSampling', (err, r) => done(err ? undefined : r));
  else s.post('Profiler.stop', (err, r) => done(err ? undefined : r));
}

process.on('message', (m: { type: string; start?: boolean; file?: string; gc?: boolean }) => {
  if (m.type === 'profile') return profile(m);
  if (m.type !== 'stats') return;
  // CPU and the clock first: a forced GC below is the bench's work, not the server's.
  const cpu = process.cpuUsage();
  const at = performance.now();
  const loop = { p99: lag.percentile(99) / 1e6, max: lag.max / 1e6 };
  const pauses = gc;
  // Memory after a full GC, only when asked (before the load and after the window): forced inside a window's lead-in,
  // its pause (100-200 ms with a loaded heap) delayed every action in flight into the measured latencies.
  const forceGc = (globalThis as { gc?: () => void }).gc;
  if (m.gc && forceGc) {
    forceGc();
    forceGc();
  }
  process.send!({ type: 'stats', cpu, mem: process.memoryUsage(), at, loop, gc: pauses });
  // Start counting lag and GC pauses afresh once this answer (and any forced GC) is behind us.
  setTimeout(
    () => {
      lag.reset();
      gc = { total: 0, max: 0, count: 0 };
    },
    m.gc ? 100 : 0,
  );
});
process.on('disconnect', () => {
  void server.stop().finally(() => process.exit(0));
});
process.send!({ type: 'ready', port: server.port });
