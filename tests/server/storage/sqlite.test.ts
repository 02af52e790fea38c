import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../../server/storage/open-storage.js';
import { SqliteStorage } from '../../../server/storage/sqlite.js';
import { SQLITE_MIGRATIONS } from '../../../server/storage/sqlite-schema.js';
import type { Storage } from '../../../server/storage/storage.js';
import { chat, storageContract, tableRecord } from './contract.js';

const dir = mkdtempSync(join(tmpdir(), 'negotiation-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const files = new WeakMap<Storage, string>();

storageContract('SqliteStorage', {
  async open() {
    const file = join(dir, `contract-${++n}.sqlite`);
    const s = new SqliteStorage(file);
    files.set(s, file);
    return s;
  },
  async reopen(s) {
    const file = files.get(s)!;
    await s.close();
    const again = new SqliteStorage(file);
    files.set(again, file);
    return again;
  },
});

// The same contract with the group commit on a worker thread (SqliteStorage's commitOn: 'worker').
storageContract('SqliteStorage, commits on a worker thread', {
  async open() {
    const file = join(dir, `contract-${++n}.sqlite`);
    const s = new SqliteStorage(file, { commitOn: 'worker' });
    files.set(s, file);
    return s;
  },
  async reopen(s) {
    const file = files.get(s)!;
    await s.close();
    const again = new SqliteStorage(file, { commitOn: 'worker' });
    files.set(again, file);
    return again;
  },
});

describe('SqliteStorage: the file', () => {
  it('creates missing folders, uses WAL and full fsync by default', async () => {
    const file = join(dir, 'nested', 'deeper', 'a.sqlite');
    const s = new SqliteStorage(file);
    expect(s.synchronous).toBe('full');
    await s.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.length);
    db.close();
  });

  it('an append has reached the file when its promise resolves (another connection sees it)', async () => {
    const file = join(dir, 'visible.sqlite');
    const s = new SqliteStorage(file);
    const t = tableRecord();
    await s.createTable(t);
    const other = new Database(file, { readonly: true });
    const count = () =>
      (other.prepare('SELECT COUNT(*) AS c FROM actions WHERE table_id = ?').get(t.id) as { c: number }).c;
    const p = s.appendAction(t.id, chat('durable'));
    expect(count()).toBe(0); // queued for the group commit, not yet acknowledged
    expect(await p).toBe(1);
    expect(count()).toBe(1);
    const row = other.prepare('SELECT seq, seat, at, action FROM actions WHERE table_id = ?').get(t.id) as Record<
      string,
      unknown
    >;
    expect(row).toEqual({
      seq: 1,
      seat: 'ukraine',
      at: 1_700_000_000_500,
      action: JSON.stringify(chat('durable').action),
    });
    other.close();
    await s.close();
  });

  it("a read commits the queued writes it can see, and leaves the others to the turn's group commit", async () => {
    const file = join(dir, 'reads.sqlite');
    const s = new SqliteStorage(file);
    const t = tableRecord();
    await s.createTable(t);
    const other = new Database(file, { readonly: true });
    const count = () =>
      (other.prepare('SELECT COUNT(*) AS c FROM actions WHERE table_id = ?').get(t.id) as { c: number }).c;
    const appended = s.appendAction(t.id, chat('queued'));
    // Reads of the table and of its seats cannot see an action: the append stays queued (no fsync of its own).
    expect((await s.getTable(t.id))?.code).toBe(t.code);
    expect(await s.seats(t.id)).toEqual([]);
    expect(count()).toBe(0);
    // A read of the actions commits it first, so it reads its own write.
    expect((await s.actions(t.id)).map((a) => a.action)).toEqual([chat('queued').action]);
    expect(count()).toBe(1);
    expect(await appended).toBe(1);
    // A seat written and read back in the same turn.
    const seat = { tableId: t.id, playerId: 'p1', name: 'Ana', seat: 'ukraine', updatedAt: 5 };
    const upserted = s.upsertSeat(seat);
    expect(await s.seats(t.id)).toEqual([seat]);
    await upserted;
    other.close();
    await s.close();
  });

  it('the log is append-only at the schema level: a duplicate (table, seq) is refused', async () => {
    const file = join(dir, 'unique.sqlite');
    const s = new SqliteStorage(file);
    const t = tableRecord();
    await s.createTable(t);
    await s.appendAction(t.id, chat('one'));
    await s.close();
    const db = new Database(file);
    expect(() =>
      db.prepare("INSERT INTO actions (table_id, seq, at, seat, action) VALUES (?, 1, 0, 'x', '{}')").run(t.id),
    ).toThrow(/UNIQUE|PRIMARY/);
    db.close();
  });

  it('opens a database written by an older schema and refuses one from a newer server', async () => {
    const file = join(dir, 'versions.sqlite');
    const s = new SqliteStorage(file);
    const t = tableRecord();
    await s.createTable(t);
    await s.close();
    const again = new SqliteStorage(file); // migrations already applied: nothing to do, data kept
    expect(await again.getTable(t.id)).toEqual(t);
    await again.close();
    const db = new Database(file);
    db.pragma(`user_version = ${SQLITE_MIGRATIONS.length + 1}`);
    db.close();
    expect(() => new SqliteStorage(file)).toThrow(/newer/);
  });

  it('keeps thousands of appends across many tables in order (group commit)', async () => {
    const s = new SqliteStorage(join(dir, 'many.sqlite'));
    const tables = Array.from({ length: 50 }, () => tableRecord());
    for (const t of tables) await s.createTable(t);
    const all: Promise<number>[] = [];
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 1000; i++) all.push(s.appendAction(tables[i % 50].id, chat(`r${round}-${i}`, i)));
      await new Promise((r) => setImmediate(r)); // several commits, not one
    }
    const seqs = await Promise.all(all);
    expect(seqs.filter((q, i) => q !== Math.floor(i / 50) + 1)).toEqual([]);
    const log = await s.actions(tables[7].id);
    expect(log.length).toBe(100);
    expect((log[0].action as { text: string }).text).toBe('r0-7');
    expect((log[99].action as { text: string }).text).toBe('r4-957');
    await s.close();
  });
});

describe('openStorage', () => {
  it('opens SQLite at DATA_FILE, honouring SQLITE_SYNC', async () => {
    const file = join(dir, 'env.sqlite');
    const s = await openStorage({ DATA_FILE: file, SQLITE_SYNC: 'normal' });
    expect(s).toBeInstanceOf(SqliteStorage);
    expect((s as SqliteStorage).file).toBe(file);
    expect((s as SqliteStorage).synchronous).toBe('normal');
    await s.close();
  });

  it('refuses a DATABASE_URL that is not PostgreSQL, and a bad SQLITE_SYNC', async () => {
    await expect(openStorage({ DATABASE_URL: 'mysql://x' })).rejects.toThrow(/postgres/);
    await expect(openStorage({ DATA_FILE: join(dir, 'x.sqlite'), SQLITE_SYNC: 'off' })).rejects.toThrow(/SQLITE_SYNC/);
  });
});
