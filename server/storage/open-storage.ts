import { resolve } from 'node:path';
import { parseConfig } from '../config.js';
import { PostgresStorage } from './postgres.js';
import { SqliteStorage } from './sqlite.js';
import type { Storage } from './storage.js';

export { DEFAULT_DATA_FILE } from '../config.js';

/**
 * Picks the storage adapter from the environment (server/config.ts):
 * DATABASE_URL=postgres://... selects PostgreSQL; otherwise SQLite in DATA_FILE
 * (default ./data/negotiation.sqlite). SQLITE_SYNC=normal trades power-loss durability for speed.
 * Throws ConfigError on a bad value.
 */
export async function openStorage(env: NodeJS.ProcessEnv = process.env): Promise<Storage> {
  const c = parseConfig(env);
  if (c.databaseUrl) return PostgresStorage.connect(c.databaseUrl);
  const file = c.dataFile;
  return new SqliteStorage(file === ':memory:' ? file : resolve(file), { synchronous: c.sqliteSync });
}
