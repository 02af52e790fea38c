// `npx tsx bench/storage.ts [variant...]`: the cost of the acknowledgement point alone. N tables each append
// one action after another (the next once the last is durable, like a table's serial queue) for a few seconds.
// Prints, per variant: appends/s, main-thread busy time per append (event-loop utilisation: what the room's
// event loop loses), process CPU per append (all threads), and PostgreSQL's own CPU per append (its processes
// in /proc, so other work on the same server counts too).
// Variants: sqlite (server/storage/sqlite.ts, main thread), sqlite-worker (the same with commitOn: 'worker'),
// postgres (server/storage/postgres.ts); BENCH_PG_OLD=path/to/postgres.ts adds "postgres-old" for a before/after.
// Options (env): BENCH_TABLES=200 BENCH_SECONDS=5 BENCH_PG_URL=postgres://... (default: the .ci/services.sh database).
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { LoggedAction } from '../shared/engine/index.js';

const TABLES = Number(process.env.BENCH_TABLES ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PG_BASE = process.env.BENCH_PG_URL ?? 'postgres://negotiation:negotiation@127.0.0.1:5432/negotiation_test';

interface Appender {
  createTable(id: string): Promise<void>;
  appendAction(tableId: string, e: LoggedAction): Promise<number>;
  close(): Promise<void>;
}

/** CPU ticks (1/100 s) of every postgres process now. */
function pgTicks(): number {
  let t = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      t += Number(f[11]) + Number(f[12]);
    } catch {
      // The process ended between listing /proc and reading it: it has no more CPU to count.
    }
  }
  return t;
}

async function open(variant: string, dir: string): Promise<{ a: Appender; drop?: () => Promise<void> }> {
  const record = (id: string) => ({
    id,
    code: id,
    scenarioId: 'bench',
    options: {} as never,
    facilitatorKeyHash: null,
    classId: null,
    settings: {},
    createdAt: 0,
    finishedAt: null,
  });
  if (variant === 'sqlite') {
    const { SqliteStorage } = await import('../server/storage/sqlite.js');
    const s = new SqliteStorage(join(dir, 'a.sqlite'));
    return {
      a: {
        createTable: (id) => s.createTable(record(id)),
        appendAction: (t, e) => s.appendAction(t, e),
        close: () => s.close(),
      },
    };
  }
  if (variant === 'sqlite-worker') {
    const { SqliteStorage } = await import('../server/storage/sqlite.js');
    const s = new SqliteStorage(join(dir, 'a.sqlite'), { commitOn: 'worker' });
    return {
      a: {
        createTable: (id) => s.createTable(record(id)),
        appendAction: (t, e) => s.appendAction(t, e),
        close: () => s.close(),
      },
    };
  }
  const schema = `bench_storage_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_BASE });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = `${PG_BASE}${PG_BASE.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const mod =
    variant === 'postgres-old'
      ? await import(resolve(process.env.BENCH_PG_OLD!))
      : await import('../server/storage/postgres.js');
  const s = await mod.PostgresStorage.connect(url);
  return {
    a: {
      createTable: (id) => s.createTable(record(id)),
      appendAction: (t, e) => s.appendAction(t, e),
      close: () => s.close(),
    },
    drop: async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

/** One variant, in this process. */
async function run(variant: string): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-storage-'));
  const { a, drop } = await open(variant, dir);
  try {
    const ids = Array.from({ length: TABLES }, (_, i) => `t${i}`);
    await Promise.all(ids.map((id) => a.createTable(id)));
    let n = 0;
    let stop = false;
    const action = {
      type: 'chat',
      channel: 'public',
      text: 'Round 3: a proposal worth discussing from russia.',
    } as never;
    const loops = ids.map(async (id) => {
      while (!stop) {
        await a.appendAction(id, { seat: 'russia', at: Date.now(), action });
        n++;
      }
    });
    await new Promise((r) => setTimeout(r, 500)); // warm up
    const n0 = n;
    const cpu0 = process.cpuUsage();
    const elu0 = performance.eventLoopUtilization();
    const pg0 = pgTicks();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    const appends = n - n0;
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const elu = performance.eventLoopUtilization(elu0);
    const pgCpu = (pgTicks() - pg0) * 10_000; // us
    stop = true;
    await Promise.all(loops);
    return {
      variant,
      appendsPerSec: Math.round(appends / wall),
      mainThreadUsPerAppend: +((elu.active * 1000) / appends).toFixed(1),
      processCpuUsPerAppend: +((cpu.user + cpu.system) / appends).toFixed(1),
      postgresCpuUsPerAppend: variant.startsWith('postgres') ? +(pgCpu / appends).toFixed(1) : 0,
    };
  } finally {
    await a.close();
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env.BENCH_STORAGE_CHILD) {
  process.send!(await run(process.env.BENCH_STORAGE_CHILD));
  process.exit(0);
} else {
  const variants = process.argv.slice(2).length ? process.argv.slice(2) : ['sqlite', 'sqlite-worker', 'postgres'];
  console.log(`${TABLES} tables appending one after another, ${SECONDS} s per variant, each in its own process`);
  for (const v of variants) {
    const child = fork(new URL(import.meta.url).pathname, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, NODE_ENV: 'production', BENCH_STORAGE_CHILD: v },
    });
    const r = await new Promise((ok, fail) => {
      child.once('message', ok);
      child.once('exit', (c) => fail(new Error(`${v} exited ${c}`)));
    }).catch((e) => ({ variant: v, error: String(e) }));
    console.log(JSON.stringify(r));
  }
}
