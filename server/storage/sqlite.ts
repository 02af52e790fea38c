import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { LoggedAction } from '../../shared/engine/index.js';
import { migrateSqlite } from './sqlite-schema.js';
import type { ClassRecord, SeatRecord, Storage, TableRecord } from './storage.js';

export interface SqliteOptions {
  /**
   * 'full' (default): every commit is fsynced, so an acknowledged action survives a power cut,
   * not only a process crash. 'normal' (with WAL) survives a crash of the process but may lose
   * the last commits on power loss. Group commit makes 'full' cheap: see appendAction.
   */
  synchronous?: 'full' | 'normal';
}

/** One queued write: `run` executes inside the group transaction; its result settles the promise. */
interface Pending {
  run: () => unknown;
  /** Set for action appends: a table whose append failed takes no later appends in the batch. */
  tableId?: string;
  resolve: (v: never) => void;
  reject: (e: unknown) => void;
}

interface TableRow {
  id: string;
  code: string;
  scenario_id: string;
  options: string;
  facilitator_key_hash: string | null;
  class_id: string | null;
  settings: string;
  created_at: number;
  finished_at: number | null;
}

const toTable = (r: TableRow): TableRecord => ({
  id: r.id,
  code: r.code,
  scenarioId: r.scenario_id,
  options: JSON.parse(r.options),
  facilitatorKeyHash: r.facilitator_key_hash,
  classId: r.class_id,
  settings: JSON.parse(r.settings),
  createdAt: r.created_at,
  finishedAt: r.finished_at,
});

/**
 * Storage in one SQLite file (WAL mode). Writes (appends, seats, tables, classes) that arrive in
 * the same turn of the event loop are committed in one transaction (group commit): one fsync for
 * all of them, and each promise resolves only after that commit, so an ack always follows a
 * durable write. Reads first commit what is queued, so they see every earlier write.
 */
export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly stmt;
  private readonly nextSeq = new Map<string, number>();
  private pending: Pending[] = [];
  private flushQueued = false;
  private closed = false;

  constructor(readonly file: string, opts: SqliteOptions = {}) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${opts.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrateSqlite(this.db);
    const db = this.db;
    this.stmt = {
      insertTable: db.prepare(
        `INSERT INTO tables (id, code, scenario_id, options, facilitator_key_hash, class_id, settings, created_at, finished_at)
         VALUES (@id, @code, @scenarioId, @options, @facilitatorKeyHash, @classId, @settings, @createdAt, @finishedAt)`,
      ),
      tableById: db.prepare<[string], TableRow>('SELECT * FROM tables WHERE id = ?'),
      tableByCode: db.prepare<[string], TableRow>('SELECT * FROM tables WHERE code = ?'),
      unfinished: db.prepare<[], TableRow>('SELECT * FROM tables WHERE finished_at IS NULL ORDER BY created_at, id'),
      ofClass: db.prepare<[string], TableRow>('SELECT * FROM tables WHERE class_id = ? ORDER BY created_at, id'),
      finish: db.prepare('UPDATE tables SET finished_at = ? WHERE id = ? AND finished_at IS NULL'),
      finishedBefore: db.prepare<[number], { id: string }>('SELECT id FROM tables WHERE finished_at IS NOT NULL AND finished_at < ?'),
      deleteTable: db.prepare('DELETE FROM tables WHERE id = ?'),
      maxSeq: db.prepare<[string], { m: number | null }>('SELECT MAX(seq) AS m FROM actions WHERE table_id = ?'),
      insertAction: db.prepare('INSERT INTO actions (table_id, seq, at, seat, action) VALUES (?, ?, ?, ?, ?)'),
      actions: db.prepare<[string], { at: number; seat: string; action: string }>(
        'SELECT at, seat, action FROM actions WHERE table_id = ? ORDER BY seq',
      ),
      upsertSeat: db.prepare(
        `INSERT INTO seats (table_id, player_id, name, seat, token, updated_at) VALUES (@tableId, @playerId, @name, @seat, '', @updatedAt)
         ON CONFLICT (table_id, player_id) DO UPDATE SET name = excluded.name, seat = excluded.seat, updated_at = excluded.updated_at`,
      ),
      seats: db.prepare<[string], { table_id: string; player_id: string; name: string; seat: string; updated_at: number }>(
        'SELECT * FROM seats WHERE table_id = ? ORDER BY updated_at, player_id',
      ),
      insertClass: db.prepare(
        'INSERT INTO classes (id, code, facilitator_key_hash, settings, created_at) VALUES (@id, @code, @facilitatorKeyHash, @settings, @createdAt)',
      ),
      classById: db.prepare<[string], { id: string; code: string; facilitator_key_hash: string; settings: string; created_at: number }>(
        'SELECT * FROM classes WHERE id = ?',
      ),
      classByCode: db.prepare<[string], { id: string; code: string; facilitator_key_hash: string; settings: string; created_at: number }>(
        'SELECT * FROM classes WHERE code = ?',
      ),
    };
  }

  /** The fsync level in force ('full' or 'normal'). */
  get synchronous(): 'full' | 'normal' {
    return this.db.pragma('synchronous', { simple: true }) === 2 ? 'full' : 'normal';
  }

  createTable(t: TableRecord): Promise<void> {
    const row = { ...t, options: JSON.stringify(t.options), settings: JSON.stringify(t.settings) };
    return this.enqueue(() => void this.stmt.insertTable.run(row));
  }

  async getTable(id: string): Promise<TableRecord | null> {
    this.ready();
    const r = this.stmt.tableById.get(id);
    return r ? toTable(r) : null;
  }

  async findTableByCode(code: string): Promise<TableRecord | null> {
    this.ready();
    const r = this.stmt.tableByCode.get(code);
    return r ? toTable(r) : null;
  }

  appendAction(tableId: string, entry: LoggedAction): Promise<number> {
    if (this.closed) return Promise.reject(new Error('Storage is closed.'));
    let seq = this.nextSeq.get(tableId);
    if (seq === undefined) seq = (this.stmt.maxSeq.get(tableId)?.m ?? 0) + 1;
    this.nextSeq.set(tableId, seq + 1);
    const n = seq;
    const action = JSON.stringify(entry.action);
    return this.enqueue(() => (this.stmt.insertAction.run(tableId, n, entry.at, entry.seat, action), n), tableId);
  }

  async actions(tableId: string): Promise<LoggedAction[]> {
    this.ready();
    return this.stmt.actions.all(tableId).map((r) => ({ seat: r.seat, at: r.at, action: JSON.parse(r.action) }));
  }

  finishTable(id: string, at: number): Promise<void> {
    return this.enqueue(() => void this.stmt.finish.run(at, id));
  }

  async unfinishedTables(): Promise<TableRecord[]> {
    this.ready();
    return this.stmt.unfinished.all().map(toTable);
  }

  async tablesOfClass(classId: string): Promise<TableRecord[]> {
    this.ready();
    return this.stmt.ofClass.all(classId).map(toTable);
  }

  upsertSeat(s: SeatRecord): Promise<void> {
    const row = { ...s };
    return this.enqueue(() => void this.stmt.upsertSeat.run(row));
  }

  async seats(tableId: string): Promise<SeatRecord[]> {
    this.ready();
    return this.stmt.seats.all(tableId).map((r) => ({
      tableId: r.table_id,
      playerId: r.player_id,
      name: r.name,
      seat: r.seat,
      updatedAt: r.updated_at,
    }));
  }

  createClass(c: ClassRecord): Promise<void> {
    const row = { ...c, settings: JSON.stringify(c.settings) };
    return this.enqueue(() => void this.stmt.insertClass.run(row));
  }

  async getClass(id: string): Promise<ClassRecord | null> {
    this.ready();
    const r = this.stmt.classById.get(id);
    return r ? toClass(r) : null;
  }

  async findClassByCode(code: string): Promise<ClassRecord | null> {
    this.ready();
    const r = this.stmt.classByCode.get(code);
    return r ? toClass(r) : null;
  }

  async deleteFinishedBefore(before: number): Promise<number> {
    this.ready();
    const ids = this.stmt.finishedBefore.all(before).map((r) => r.id);
    this.db.transaction(() => {
      for (const id of ids) this.stmt.deleteTable.run(id);
    })();
    for (const id of ids) this.nextSeq.delete(id);
    return ids.length;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.db.close();
  }

  private enqueue<T>(run: () => T, tableId?: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.closed) return reject(new Error('Storage is closed.'));
      this.pending.push({ run, tableId, resolve: resolve as (v: never) => void, reject });
      if (!this.flushQueued) {
        this.flushQueued = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits every queued write in one transaction, then settles their promises. */
  private flush(): void {
    this.flushQueued = false;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    const results: unknown[] = [];
    try {
      this.db.transaction(() => batch.forEach((p, i) => (results[i] = p.run())))();
      batch.forEach((p, i) => p.resolve(results[i] as never));
      return;
    } catch {
      // One bad write (e.g. an unknown table, a duplicate code) must not fail the others: retry one by one.
    }
    const failed = new Set<string>();
    for (const p of batch) {
      try {
        // A table's later appends never land after one of its earlier appends failed: no gaps.
        if (p.tableId && failed.has(p.tableId)) throw new Error(`An earlier action of table ${p.tableId} could not be stored.`);
        p.resolve(p.run() as never);
      } catch (e) {
        if (p.tableId) {
          failed.add(p.tableId);
          this.nextSeq.delete(p.tableId);
        }
        p.reject(e);
      }
    }
  }

  /** Keeps reads and other writes in call order with queued appends. */
  private ready(): void {
    if (this.closed) throw new Error('Storage is closed.');
    this.flush();
  }
}

function toClass(r: { id: string; code: string; facilitator_key_hash: string; settings: string; created_at: number }): ClassRecord {
  return { id: r.id, code: r.code, facilitatorKeyHash: r.facilitator_key_hash, settings: JSON.parse(r.settings), createdAt: r.created_at };
}
