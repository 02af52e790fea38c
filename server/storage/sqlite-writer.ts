// SQLite's group commit on a worker thread (SqliteStorage with commitOn: 'worker'). The main thread queues the
// writes of one turn of its event loop and posts them as one batch; the worker writes the batch in one
// transaction (one fsync with synchronous=FULL) on its own connection to the same WAL file and answers
// with what failed. The fsync then no longer holds the main thread's event loop.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** The statements the writer runs, by name; their parameters travel as plain values. */
export const WRITES = {
  insertTable: `INSERT INTO tables (id, code, scenario_id, options, facilitator_key_hash, class_id, settings, created_at, finished_at)
     VALUES (@id, @code, @scenarioId, @options, @facilitatorKeyHash, @classId, @settings, @createdAt, @finishedAt)`,
  finish: 'UPDATE tables SET finished_at = ? WHERE id = ? AND finished_at IS NULL',
  insertAction: 'INSERT INTO actions (table_id, seq, at, seat, action) VALUES (?, ?, ?, ?, ?)',
  upsertSeat: `INSERT INTO seats (table_id, player_id, name, seat, token, updated_at) VALUES (@tableId, @playerId, @name, @seat, '', @updatedAt)
     ON CONFLICT (table_id, player_id) DO UPDATE SET name = excluded.name, seat = excluded.seat, updated_at = excluded.updated_at`,
  insertClass:
    'INSERT INTO classes (id, code, facilitator_key_hash, settings, created_at) VALUES (@id, @code, @facilitatorKeyHash, @settings, @createdAt)',
} as const;

export type WriteName = keyof typeof WRITES;
/** One write: a statement and its parameters; `tableId` and `seq` mark an action append. */
export interface Write {
  name: WriteName;
  args: unknown[];
  tableId?: string;
  seq?: number;
}

/**
 * Runs a batch in one transaction; if that fails, one by one, so one bad write fails alone. A table's later
 * appends never land after one of its earlier appends failed (no gaps): `failedAt` remembers, across batches,
 * the number that failed; appends above it are refused until the table is numbered again from that number.
 * Returns an error message per write, null when stored.
 */
export function writeBatch(
  db: Database.Database,
  stmts: Record<WriteName, Database.Statement>,
  batch: Write[],
  failedAt: Map<string, number>,
): (string | null)[] {
  const gap = (w: Write) => w.tableId !== undefined && failedAt.has(w.tableId) && w.seq! > failedAt.get(w.tableId)!;
  if (!batch.some(gap))
    try {
      db.transaction(() => batch.forEach((w) => stmts[w.name].run(...w.args)))();
      for (const w of batch) if (w.tableId) failedAt.delete(w.tableId);
      return batch.map(() => null);
    } catch {
      // Retry one by one below.
    }
  return batch.map((w) => {
    try {
      if (gap(w)) throw new Error(`An earlier action of table ${w.tableId} could not be stored.`);
      stmts[w.name].run(...w.args);
      if (w.tableId) failedAt.delete(w.tableId);
      return null;
    } catch (e) {
      if (w.tableId && !failedAt.has(w.tableId)) failedAt.set(w.tableId, w.seq!);
      return e instanceof Error ? e.message : String(e);
    }
  });
}

export function prepareWrites(db: Database.Database): Record<WriteName, Database.Statement> {
  return Object.fromEntries(Object.entries(WRITES).map(([k, sql]) => [k, db.prepare(sql)])) as Record<
    WriteName,
    Database.Statement
  >;
}

// --- The worker ---
if (!isMainThread && workerData?.negotiationSqliteWriter) {
  const db = new Database(workerData.file as string);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${workerData.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const stmts = prepareWrites(db);
  const failedAt = new Map<string, number>();
  parentPort!.on('message', (m: { id: number; batch?: Write[]; close?: boolean }) => {
    if (m.close) {
      db.close();
      parentPort!.postMessage({ id: m.id, errors: [] });
      return;
    }
    parentPort!.postMessage({ id: m.id, errors: writeBatch(db, stmts, m.batch!, failedAt) });
  });
}

/** The main thread's handle on the writer thread. */
export class SqliteWriter {
  private worker: Worker;
  private ids = 0;
  private calls = new Map<number, { resolve: (errors: (string | null)[]) => void; reject: (e: unknown) => void }>();
  /** Settles once every batch posted so far is answered. */
  private last: Promise<unknown> = Promise.resolve();

  constructor(file: string, synchronous: 'full' | 'normal') {
    // The worker runs this same TypeScript file through tsx, registered inside the worker.
    const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(import.meta.url)}); })`;
    this.worker = new Worker(boot, { eval: true, workerData: { negotiationSqliteWriter: true, file, synchronous } });
    this.worker.on('message', (m: { id: number; errors: (string | null)[] }) => {
      const c = this.calls.get(m.id);
      this.calls.delete(m.id);
      c?.resolve(m.errors);
    });
    this.worker.on('error', (e) => {
      for (const c of this.calls.values()) c.reject(e);
      this.calls.clear();
    });
    this.worker.unref();
  }

  /** Writes a batch on the worker; resolves with an error message per write (null: stored), in order with earlier batches. */
  write(batch: Write[]): Promise<(string | null)[]> {
    const p = this.call({ batch });
    this.last = p.catch(() => undefined);
    return p;
  }

  /** Resolves once every batch posted so far is committed (or has failed). */
  idle(): Promise<unknown> {
    return this.last;
  }

  async close(): Promise<void> {
    await this.idle();
    await this.call({ close: true }).catch(() => undefined);
    await this.worker.terminate();
  }

  private call(msg: object): Promise<(string | null)[]> {
    const id = ++this.ids;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ id, ...msg });
    }).finally(() => {
      if (this.calls.size === 0) this.worker.unref();
    }) as Promise<(string | null)[]>;
  }
}
