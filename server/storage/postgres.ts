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

/**
 * Storage in PostgreSQL, for several server processes sharing one database. Appends of one
 * table are chained so they are stored in call order; each resolves after its commit.
 */
export class PostgresStorage implements Storage {
  private readonly chains = new Map<string, Promise<unknown>>();
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
        throw new Error(`Database schema version ${version} is newer than this server knows (${PG_MIGRATIONS.length}); upgrade the server.`);
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
      [t.id, t.code, t.scenarioId, JSON.stringify(t.options), t.facilitatorKeyHash, t.classId, JSON.stringify(t.settings), t.createdAt, t.finishedAt],
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
    const prev = this.chains.get(tableId) ?? Promise.resolve();
    const next = prev.catch(() => {}).then(async () => {
      const r = await this.pool.query(
        `INSERT INTO actions (table_id, seq, at, seat, action)
         SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4 FROM actions WHERE table_id = $1
         RETURNING seq`,
        [tableId, entry.at, entry.seat, JSON.stringify(entry.action)],
      );
      return num(r.rows[0].seq);
    });
    this.chains.set(tableId, next);
    void next.finally(() => {
      if (this.chains.get(tableId) === next) this.chains.delete(tableId);
    }).catch(() => {});
    return next;
  }

  async actions(tableId: string): Promise<LoggedAction[]> {
    await this.chains.get(tableId)?.catch(() => {});
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
    const r = await this.pool.query('SELECT * FROM seats WHERE table_id = $1 ORDER BY updated_at, player_id', [tableId]);
    return r.rows.map((x) => ({
      tableId: x.table_id,
      playerId: x.player_id,
      name: x.name,
      seat: x.seat,
      updatedAt: num(x.updated_at),
    }));
  }

  async createClass(c: ClassRecord): Promise<void> {
    await this.pool.query('INSERT INTO classes (id, code, facilitator_key_hash, settings, created_at) VALUES ($1, $2, $3, $4, $5)', [
      c.id,
      c.code,
      c.facilitatorKeyHash,
      JSON.stringify(c.settings),
      c.createdAt,
    ]);
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
    await Promise.allSettled([...this.chains.values()]);
    await this.pool.end();
  }
}
