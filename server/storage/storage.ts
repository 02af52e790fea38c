import type { GameOptions, LoggedAction } from '../../shared/engine/index.js';

/** A table as storage keeps it: enough to rebuild it by replaying its actions. */
export interface TableRecord {
  id: string;
  code: string;
  scenarioId: string;
  options: GameOptions;
  /** sha256 of the facilitator key, hex; never the key itself. */
  facilitatorKeyHash: string | null;
  classId: string | null;
  /** Extra table settings (self-start, bots, ...), as JSON. */
  settings: Record<string, unknown>;
  createdAt: number;
  finishedAt: number | null;
}

export interface SeatRecord {
  tableId: string;
  playerId: string;
  name: string;
  /** A role id, 'observer', or 'kicked:<seat>' for a player the facilitator removed. */
  seat: string;
  updatedAt: number;
}

export interface ClassRecord {
  id: string;
  code: string;
  facilitatorKeyHash: string;
  settings: Record<string, unknown>;
  createdAt: number;
}

/**
 * Durable storage for tables, their append-only action logs, seats and classes.
 * SQLite is the default; a PostgreSQL adapter implements the same interface.
 */
export interface Storage {
  createTable(t: TableRecord): Promise<void>;
  getTable(id: string): Promise<TableRecord | null>;
  findTableByCode(code: string): Promise<TableRecord | null>;
  /**
   * Appends one accepted action; resolves once it is durable. Returns its sequence number (1, 2, ...). Appends made
   * in one turn of the event loop are stored in call order, and once one of a table's appends fails, none of that
   * table's later appends of the same turn is stored (no gaps): the referee relies on it (server/rooms/referee.ts).
   */
  appendAction(tableId: string, entry: LoggedAction): Promise<number>;
  actions(tableId: string): Promise<LoggedAction[]>;
  finishTable(id: string, at: number): Promise<void>;
  unfinishedTables(): Promise<TableRecord[]>;
  tablesOfClass(classId: string): Promise<TableRecord[]>;
  upsertSeat(s: SeatRecord): Promise<void>;
  seats(tableId: string): Promise<SeatRecord[]>;
  createClass(c: ClassRecord): Promise<void>;
  getClass(id: string): Promise<ClassRecord | null>;
  findClassByCode(code: string): Promise<ClassRecord | null>;
  /** Deletes finished tables (and their logs) finished before `before`; returns how many. */
  deleteFinishedBefore(before: number): Promise<number>;
  close(): Promise<void>;
}
