import { resolve } from 'node:path';
import { PostgresStorage } from './postgres.js';
import { SqliteStorage } from './sqlite.js';
import type { Storage } from './storage.js';

export const DEFAULT_DATA_FILE = './data/negotiation.sqlite';

/**
 * Picks the storage adapter from the environment:
 * DATABASE_URL=postgres://... selects PostgreSQL; otherwise SQLite in DATA_FILE
 * (default ./data/negotiation.sqlite). SQLITE_SYNC=normal trades power-loss durability for speed.
 */
export async function openStorage(env: NodeJS.ProcessEnv = process.env): Promise<Storage> {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('DATABASE_URL must start with postgres:// (or leave it unset to use SQLite).');
    return PostgresStorage.connect(url);
  }
  const sync = env.SQLITE_SYNC?.trim().toLowerCase();
  if (sync && sync !== 'full' && sync !== 'normal') throw new Error('SQLITE_SYNC must be "full" or "normal".');
  const file = env.DATA_FILE?.trim() || DEFAULT_DATA_FILE;
  return new SqliteStorage(file === ':memory:' ? file : resolve(file), { synchronous: sync === 'normal' ? 'normal' : 'full' });
}
