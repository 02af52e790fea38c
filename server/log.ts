import { pino, type Logger } from 'pino';
import { config } from './config.js';

export type { Logger };

/**
 * The server's log: one JSON line per event on stdout (pino), at LOG_LEVEL (default info).
 * Code about one table logs through `tableLog(id)`, so every line carries the table's id.
 */
export const log: Logger = pino({ level: safeLevel(), base: { pid: process.pid } });

/** The child logger of one table: its lines carry `table`. */
export function tableLog(tableId: string): Logger {
  return log.child({ table: tableId });
}

// A bad LOG_LEVEL must not stop the logger itself from loading; parseConfig reports it at start.
function safeLevel(): string {
  try {
    return config().logLevel;
  } catch {
    return 'info';
  }
}
