import { describe, expect, it } from 'vitest';
import type { LoggedAction } from '../../../shared/engine/index.js';
import type { ClassRecord, SeatRecord, Storage, TableRecord } from '../../../server/storage/storage.js';

/** What an adapter's test file hands the shared contract: a fresh empty store, and a way to reopen it. */
export interface StorageHarness {
  /** A new, empty store. */
  open(): Promise<Storage>;
  /** Closes `s` and opens the same store again (a server restart). */
  reopen(s: Storage): Promise<Storage>;
}

let counter = 0;
export function tableRecord(over: Partial<TableRecord> = {}): TableRecord {
  counter++;
  return {
    id: `t${counter}-${Math.random().toString(36).slice(2, 8)}`,
    code: `C${counter}${Math.random().toString(36).slice(2, 7).toUpperCase()}`,
    scenarioId: 'ukraine_peace_talks',
    options: { seed: 42, rounds: 3, phaseSeconds: { talks: 120 } },
    facilitatorKeyHash: 'ab'.repeat(32),
    classId: null,
    settings: { selfStart: true, bots: ['russia'] },
    createdAt: 1_700_000_000_000 + counter,
    finishedAt: null,
    ...over,
  };
}

export const chat = (text: string, at = 1_700_000_000_500): LoggedAction => ({
  seat: 'ukraine',
  at,
  action: { type: 'chat', channel: 'public', text },
});

/** Every Storage adapter must pass these. */
export function storageContract(name: string, h: StorageHarness): void {
  describe(`${name}: Storage contract`, () => {
    it('stores a table and finds it by id and by code', async () => {
      const s = await h.open();
      const t = tableRecord();
      await s.createTable(t);
      expect(await s.getTable(t.id)).toEqual(t);
      expect(await s.findTableByCode(t.code)).toEqual(t);
      expect(await s.getTable('nope')).toBeNull();
      expect(await s.findTableByCode('NOPE')).toBeNull();
      await s.close();
    });

    it('refuses a second table with the same id or code', async () => {
      const s = await h.open();
      const t = tableRecord();
      await s.createTable(t);
      await expect(s.createTable({ ...t, id: 'other-id' })).rejects.toThrow();
      await expect(s.createTable({ ...t, code: 'OTHERCODE' })).rejects.toThrow();
      expect(await s.getTable('other-id')).toBeNull();
      await s.close();
    });

    it('appends actions in call order with sequence numbers 1, 2, 3 ...', async () => {
      const s = await h.open();
      const t = tableRecord();
      await s.createTable(t);
      const entries: LoggedAction[] = [
        { seat: 'facilitator', at: 1, action: { type: 'start' } },
        chat('first', 2),
        {
          seat: 'russia',
          at: 3,
          action: { type: 'propose', to: ['ukraine'], terms: { territory: 'freeze' }, inReturn: null, note: 'n' },
        },
        chat('quote " backslash \\ emoji \u{1F54A} newline \n end', 4),
      ];
      // Not awaited one by one: the store must keep call order by itself.
      const seqs = await Promise.all(entries.map((e) => s.appendAction(t.id, e)));
      expect(seqs).toEqual([1, 2, 3, 4]);
      expect(await s.actions(t.id)).toEqual(entries);
      expect(await s.appendAction(t.id, chat('fifth', 5))).toBe(5);
      expect(await s.actions('unknown-table')).toEqual([]);
      await s.close();
    });

    it("keeps each table's log separate and gap-free under interleaved appends", async () => {
      const s = await h.open();
      const tables = Array.from({ length: 8 }, () => tableRecord());
      for (const t of tables) await s.createTable(t);
      const pending: Promise<number>[] = [];
      for (let i = 0; i < 400; i++) pending.push(s.appendAction(tables[i % 8].id, chat(`m${i}`, i)));
      const seqs = await Promise.all(pending);
      seqs.forEach((seq, i) => expect(seq).toBe(Math.floor(i / 8) + 1));
      for (let k = 0; k < 8; k++) {
        const log = await s.actions(tables[k].id);
        expect(log.map((e) => (e.action as { text: string }).text)).toEqual(
          Array.from({ length: 50 }, (_, j) => `m${j * 8 + k}`),
        );
      }
      await s.close();
    });

    it('rejects an append to an unknown table without disturbing appends queued with it', async () => {
      const s = await h.open();
      const t = tableRecord();
      await s.createTable(t);
      const good1 = s.appendAction(t.id, chat('a'));
      const bad = s.appendAction('no-such-table', chat('x'));
      const good2 = s.appendAction(t.id, chat('b'));
      await expect(bad).rejects.toThrow();
      expect(await good1).toBe(1);
      expect(await good2).toBe(2);
      expect((await s.actions(t.id)).length).toBe(2);
      expect(await s.actions('no-such-table')).toEqual([]);
      await s.close();
    });

    it('survives close and reopen: tables, logs, seats, classes; numbering continues', async () => {
      let s = await h.open();
      const c: ClassRecord = {
        id: 'class-1',
        code: 'CLS123',
        facilitatorKeyHash: 'cd'.repeat(32),
        settings: { name: 'Period 3' },
        createdAt: 5,
      };
      await s.createClass(c);
      const t = tableRecord({ classId: c.id });
      await s.createTable(t);
      const seat: SeatRecord = { tableId: t.id, playerId: 'p-1', name: 'Olena', seat: 'ukraine', updatedAt: 10 };
      await s.upsertSeat(seat);
      const a = s.appendAction(t.id, chat('before restart 1'));
      const b = s.appendAction(t.id, chat('before restart 2'));
      expect([await a, await b]).toEqual([1, 2]);
      s = await h.reopen(s);
      expect(await s.getTable(t.id)).toEqual(t);
      expect(await s.getClass(c.id)).toEqual(c);
      expect(await s.seats(t.id)).toEqual([seat]);
      expect((await s.actions(t.id)).map((e) => (e.action as { text: string }).text)).toEqual([
        'before restart 1',
        'before restart 2',
      ]);
      expect(await s.appendAction(t.id, chat('after restart'))).toBe(3);
      expect((await s.unfinishedTables()).map((x) => x.id)).toContain(t.id);
      await s.close();
    });

    it('lists unfinished tables oldest first and marks a table finished once', async () => {
      const s = await h.open();
      const a = tableRecord({ createdAt: 100 });
      const b = tableRecord({ createdAt: 50 });
      const c = tableRecord({ createdAt: 75 });
      for (const t of [a, b, c]) await s.createTable(t);
      expect((await s.unfinishedTables()).map((t) => t.id)).toEqual([b.id, c.id, a.id]);
      await s.finishTable(c.id, 1000);
      await s.finishTable(c.id, 2000); // a second finish does not move the date
      expect((await s.unfinishedTables()).map((t) => t.id)).toEqual([b.id, a.id]);
      expect((await s.getTable(c.id))?.finishedAt).toBe(1000);
      // A finished game stays readable for its debrief.
      await s.appendAction(a.id, chat('x'));
      expect(await s.actions(c.id)).toEqual([]);
      await s.close();
    });

    it("lists a class's tables and finds classes by id and code", async () => {
      const s = await h.open();
      const c: ClassRecord = {
        id: 'class-x',
        code: 'CLSX01',
        facilitatorKeyHash: 'ef'.repeat(32),
        settings: { tables: 4 },
        createdAt: 1,
      };
      await s.createClass(c);
      await expect(s.createClass({ ...c, id: 'class-y' })).rejects.toThrow();
      const t1 = tableRecord({ classId: c.id, createdAt: 2 });
      const t2 = tableRecord({ classId: c.id, createdAt: 3 });
      const other = tableRecord();
      for (const t of [t2, other, t1]) await s.createTable(t);
      expect((await s.tablesOfClass(c.id)).map((t) => t.id)).toEqual([t1.id, t2.id]);
      expect(await s.tablesOfClass('none')).toEqual([]);
      expect(await s.getClass(c.id)).toEqual(c);
      expect(await s.findClassByCode('CLSX01')).toEqual(c);
      expect(await s.getClass('none')).toBeNull();
      expect(await s.findClassByCode('NONE')).toBeNull();
      await s.close();
    });

    it('upserts seats: a player keeps one row per table, updated in place', async () => {
      const s = await h.open();
      const t = tableRecord();
      const u = tableRecord();
      await s.createTable(t);
      await s.createTable(u);
      const p1: SeatRecord = { tableId: t.id, playerId: 'p1', name: 'Ann', seat: 'usa', updatedAt: 1 };
      const p2: SeatRecord = { tableId: t.id, playerId: 'p2', name: 'Bo', seat: 'europe', updatedAt: 2 };
      await s.upsertSeat(p1);
      await s.upsertSeat(p2);
      await s.upsertSeat({ ...p1, tableId: u.id });
      const moved = { ...p1, name: 'Ann B.', seat: 'observer', updatedAt: 3 };
      await s.upsertSeat(moved);
      expect(await s.seats(t.id)).toEqual([p2, moved]);
      expect(await s.seats(u.id)).toEqual([{ ...p1, tableId: u.id }]);
      await expect(s.upsertSeat({ ...p1, tableId: 'no-such-table' })).rejects.toThrow();
      await s.close();
    });

    it('retention deletes only games finished before the cutoff, with their logs and seats', async () => {
      const s = await h.open();
      const old = tableRecord();
      const recent = tableRecord();
      const running = tableRecord();
      for (const t of [old, recent, running]) {
        await s.createTable(t);
        await s.appendAction(t.id, chat('hi'));
        await s.upsertSeat({ tableId: t.id, playerId: 'p', name: 'P', seat: 'usa', updatedAt: 1 });
      }
      await s.finishTable(old.id, 1_000);
      await s.finishTable(recent.id, 5_000);
      expect(await s.deleteFinishedBefore(2_000)).toBe(1);
      expect(await s.getTable(old.id)).toBeNull();
      expect(await s.findTableByCode(old.code)).toBeNull();
      expect(await s.actions(old.id)).toEqual([]);
      expect(await s.seats(old.id)).toEqual([]);
      expect(await s.getTable(recent.id)).not.toBeNull();
      expect((await s.actions(recent.id)).length).toBe(1);
      expect((await s.actions(running.id)).length).toBe(1);
      expect(await s.deleteFinishedBefore(2_000)).toBe(0);
      expect(await s.deleteFinishedBefore(Number.MAX_SAFE_INTEGER)).toBe(1);
      expect((await s.unfinishedTables()).map((t) => t.id)).toContain(running.id);
      await s.close();
    });

    it('keeps timestamps in milliseconds exactly', async () => {
      const s = await h.open();
      const t = tableRecord({ createdAt: 1_893_456_000_123 });
      await s.createTable(t);
      await s.appendAction(t.id, chat('late', 1_893_456_999_999));
      expect((await s.getTable(t.id))?.createdAt).toBe(1_893_456_000_123);
      expect((await s.actions(t.id))[0].at).toBe(1_893_456_999_999);
      await s.close();
    });

    it('refuses work after close', async () => {
      const s = await h.open();
      await s.close();
      await expect(s.getTable('x')).rejects.toThrow();
      await expect(s.appendAction('x', chat('x'))).rejects.toThrow();
      await s.close(); // closing twice is harmless
    });
  });
}
