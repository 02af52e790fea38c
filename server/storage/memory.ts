import type { LoggedAction } from '../../shared/engine/index.js';
import type { ClassRecord, SeatRecord, Storage, TableRecord } from './storage.js';

const copy = <T>(x: T): T => structuredClone(x);

/** Storage kept in process memory: for tests and for a server that may forget everything on restart. */
export class MemoryStorage implements Storage {
  private tables = new Map<string, TableRecord>();
  private logs = new Map<string, LoggedAction[]>();
  private seatRows = new Map<string, Map<string, SeatRecord>>();
  private classes = new Map<string, ClassRecord>();

  async createTable(t: TableRecord): Promise<void> {
    if (this.tables.has(t.id)) throw new Error(`table ${t.id} already exists`);
    if ([...this.tables.values()].some((x) => x.code === t.code)) throw new Error(`table code ${t.code} is in use`);
    this.tables.set(t.id, copy(t));
    this.logs.set(t.id, []);
  }

  async getTable(id: string): Promise<TableRecord | null> {
    const t = this.tables.get(id);
    return t ? copy(t) : null;
  }

  async findTableByCode(code: string): Promise<TableRecord | null> {
    for (const t of this.tables.values()) if (t.code === code) return copy(t);
    return null;
  }

  async appendAction(tableId: string, entry: LoggedAction): Promise<number> {
    const log = this.logs.get(tableId);
    if (!log) throw new Error(`no table ${tableId}`);
    log.push(copy(entry));
    return log.length;
  }

  async actions(tableId: string): Promise<LoggedAction[]> {
    return copy(this.logs.get(tableId) ?? []);
  }

  async finishTable(id: string, at: number): Promise<void> {
    const t = this.tables.get(id);
    if (t && t.finishedAt === null) t.finishedAt = at;
  }

  async unfinishedTables(): Promise<TableRecord[]> {
    return [...this.tables.values()].filter((t) => t.finishedAt === null).map(copy);
  }

  async tablesOfClass(classId: string): Promise<TableRecord[]> {
    return [...this.tables.values()].filter((t) => t.classId === classId).map(copy);
  }

  async upsertSeat(s: SeatRecord): Promise<void> {
    let m = this.seatRows.get(s.tableId);
    if (!m) this.seatRows.set(s.tableId, (m = new Map()));
    m.set(s.playerId, copy(s));
  }

  async seats(tableId: string): Promise<SeatRecord[]> {
    return [...(this.seatRows.get(tableId)?.values() ?? [])].map(copy);
  }

  async createClass(c: ClassRecord): Promise<void> {
    if (this.classes.has(c.id)) throw new Error(`class ${c.id} already exists`);
    this.classes.set(c.id, copy(c));
  }

  async getClass(id: string): Promise<ClassRecord | null> {
    const c = this.classes.get(id);
    return c ? copy(c) : null;
  }

  async findClassByCode(code: string): Promise<ClassRecord | null> {
    for (const c of this.classes.values()) if (c.code === code) return copy(c);
    return null;
  }

  async deleteFinishedBefore(before: number): Promise<number> {
    let n = 0;
    for (const [id, t] of this.tables) {
      if (t.finishedAt !== null && t.finishedAt < before) {
        this.tables.delete(id);
        this.logs.delete(id);
        this.seatRows.delete(id);
        n++;
      }
    }
    return n;
  }

  async close(): Promise<void> {}
}
