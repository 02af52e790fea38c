import type Database from 'better-sqlite3';

/**
 * Schema migrations, oldest first. The database's PRAGMA user_version is the number of
 * migrations already applied; opening a database applies the rest in one transaction.
 * Never edit a migration that has shipped: add a new one.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE classes (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    facilitator_key_hash TEXT NOT NULL,
    settings TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE tables (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    scenario_id TEXT NOT NULL,
    options TEXT NOT NULL,
    facilitator_key_hash TEXT,
    class_id TEXT,
    settings TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    finished_at INTEGER
  );
  CREATE INDEX tables_unfinished ON tables (finished_at, created_at);
  CREATE INDEX tables_class ON tables (class_id, created_at);
  CREATE TABLE actions (
    table_id TEXT NOT NULL REFERENCES tables (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    at INTEGER NOT NULL,
    seat TEXT NOT NULL,
    action TEXT NOT NULL,
    PRIMARY KEY (table_id, seq)
  ) WITHOUT ROWID;
  CREATE TABLE seats (
    table_id TEXT NOT NULL REFERENCES tables (id) ON DELETE CASCADE,
    player_id TEXT NOT NULL,
    name TEXT NOT NULL,
    seat TEXT NOT NULL,
    token TEXT NOT NULL, -- unused, always '' (a seat is claimed by its playerId; kept so existing files open)
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (table_id, player_id)
  ) WITHOUT ROWID;
  `,
];

/** Brings a database up to the latest schema; refuses one written by a newer version. */
export function migrateSqlite(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SQLITE_MIGRATIONS.length) {
    throw new Error(
      `Database schema version ${version} is newer than this server knows (${SQLITE_MIGRATIONS.length}); upgrade the server.`,
    );
  }
  if (version === SQLITE_MIGRATIONS.length) return;
  db.transaction(() => {
    for (let v = version; v < SQLITE_MIGRATIONS.length; v++) db.exec(SQLITE_MIGRATIONS[v]);
    db.pragma(`user_version = ${SQLITE_MIGRATIONS.length}`);
  })();
}
