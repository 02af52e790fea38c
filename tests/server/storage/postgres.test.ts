import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../../server/storage/open-storage.js';
import { PG_MIGRATIONS, PostgresStorage } from '../../../server/storage/postgres.js';
import { chat, storageContract, tableRecord } from './contract.js';

// Runs against a real PostgreSQL: PG_TEST_URL, or the database .ci/services.sh sets up.
// Skipped (with the reason) when none is reachable, unless PG_REQUIRED=1.
const base = process.env.PG_TEST_URL ?? 'postgres://negotiation:negotiation@127.0.0.1:5432/negotiation_test';
// A fresh schema per run: the migrations run from scratch, and runs at the same time never meet.
const SCHEMA = `contract_${process.pid}_${Date.now().toString(36)}`;
const url = `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${SCHEMA}`)}`;

async function onBase(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: base, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query(sql);
  } finally {
    await c.end().catch(() => {});
  }
}

async function reachable(): Promise<string | null> {
  try {
    await onBase(`CREATE SCHEMA ${SCHEMA}`);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

const why = await reachable();
if (why && process.env.PG_REQUIRED === '1')
  throw new Error(`PG_REQUIRED=1 but PostgreSQL is not reachable at ${base}: ${why}`);

if (why) {
  console.warn(`[postgres.test] skipped: PostgreSQL not reachable (${why}). Set PG_TEST_URL or run .ci/services.sh.`);
  describe.skip(`PostgresStorage: skipped, no PostgreSQL at ${base.replace(/:[^:@/]+@/, ':***@')} (${why}); set PG_TEST_URL or run .ci/services.sh`, () => {
    it('runs the storage contract', () => {});
  });
} else {
  afterAll(() => onBase(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`));
  const open = async () => {
    const s = await PostgresStorage.connect(url, 4);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('TRUNCATE actions, seats, tables, classes');
    await c.end();
    return s;
  };
  storageContract('PostgresStorage', {
    open,
    async reopen(s) {
      await s.close();
      return PostgresStorage.connect(url, 4);
    },
  });

  describe('PostgresStorage: the database', () => {
    it('several processes migrating at once leave one schema version', async () => {
      const all = await Promise.all([1, 2, 3].map(() => PostgresStorage.connect(url, 2)));
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const r = await c.query('SELECT version FROM schema_version');
      expect(r.rows).toEqual([{ version: PG_MIGRATIONS.length }]);
      await c.end();
      await Promise.all(all.map((s) => s.close()));
    });

    it("two servers sharing the database see each other's tables and logs", async () => {
      const a = await open();
      const b = await PostgresStorage.connect(url, 2);
      const t = tableRecord();
      await a.createTable(t);
      await a.appendAction(t.id, chat('from a'));
      expect(await b.appendAction(t.id, chat('from b'))).toBe(2);
      expect((await a.actions(t.id)).map((e) => (e.action as { text: string }).text)).toEqual(['from a', 'from b']);
      await a.close();
      await b.close();
    });

    it('openStorage picks PostgreSQL from DATABASE_URL', async () => {
      const s = await openStorage({ DATABASE_URL: url });
      expect(s).toBeInstanceOf(PostgresStorage);
      await s.close();
    });
  });
}
