// EXPERIMENT for bench/storage.ts, not used by the server: SQLite's group commit on a worker thread.
// The main thread queues appends for one turn of the event loop and posts the batch; the worker writes it
// in one transaction (synchronous=FULL, so one fsync) and posts back the sequence numbers. Each promise
// resolves after that commit, as with server/storage/sqlite.ts, but the fsync no longer holds the main thread.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { LoggedAction } from '../shared/engine/index.js';
import { migrateSqlite } from '../server/storage/sqlite-schema.js';

type Row = [tableId: string, seq: number, at: number, seat: string, action: string];

if (!isMainThread && workerData?.sqliteWorker) {
  const db = new Database(workerData.file as string);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${workerData.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  db.pragma('foreign_keys = ON');
  migrateSqlite(db);
  const insert = db.prepare('INSERT INTO actions (table_id, seq, at, seat, action) VALUES (?, ?, ?, ?, ?)');
  const insertTable = db.prepare(
    `INSERT INTO tables (id, code, scenario_id, options, facilitator_key_hash, class_id, settings, created_at, finished_at)
     VALUES (?, ?, 'bench', '{}', NULL, NULL, '{}', 0, NULL)`,
  );
  const write = db.transaction((rows: Row[]) => rows.forEach((r) => insert.run(...r)));
  parentPort!.on('message', (m: { id: number; rows?: Row[]; table?: string }) => {
    try {
      if (m.table) insertTable.run(m.table, m.table);
      else write(m.rows!);
      parentPort!.postMessage({ id: m.id, ok: true });
    } catch (e) {
      parentPort!.postMessage({ id: m.id, ok: false, error: String(e) });
    }
  });
}

/** appendAction with the commit on a worker thread (only what bench/storage.ts needs). */
export class SqliteWorkerStorage {
  private worker: Worker;
  private nextSeq = new Map<string, number>();
  private rows: Row[] = [];
  private waiters: { resolve: (n: number) => void; reject: (e: unknown) => void; seq: number }[] = [];
  private calls = new Map<number, { resolve: () => void; reject: (e: unknown) => void }>();
  private ids = 0;
  private queued = false;

  constructor(file: string, synchronous: 'full' | 'normal' = 'full') {
    // The worker loads this TypeScript file through tsx's loader, registered inside the worker.
    const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(import.meta.url)}); })`;
    this.worker = new Worker(boot, { eval: true, workerData: { sqliteWorker: true, file, synchronous } });
    this.worker.on('message', (m: { id: number; ok: boolean; error?: string }) => {
      const c = this.calls.get(m.id);
      this.calls.delete(m.id);
      if (m.ok) c?.resolve();
      else c?.reject(new Error(m.error));
    });
  }

  private call(msg: object): Promise<void> {
    const id = ++this.ids;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...msg });
    });
  }

  createTable(id: string): Promise<void> {
    return this.call({ table: id });
  }

  appendAction(tableId: string, e: LoggedAction): Promise<number> {
    const seq = this.nextSeq.get(tableId) ?? 1;
    this.nextSeq.set(tableId, seq + 1);
    this.rows.push([tableId, seq, e.at, String(e.seat), JSON.stringify(e.action)]);
    return new Promise<number>((resolve, reject) => {
      this.waiters.push({ resolve, reject, seq });
      if (!this.queued) {
        this.queued = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.queued = false;
    const rows = this.rows;
    const waiters = this.waiters;
    this.rows = [];
    this.waiters = [];
    this.call({ rows }).then(
      () => waiters.forEach((w) => w.resolve(w.seq)),
      (e) => waiters.forEach((w) => w.reject(e)),
    );
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
