import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app.js';
import type { TableInfo } from '../../server/rooms/table-info.js';
import { scaleOutFromEnv } from '../../server/scale-out.js';
import { newId, newJoinCode } from '../../server/secrets.js';
import { PostgresStorage } from '../../server/storage/postgres.js';
import type { View } from '../../shared/engine/index.js';
import { miniScenarioData } from '../fixtures/mini-scenario.js';
import { api, createTable, Player, until } from './helpers.js';
import { oneAddress, type OneAddress } from './one-address.js';

// Two real server processes (tsx server/main.ts) sharing one Redis (Colyseus's presence and driver)
// and one PostgreSQL, behind a stand-in for a reverse proxy. Skipped, with the reason, when either
// service is not reachable: PG_TEST_URL / REDIS_TEST_URL, or what .ci/services.sh starts.
const PG_URL = process.env.PG_TEST_URL ?? 'postgres://negotiation:negotiation@127.0.0.1:5432/negotiation_test';
const REDIS_BASE = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';
// Each run has its own schema and Redis key prefix, so it never meets another run or the contract tests.
const RUN = `scale_out_${process.pid}_${Date.now().toString(36)}`;
const SCHEMA = RUN;
const withQuery = (url: string, q: string) => `${url}${url.includes('?') ? '&' : '?'}${q}`;
const DB_URL = withQuery(PG_URL, `options=${encodeURIComponent(`-c search_path=${SCHEMA}`)}`);
const REDIS_URL = withQuery(REDIS_BASE, `keyPrefix=${RUN}:`);

describe('scaleOutFromEnv', () => {
  it('is off without REDIS_URL: one process with in-memory matchmaking, as `npm start` runs', () => {
    expect(scaleOutFromEnv({})).toBeUndefined();
    expect(scaleOutFromEnv({ REDIS_URL: ' ', DATABASE_URL: PG_URL })).toBeUndefined();
  });

  it('refuses incomplete or malformed settings with a clear message', () => {
    const R = 'redis://127.0.0.1:6379';
    expect(() => scaleOutFromEnv({ REDIS_URL: '127.0.0.1:6379' })).toThrow(/REDIS_URL must start with redis:\/\//);
    expect(() => scaleOutFromEnv({ REDIS_URL: R, DATABASE_URL: PG_URL })).toThrow(/needs PUBLIC_ADDRESS/);
    expect(() =>
      scaleOutFromEnv({ REDIS_URL: R, PUBLIC_ADDRESS: 'wss://game.example.org/p1', DATABASE_URL: PG_URL }),
    ).toThrow(/without ws:\/\//);
    expect(() => scaleOutFromEnv({ REDIS_URL: R, PUBLIC_ADDRESS: 'game.example.org/p1' })).toThrow(
      /needs DATABASE_URL/,
    );
  });
});

async function unreachable(): Promise<string | null> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
  } catch (e) {
    return `PostgreSQL not reachable at ${PG_URL.replace(/:[^:@/]+@/, ':***@')} (${(e as Error).message})`;
  } finally {
    await c.end().catch(() => {});
  }
  const r = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  r.on('error', () => {});
  try {
    await r.connect();
    await r.ping();
    return null;
  } catch (e) {
    return `Redis not reachable at ${REDIS_BASE} (${(e as Error).message})`;
  } finally {
    r.disconnect();
  }
}

const why = await unreachable();
if (why) {
  console.warn(`[scale-out.test] skipped: ${why}. Run .ci/services.sh or set PG_TEST_URL and REDIS_TEST_URL.`);
  describe.skip(`two processes sharing Redis and PostgreSQL: skipped, ${why}; run .ci/services.sh`, () => {
    it('plays one table through two processes', () => {});
  });
} else {
  interface Proc {
    child: ChildProcess;
    srv: RunningServer;
    processId: string;
    log: () => string;
  }
  const dir = mkdtempSync(join(tmpdir(), 'negotiation-scale-'));
  const procs: Proc[] = [];
  let redis: Redis;
  let proxy: OneAddress;
  let store: PostgresStorage;
  let ports: number[];
  let A: Proc;
  let B: Proc;

  const freePort = async (): Promise<number> => {
    const s = createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as { port: number }).port;
    await new Promise((r) => s.close(r));
    return port;
  };

  async function start(n: number): Promise<Proc> {
    const tsx = pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href;
    const env = {
      PORT: String(ports[n - 1]),
      DATABASE_URL: DB_URL,
      REDIS_URL,
      PUBLIC_ADDRESS: `127.0.0.1:${proxy.port}/p${n}`,
      SCENARIO_DIR: join(dir, 'scenarios'),
      RECONNECT_GRACE: '5',
    };
    const child = spawn(process.execPath, ['--import', tsx, resolve('server/main.ts')], {
      cwd: dir,
      env: { ...process.env, ...env, NODE_ENV: 'production', TSX_TSCONFIG_PATH: resolve('tsconfig.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    await until(() => /server on/i.test(out) || child.exitCode !== null, `process ${n} to start`, 30_000);
    if (child.exitCode !== null) throw new Error(`process ${n} exited: ${out}`);
    const processId = /process (\S+),/.exec(out)?.[1];
    if (!processId) throw new Error(`process ${n} did not name its Colyseus process id: ${out}`);
    const p = { child, srv: { url: `http://127.0.0.1:${env.PORT}` } as RunningServer, processId, log: () => out };
    procs.push(p);
    return p;
  }

  const stop = (p: Proc) =>
    new Promise<void>((r) => {
      if (p.child.exitCode !== null || p.child.signalCode !== null) return r();
      p.child.once('exit', () => r());
      p.child.kill('SIGTERM');
    });

  /** Every listed room is one live room: the rooms the processes count add up to the listing. */
  async function roomCounts(): Promise<{ listed: number; live: number }> {
    const counts = Object.values(await redis.hgetall('roomcount')).map((v) => Number(v.split(',')[0]));
    return { listed: await redis.hlen('roomcaches'), live: counts.reduce((a, b) => a + b, 0) };
  }
  async function eachTableOpenOnce(expected: number): Promise<void> {
    const ok = async () => {
      const c = await roomCounts();
      return c.listed === expected && c.live === expected;
    };
    const end = Date.now() + 10_000;
    while (!(await ok()) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1500)); // Colyseus persists room counts at most once a second
    expect(await roomCounts()).toEqual({ listed: expected, live: expected });
  }

  /** What every seat at the table sees alike. */
  const common = (v: View) => ({
    phase: v.phase,
    round: v.round,
    turn: v.turn,
    moved: v.moved,
    ready: v.ready,
    meters: v.meters,
    clauses: v.clauses,
    signatures: v.signatures,
    event: v.event,
    outcome: v.outcome,
    chat: v.chat.filter((m) => m.channel === 'public'),
  });
  const same = (xs: unknown[]) => xs.every((x) => JSON.stringify(x) === JSON.stringify(xs[0]));

  let table: { code: string; facilitatorKey: string; roomId: string };
  let before: ReturnType<typeof common>;

  beforeAll(async () => {
    mkdirSync(join(dir, 'scenarios'));
    writeFileSync(join(dir, 'scenarios', 'mini.json'), JSON.stringify(miniScenarioData()));
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA}`);
    await c.end();
    redis = new Redis(REDIS_URL);
    ports = [await freePort(), await freePort()];
    proxy = await oneAddress(ports);
    [A, B] = await Promise.all([start(1), start(2)]);
    store = await PostgresStorage.connect(DB_URL, 2);
  }, 60_000);

  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await proxy?.close();
    await store?.close();
    redis?.disconnect();
    const raw = new Redis(REDIS_BASE);
    const keys = await raw.keys(`${RUN}:*`);
    if (keys.length) await raw.del(...keys);
    raw.disconnect();
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await c.end();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('two processes sharing Redis and PostgreSQL', () => {
    it("reads REDIS_URL, PUBLIC_ADDRESS and DATABASE_URL into Colyseus's Redis presence and driver", async () => {
      const s = scaleOutFromEnv({ REDIS_URL, PUBLIC_ADDRESS: 'game.example.org/p1/', DATABASE_URL: DB_URL })!;
      expect(s.publicAddress).toBe('game.example.org/p1');
      await s.presence.set('probe', 'ok');
      expect(await redis.get('probe')).toBe('ok'); // the same Redis, under the same prefix
      s.presence.shutdown();
      await s.driver.shutdown();
    });

    it('a table created on process 1 is played by clients joining through process 2, process 1 and one address', async () => {
      table = await createTable(A.srv, { scenario: 'mini' });
      const listing = JSON.parse((await redis.hget('roomcaches', table.roomId)) ?? '{}');
      expect(listing).toMatchObject({ processId: A.processId, publicAddress: `127.0.0.1:${proxy.port}/p1` });

      // The join code works from either process.
      for (const p of [A, B]) {
        const info = await api<TableInfo>(p.srv, `/api/tables/${table.code.toLowerCase()}`);
        expect(info.status).toBe(200);
        expect(info.body).toMatchObject({ roomId: table.roomId, code: table.code, phase: 'setup' });
      }

      const one = { url: `http://127.0.0.1:${proxy.port}` } as RunningServer;
      const hitsBefore = [...proxy.hits];
      const fac = await Player.join(
        B.srv,
        table.roomId,
        { role: 'facilitator', name: 'T', facilitatorKey: table.facilitatorKey, playerId: 'pf' },
        'fac',
      );
      const a = await Player.join(
        A.srv,
        table.roomId,
        { role: 'a', name: 'Ann', playerId: 'p-a', code: table.code },
        'a',
      );
      const b = await Player.join(B.srv, table.roomId, { role: 'b', name: 'Bo', playerId: 'p-b' }, 'b');
      const c = await Player.join(one, table.roomId, { role: 'c', name: 'Cy', playerId: 'p-c' }, 'c');
      // Every WebSocket went through /p1 to process 1, which hosts the room, whoever reserved the seat.
      expect(proxy.hits[0] - hitsBefore[0]).toBeGreaterThanOrEqual(4);
      const all = [fac, a, b, c];
      const delegations = [a, b, c];

      await fac.must({ type: 'start' });
      await fac.must({ type: 'advance' }); // talks
      for (const p of delegations) await p.must({ type: 'chat', channel: 'public', text: `hello from ${p.label}` });
      await fac.waitView((v) => v.chat.length === 3, 'the three messages');
      for (let guard = 0; !(fac.view.round === 2 && fac.view.phase === 'talks') && guard < 40; guard++) {
        const v = fac.view;
        if (v.phase === 'moves') await delegations.find((p) => p.label === v.turn)!.must({ type: 'pass' });
        else await fac.must({ type: 'advance' });
        await fac.waitView(
          (x) => x.phase !== v.phase || x.round !== v.round || x.moved.length !== v.moved.length,
          'the move to show',
        );
      }
      await b.must({ type: 'chat', channel: 'public', text: 'round two' });

      await until(
        () => all.every((p) => p.views.at(-1)?.chat.some((m) => m.text === 'round two')),
        'everyone to see the last message',
      );
      await until(
        () => same(all.map((p) => common(p.view))) && same(all.map((p) => p.room.state.toJSON())),
        'the same state everywhere',
      );
      expect(all.map((p) => common(p.view))).toEqual(all.map(() => common(fac.view)));
      expect(all.map((p) => p.room.state.toJSON())).toEqual(all.map(() => fac.room.state.toJSON()));
      expect(fac.view).toMatchObject({ round: 2, phase: 'talks' });
      expect(all.flatMap((p) => p.errors)).toEqual([]);

      // Every acknowledged action is in the shared database, at the number its ack named.
      const log = await store.actions(table.roomId);
      const acks = all.flatMap((p) => p.acks);
      expect(Math.max(...acks.map((x) => x.seq))).toBe(log.length);
      expect(log.filter((e) => (e.action as { type: string }).type === 'pass').length).toBe(3);

      before = common(fac.view);
      for (const p of all) await p.leave();
    }, 60_000);

    it('join code lookups racing on both processes open each table exactly once', async () => {
      const ids = Array.from({ length: 30 }, () => ({ id: newId(), code: newJoinCode() }));
      for (const [i, t] of ids.entries())
        await store.createTable({
          ...t,
          scenarioId: 'mini',
          options: { seed: i },
          facilitatorKeyHash: null,
          classId: null,
          settings: {},
          createdAt: Date.now(),
          finishedAt: null,
        });
      const lookups = ids.flatMap((t) => [A, B, A, B, A, B].map((p) => api<TableInfo>(p.srv, `/api/tables/${t.code}`)));
      const replies = await Promise.all(lookups);
      expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
      expect(new Set(replies.map((r) => r.body.roomId))).toEqual(new Set(ids.map((t) => t.id)));
      for (const t of ids) expect(await redis.hexists('roomcaches', t.id)).toBe(1);
      await eachTableOpenOnce(1 + ids.length);
    }, 60_000);

    it('both processes restarting together restore each unfinished table once, and the game goes on', async () => {
      await Promise.all([A, B].map(stop));
      expect(await redis.hlen('roomcaches')).toBe(0); // a clean stop lists nothing
      const unfinished = (await store.unfinishedTables()).length;
      expect(unfinished).toBe(31);

      [A, B] = await Promise.all([start(1), start(2)]);
      for (const p of [A, B]) expect(p.log()).toContain(`${unfinished} unfinished table(s) restored`);
      await eachTableOpenOnce(unfinished);

      const one = { url: `http://127.0.0.1:${proxy.port}` } as RunningServer;
      const fac = await Player.join(
        one,
        table.roomId,
        { role: 'facilitator', name: 'T', facilitatorKey: table.facilitatorKey, playerId: 'pf' },
        'fac',
      );
      const b = await Player.join(B.srv, table.roomId, { name: 'Bo', playerId: 'p-b', code: table.code }, 'b');
      await until(() => b.welcomes.length > 0, 'the welcome');
      expect(b.welcomes[0].seat).toBe('b'); // the same delegation as before the restart
      await fac.waitView(() => true, 'the restored table');
      expect(common(fac.view)).toEqual(before);
      await fac.must({ type: 'advance' });
      await b.waitView((v) => v.phase === 'moves', 'the moves phase');
      expect(common(b.view)).toEqual(common(fac.view));
      for (const p of [fac, b]) await p.leave();
      await Promise.all([A, B].map(stop));
    }, 90_000);
  });
}
