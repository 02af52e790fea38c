import { log } from '../log.js';
import type { Storage } from './storage.js';

export const DAY_MS = 24 * 60 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;

/**
 * Deletes games finished more than `days` days ago (with their logs and seats) now, then every
 * `everyMs` (default hourly). Unfinished games are never deleted. `days` 0 keeps everything.
 * startServer runs it with RETENTION_DAYS (server/config.ts). Returns a function that stops it.
 */
export function startRetention(storage: Storage, days: number, everyMs = HOUR_MS, now = () => Date.now()): () => void {
  if (days <= 0) return () => {};
  const sweep = async () => {
    try {
      const n = await storage.deleteFinishedBefore(now() - days * DAY_MS);
      if (n > 0) log.info({ deleted: n, days }, 'retention: deleted finished games');
    } catch (err) {
      log.error({ err }, 'retention sweep failed');
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
