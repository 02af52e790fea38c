import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { LoggedAction } from '../../shared/engine/index.js';
import { migrateSqlite } from './sqlite-schema.js';
import { prepareWrites, SqliteWriter, writeBatch, type Write, type WriteName } from './sqlite-writer.js';
import type { ClassRecord, SeatRecord, Storage, TableRecord } from './storage.js';

export interface SqliteOptions {
  /**
   * 'full' (default): every commit is fsynced, so an acknowledged action survives a power cut,
   * not only a process crash. 'normal' (with WAL) survives a crash of the process but may lose
   * the last commits on power loss. Group commit makes 'full' cheap: see appendAction.
   */
  synchronous?: 'full' | 'normal';
  /**
   * Where the group commit runs: 'main' (default), the event loop waits for each commit's fsync; 'worker', a
   * worker thread writes each batch on its own connection while the event loop goes on (bench/storage.ts and
   * docs/storage.md compare the two). Acknowledgements wait for the commit either way.
   */
  commitOn?: 'main' | 'worker';
}

/** One queued write; `result` settles its promise once the write is committed. */
interface Pending {
  write: Write;
  result: unknown;
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

/** The writes each kind of read can see (what ready() must commit first). */
const TABLES: readonly WriteName[] = ['insertTable', 'finish'];
const ACTIONS: readonly WriteName[] = ['insertAction'];
const SEATS: readonly WriteName[] = ['upsertSeat'];
const CLASSES: readonly WriteName[] = ['insertClass'];

/**
 * Storage in one SQLite file (WAL mode). Writes (appends, seats, tables, classes) that arrive in
 * the same turn of the event loop are committed in one transaction (group commit): one fsync for
 * all of them, and each promise resolves only after that commit, so an ack always follows a
 * durable write. Reads first commit what is queued, so they see every earlier write. With
 * `commitOn: 'worker'` the commits run on a worker thread (server/storage/sqlite-writer.ts).
 */
export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly stmt;
  private readonly writes: Record<WriteName, Database.Statement>;
  private readonly writer: SqliteWriter | null;
  private readonly failedAt = new Map<string, number>();
  private readonly nextSeq = new Map<string, number>();
  private pending: Pending[] = [];
  private flushQueued = false;
  private closed = false;

  constructor(
    readonly file: string,
    opts: SqliteOptions = {},
  ) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${opts.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrateSqlite(this.db);
    const db = this.db;
    this.writes = prepareWrites(db);
    this.writer =
      opts.commitOn === 'worker' && file !== ':memory:' ? new SqliteWriter(file, opts.synchronous ?? 'full') : null;
    this.stmt = {
      tableById: db.prepare<[string], TableRow>('SELECT * FROM tables WHERE id = ?'),
      tableByCode: db.prepare<[string], TableRow>('SELECT * FROM tables WHERE code = ?'),
      unfinished: db.prepare<[], TableRow>('SELECT * FROM tables WHERE finished_at IS NULL ORDER BY created_at, id'),
      ofClass: db.prepare<[string], TableRow>('SELECT * FROM tables WHERE class_id = ? ORDER BY created_at, id'),
      finishedBefore: db.prepare<[number], { id: string }>(
        'SELECT id FROM tables WHERE finished_at IS NOT NULL AND finished_at < ?',
      ),
      deleteTable: db.prepare('DELETE FROM tables WHERE id = ?'),
      maxSeq: db.prepare<[string], { m: number | null }>('SELECT MAX(seq) AS m FROM actions WHERE table_id = ?'),
      actions: db.prepare<[string], { at: number; seat: string; action: string }>(
        'SELECT at, seat, action FROM actions WHERE table_id = ? ORDER BY seq',
      ),
      seats: db.prepare<
        [string],
        { table_id: string; player_id: string; name: string; seat: string; updated_at: number }
      >('SELECT * FROM seats WHERE table_id = ? ORDER BY updated_at, player_id'),
      classById: db.prepare<
        [string],
        { id: string; code: string; facilitator_key_hash: string; settings: string; created_at: number }
      >('SELECT * FROM classes WHERE id = ?'),
      classByCode: db.prepare<
        [string],
        { id: string; code: string; facilitator_key_hash: string; settings: string; created_at: number }
      >('SELECT * FROM classes WHERE code = ?'),
    };
  }

  /** The fsync level in force ('full' or 'normal'). */
  get synchronous(): 'full' | 'normal' {
    return this.db.pragma('synchronous', { simple: true }) === 2 ? 'full' : 'normal';
  }

  createTable(t: TableRecord): Promise<void> {
    const row = { ...t, options: JSON.stringify(t.options), settings: JSON.stringify(t.settings) };
    return this.enqueue({ name: 'insertTable', args: [row] }, undefined);
  }

  async getTable(id: string): Promise<TableRecord | null> {
    await this.ready(TABLES);
    const r = this.stmt.tableById.get(id);
    return r ? toTable(r) : null;
  }

  async findTableByCode(code: string): Promise<TableRecord | null> {
    await this.ready(TABLES);
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
    return this.enqueue({ name: 'insertAction', args: [tableId, n, entry.at, entry.seat, action], tableId, seq: n }, n);
  }

  async actions(tableId: string): Promise<LoggedAction[]> {
    await this.ready(ACTIONS);
    return this.stmt.actions.all(tableId).map((r) => ({ seat: r.seat, at: r.at, action: JSON.parse(r.action) }));
  }

  finishTable(id: string, at: number): Promise<void> {
    return this.enqueue({ name: 'finish', args: [at, id] }, undefined);
  }

  async unfinishedTables(): Promise<TableRecord[]> {
    await this.ready(TABLES);
    return this.stmt.unfinished.all().map(toTable);
  }

  async tablesOfClass(classId: string): Promise<TableRecord[]> {
    await this.ready(TABLES);
    return this.stmt.ofClass.all(classId).map(toTable);
  }

  upsertSeat(s: SeatRecord): Promise<void> {
    const row = { ...s };
    return this.enqueue({ name: 'upsertSeat', args: [row] }, undefined);
  }

  async seats(tableId: string): Promise<SeatRecord[]> {
    await this.ready(SEATS);
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
    return this.enqueue({ name: 'insertClass', args: [row] }, undefined);
  }

  async getClass(id: string): Promise<ClassRecord | null> {
    await this.ready(CLASSES);
    const r = this.stmt.classById.get(id);
    return r ? toClass(r) : null;
  }

  async findClassByCode(code: string): Promise<ClassRecord | null> {
    await this.ready(CLASSES);
    const r = this.stmt.classByCode.get(code);
    return r ? toClass(r) : null;
  }

  async deleteFinishedBefore(before: number): Promise<number> {
    await this.ready();
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
    await this.writer?.close();
    this.db.close();
  }

  private enqueue<T>(write: Write, result: T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.closed) return reject(new Error('Storage is closed.'));
      this.pending.push({ write, result, resolve: resolve as (v: never) => void, reject });
      if (!this.flushQueued) {
        this.flushQueued = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits every queued write in one transaction (here, or on the writer thread), then settles their promises. */
  private flush(): void {
    this.flushQueued = false;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    const writes = batch.map((p) => p.write);
    if (!this.writer) return this.settle(batch, writeBatch(this.db, this.writes, writes, this.failedAt));
    this.writer.write(writes).then(
      (errors) => this.settle(batch, errors),
      (e) =>
        this.settle(
          batch,
          batch.map(() => String(e)),
        ),
    );
  }

  private settle(batch: Pending[], errors: (string | null)[]): void {
    batch.forEach((p, i) => {
      if (errors[i] === null) return p.resolve(p.result as never);
      // The next append of a table whose append failed is numbered again from what is stored.
      if (p.write.tableId) this.nextSeq.delete(p.write.tableId);
      p.reject(new Error(errors[i]!));
    });
  }

  /**
   * Keeps reads and other writes in call order with queued writes: they wait until those are committed. A read that
   * names the writes it can see (`reads`) commits the queue early only when one of those is queued: a join's read of
   * its table's seats does not force an fsync of every table's appends outside the group commit.
   */
  private async ready(reads?: readonly WriteName[]): Promise<void> {
    if (this.closed) throw new Error('Storage is closed.');
    if (this.writer || !reads || this.pending.some((p) => reads.includes(p.write.name))) this.flush();
    if (this.writer) await this.writer.idle();
  }
}

function toClass(r: {
  id: string;
  code: string;
  facilitator_key_hash: string;
  settings: string;
  created_at: number;
}): ClassRecord {
  return {
    id: r.id,
    code: r.code,
    facilitatorKeyHash: r.facilitator_key_hash,
    settings: JSON.parse(r.settings),
    createdAt: r.created_at,
  };
}
