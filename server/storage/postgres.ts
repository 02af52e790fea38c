import pg from 'pg';
import type { LoggedAction } from '../../shared/engine/index.js';
import type { ClassRecord, SeatRecord, Storage, TableRecord } from './storage.js';

/** Schema migrations, oldest first; schema_version holds how many are applied. Never edit a shipped one. */
export const PG_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE classes (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    facilitator_key_hash TEXT NOT NULL,
    settings JSONB NOT NULL,
    created_at BIGINT NOT NULL
  );
  CREATE TABLE tables (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    scenario_id TEXT NOT NULL,
    options JSONB NOT NULL,
    facilitator_key_hash TEXT,
    class_id TEXT,
    settings JSONB NOT NULL,
    created_at BIGINT NOT NULL,
    finished_at BIGINT
  );
  CREATE INDEX tables_unfinished ON tables (finished_at, created_at);
  CREATE INDEX tables_class ON tables (class_id, created_at);
  CREATE TABLE actions (
    table_id TEXT NOT NULL REFERENCES tables (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    at BIGINT NOT NULL,
    seat TEXT NOT NULL,
    action JSONB NOT NULL,
    PRIMARY KEY (table_id, seq)
  );
  CREATE TABLE seats (
    table_id TEXT NOT NULL REFERENCES tables (id) ON DELETE CASCADE,
    player_id TEXT NOT NULL,
    name TEXT NOT NULL,
    seat TEXT NOT NULL,
    token TEXT NOT NULL, -- unused, always '' (a seat is claimed by its playerId)
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (table_id, player_id)
  );
  `,
];

// Any number: all server processes take the same advisory lock while migrating.
const MIGRATION_LOCK = 7_310_442;

type Row = Record<string, unknown>;
const num = (v: unknown): number => Number(v);

const toTable = (r: Row): TableRecord => ({
  id: r.id as string,
  code: r.code as string,
  scenarioId: r.scenario_id as string,
  options: r.options as TableRecord['options'],
  facilitatorKeyHash: (r.facilitator_key_hash as string | null) ?? null,
  classId: (r.class_id as string | null) ?? null,
  settings: r.settings as Record<string, unknown>,
  createdAt: num(r.created_at),
  finishedAt: r.finished_at === null ? null : num(r.finished_at),
});

const toClass = (r: Row): ClassRecord => ({
  id: r.id as string,
  code: r.code as string,
  facilitatorKeyHash: r.facilitator_key_hash as string,
  settings: r.settings as Record<string, unknown>,
  createdAt: num(r.created_at),
});

/** One queued append; its sequence number is given when its batch is written. */
interface PendingAppend {
  tableId: string;
  entry: LoggedAction;
  resolve: (seq: number) => void;
  reject: (e: unknown) => void;
}

// Every action of one batch in one INSERT (one round trip, one commit), as a named prepared statement.
const INSERT_ACTIONS = {
  name: 'negotiation-append-actions',
  text: `INSERT INTO actions (table_id, seq, at, seat, action)
         SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[], $4::text[], $5::jsonb[])`,
};
const MAX_SEQ = {
  name: 'negotiation-max-seq',
  text: 'SELECT table_id, MAX(seq) AS m FROM actions WHERE table_id = ANY($1::text[]) GROUP BY table_id',
};

/**
 * Storage in PostgreSQL, for several server processes sharing one database (a table lives in one process).
 * Appends are group-committed like SQLite's: those that arrive in the same turn of the event loop, or while
 * the previous batch is being written, go to the database as one INSERT in one transaction; each promise
 * resolves after that commit, so an ack still follows a durable write. Sequence numbers are given in call
 * order per table (the table's MAX(seq) is read once); the primary key refuses a second writer's duplicate.
 */
export class PostgresStorage implements Storage {
  private readonly nextSeq = new Map<string, number>();
  private queue: PendingAppend[] = [];
  private writing: Promise<void> | null = null;
  private closed = false;

  private constructor(private readonly pool: pg.Pool) {}

  /** Connects and brings the schema up to date. */
  static async connect(url: string, poolSize = 10): Promise<PostgresStorage> {
    const pool = new pg.Pool({ connectionString: url, max: poolSize });
    pool.on('error', () => {}); // an idle client's broken connection is replaced on next use
    const s = new PostgresStorage(pool);
    try {
      await s.migrate();
    } catch (e) {
      await pool.end();
      throw e;
    }
    return s;
  }

  private async migrate(): Promise<void> {
    const c = await this.pool.connect();
    try {
      await c.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await c.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
      const r = await c.query('SELECT version FROM schema_version');
      const version = r.rows.length ? num(r.rows[0].version) : 0;
      if (version > PG_MIGRATIONS.length) {
        throw new Error(
          `Database schema version ${version} is newer than this server knows (${PG_MIGRATIONS.length}); upgrade the server.`,
        );
      }
      if (version < PG_MIGRATIONS.length) {
        await c.query('BEGIN');
        for (let v = version; v < PG_MIGRATIONS.length; v++) await c.query(PG_MIGRATIONS[v]);
        await c.query('DELETE FROM schema_version');
        await c.query('INSERT INTO schema_version (version) VALUES ($1)', [PG_MIGRATIONS.length]);
        await c.query('COMMIT');
      }
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      await c.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
      c.release();
    }
  }

  async createTable(t: TableRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO tables (id, code, scenario_id, options, facilitator_key_hash, class_id, settings, created_at, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        t.id,
        t.code,
        t.scenarioId,
        JSON.stringify(t.options),
        t.facilitatorKeyHash,
        t.classId,
        JSON.stringify(t.settings),
        t.createdAt,
        t.finishedAt,
      ],
    );
  }

  async getTable(id: string): Promise<TableRecord | null> {
    const r = await this.pool.query('SELECT * FROM tables WHERE id = $1', [id]);
    return r.rows[0] ? toTable(r.rows[0]) : null;
  }

  async findTableByCode(code: string): Promise<TableRecord | null> {
    const r = await this.pool.query('SELECT * FROM tables WHERE code = $1', [code]);
    return r.rows[0] ? toTable(r.rows[0]) : null;
  }

  appendAction(tableId: string, entry: LoggedAction): Promise<number> {
    if (this.closed) return Promise.reject(new Error('Storage is closed.'));
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ tableId, entry, resolve, reject });
      this.writing ??= new Promise<void>((done) => setImmediate(() => void this.drain().finally(done)));
    });
  }

  /** Writes batches until the queue is empty: one batch in flight at a time, so each table's order holds. */
  private async drain(): Promise<void> {
    try {
      while (this.queue.length) await this.writeBatch(this.queue.splice(0));
    } finally {
      this.writing = null;
    }
  }

  private async writeBatch(batch: PendingAppend[]): Promise<void> {
    try {
      const seqs = await this.assignSeqs(batch);
      await this.pool.query({
        ...INSERT_ACTIONS,
        values: [
          batch.map((p) => p.tableId),
          seqs,
          batch.map((p) => p.entry.at),
          batch.map((p) => p.entry.seat),
          batch.map((p) => JSON.stringify(p.entry.action)),
        ],
      });
      batch.forEach((p, i) => p.resolve(seqs[i]));
      return;
    } catch {
      // One bad append (an unknown table, a second writer's number) must not fail the others: retry one by one.
    }
    const failed = new Set<string>();
    for (const p of batch) {
      try {
        // A table's later appends never land after one of its earlier appends failed: no gaps.
        if (failed.has(p.tableId)) throw new Error(`An earlier action of table ${p.tableId} could not be stored.`);
        this.nextSeq.delete(p.tableId);
        const [seq] = await this.assignSeqs([p]);
        await this.pool.query({
          ...INSERT_ACTIONS,
          values: [[p.tableId], [seq], [p.entry.at], [p.entry.seat], [JSON.stringify(p.entry.action)]],
        });
        p.resolve(seq);
      } catch (e) {
        failed.add(p.tableId);
        this.nextSeq.delete(p.tableId);
        p.reject(e);
      }
    }
  }

  /** Numbers for a batch, in order; advances the per-table counters (reading MAX(seq) once for tables new to this process). */
  private async assignSeqs(batch: PendingAppend[]): Promise<number[]> {
    const unknown = [...new Set(batch.map((p) => p.tableId).filter((t) => !this.nextSeq.has(t)))];
    if (unknown.length) {
      const r = await this.pool.query({ ...MAX_SEQ, values: [unknown] });
      const max = new Map(r.rows.map((x) => [x.table_id as string, num(x.m)]));
      for (const t of unknown) this.nextSeq.set(t, (max.get(t) ?? 0) + 1);
    }
    const seqs = batch.map((p) => {
      const n = this.nextSeq.get(p.tableId)!;
      this.nextSeq.set(p.tableId, n + 1);
      return n;
    });
    return seqs;
  }

  /** Resolves once every append queued so far is written (or has failed). */
  private async idle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  async actions(tableId: string): Promise<LoggedAction[]> {
    await this.idle();
    const r = await this.pool.query('SELECT at, seat, action FROM actions WHERE table_id = $1 ORDER BY seq', [tableId]);
    return r.rows.map((x) => ({ at: num(x.at), seat: x.seat as string, action: x.action }));
  }

  async finishTable(id: string, at: number): Promise<void> {
    await this.pool.query('UPDATE tables SET finished_at = $1 WHERE id = $2 AND finished_at IS NULL', [at, id]);
  }

  async unfinishedTables(): Promise<TableRecord[]> {
    const r = await this.pool.query('SELECT * FROM tables WHERE finished_at IS NULL ORDER BY created_at, id');
    return r.rows.map(toTable);
  }

  async tablesOfClass(classId: string): Promise<TableRecord[]> {
    const r = await this.pool.query('SELECT * FROM tables WHERE class_id = $1 ORDER BY created_at, id', [classId]);
    return r.rows.map(toTable);
  }

  async upsertSeat(s: SeatRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO seats (table_id, player_id, name, seat, token, updated_at) VALUES ($1, $2, $3, $4, '', $5)
       ON CONFLICT (table_id, player_id) DO UPDATE SET name = EXCLUDED.name, seat = EXCLUDED.seat, updated_at = EXCLUDED.updated_at`,
      [s.tableId, s.playerId, s.name, s.seat, s.updatedAt],
    );
  }

  async seats(tableId: string): Promise<SeatRecord[]> {
    const r = await this.pool.query('SELECT * FROM seats WHERE table_id = $1 ORDER BY updated_at, player_id', [
      tableId,
    ]);
    return r.rows.map((x) => ({
      tableId: x.table_id,
      playerId: x.player_id,
      name: x.name,
      seat: x.seat,
      updatedAt: num(x.updated_at),
    }));
  }

  async createClass(c: ClassRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO classes (id, code, facilitator_key_hash, settings, created_at) VALUES ($1, $2, $3, $4, $5)',
      [c.id, c.code, c.facilitatorKeyHash, JSON.stringify(c.settings), c.createdAt],
    );
  }

  async getClass(id: string): Promise<ClassRecord | null> {
    const r = await this.pool.query('SELECT * FROM classes WHERE id = $1', [id]);
    return r.rows[0] ? toClass(r.rows[0]) : null;
  }

  async findClassByCode(code: string): Promise<ClassRecord | null> {
    const r = await this.pool.query('SELECT * FROM classes WHERE code = $1', [code]);
    return r.rows[0] ? toClass(r.rows[0]) : null;
  }

  async deleteFinishedBefore(before: number): Promise<number> {
    const r = await this.pool.query('DELETE FROM tables WHERE finished_at IS NOT NULL AND finished_at < $1', [before]);
    return r.rowCount ?? 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.idle();
    await this.pool.end();
  }
}
