import type { Storage } from './storage.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Days to keep finished games (for debriefs and exports) from env RETENTION_DAYS; 0 or unset keeps them forever. */
export function retentionDays(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.RETENTION_DAYS?.trim();
  if (!raw) return 0;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error('RETENTION_DAYS must be a number of days, 0 or more.');
  return n;
}

/**
 * Deletes finished games older than `days` now and then every `everyMs` (default hourly).
 * Returns a function that stops it. `days` 0 disables retention.
 */
export function startRetention(storage: Storage, days: number, everyMs = 60 * 60 * 1000, now = () => Date.now()): () => void {
  if (days <= 0) return () => {};
  const sweep = () => storage.deleteFinishedBefore(now() - days * DAY_MS).catch((e) => console.error('retention sweep failed:', e));
  void sweep();
  const timer = setInterval(sweep, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
