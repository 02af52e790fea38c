import { matchMaker } from 'colyseus';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app.js';
import type { TableInfo } from '../../server/rooms/table-info.js';
import type { ClassSeat, DashboardTable } from '../../shared/class-protocol.js';
import { ROOM_NAME } from '../../shared/protocol.js';
import { miniScenario } from '../fixtures/mini-scenario.js';
import { api, bootServer, createTable, Player } from './helpers.js';

// Issue 14 point 5: looking up a finished table by its code reopens its room for a moment, never for good.
const IDLE_SECONDS = 0.3;
let srv: RunningServer | undefined;
afterEach(async () => {
  await srv?.stop();
  srv = undefined;
});

const openRooms = async () => (await matchMaker.query({ name: ROOM_NAME })).length;

/** A table played to its end by its facilitator, whose room has then closed. */
async function finishedTable(s: RunningServer) {
  const t = await createTable(s, { scenario: 'mini' });
  const fac = await Player.join(
    s,
    t.roomId,
    { role: 'facilitator', name: 'T', facilitatorKey: t.facilitatorKey },
    'fac',
  );
  await fac.must({ type: 'start' });
  await fac.must({ type: 'end' });
  await fac.waitView((v) => v.phase === 'ended', 'the end');
  await fac.leave();
  await waitClosed();
  return t;
}

async function waitClosed(ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while ((await openRooms()) > 0) {
    if (Date.now() > end) throw new Error(`${await openRooms()} room(s) still open`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('finished tables', () => {
  it('close when the last client leaves, and a lookup by code reopens them only for a while', async () => {
    srv = await bootServer({ scenarios: new Map([['mini', miniScenario()]]), finishedIdleSeconds: IDLE_SECONDS });
    const t = await finishedTable(srv);
    expect(await openRooms()).toBe(0);

    // The console polls every 2 s, students reload: many lookups, one after another and at once.
    const most: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await api<TableInfo>(srv, `/api/tables/${t.code}`);
      expect(r.status).toBe(200);
      expect(r.body.finished).toBe(true);
      most.push(await openRooms());
    }
    const burst = await Promise.all(
      Array.from({ length: 15 }, () => api<TableInfo>(srv!, `/api/tables/${t.code.toLowerCase()}`)),
    );
    expect(burst.every((r) => r.status === 200 && r.body.finished)).toBe(true);
    most.push(await openRooms());
    expect(Math.max(...most)).toBe(1);

    // Nobody joined: the room closes on its own (before the fix it stayed open for good).
    await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000 + 200));
    await waitClosed(2000);

    // A lookup followed by a join still reaches the end screen, and the room closes after that player leaves.
    const info = await api<TableInfo>(srv, `/api/tables/${t.code}`);
    const p = await Player.join(srv, info.body.roomId, { role: 'a', name: 'Ann', code: t.code }, 'a');
    await p.waitView((v) => v.phase === 'ended', 'the ended table');
    await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000 + 200));
    expect(await openRooms()).toBe(1);
    await p.leave();
    await waitClosed(2000);
  });

  it("the console's dashboard, polling a class, never reopens a finished table, and describes it as its room would", async () => {
    srv = await bootServer({ scenarios: new Map([['mini', miniScenario()]]), finishedIdleSeconds: IDLE_SECONDS });
    const cls = await api<{ classId: string; classCode: string; facilitatorKey: string }>(srv, '/api/classes', {
      scenario: 'mini',
      tables: 1,
      botsFill: false,
      standIn: false,
    });
    expect(cls.status).toBe(201);
    const { classId, classCode, facilitatorKey } = cls.body;
    const seat = await api<ClassSeat>(srv, `/api/classes/${classCode}/join`, { name: 'Ann', playerId: 'p-ann' });
    const ann = await Player.join(
      srv,
      seat.body.roomId,
      { code: seat.body.tableCode, role: seat.body.role, name: 'Ann', playerId: 'p-ann' },
      'ann',
    );
    const fac = await Player.join(
      srv,
      seat.body.roomId,
      { code: seat.body.tableCode, role: 'facilitator', name: 'T', facilitatorKey },
      'fac',
    );
    await fac.act({ type: 'start' });
    await fac.must({ type: 'end' });
    await fac.waitView((v) => v.phase === 'ended', 'the end');
    await ann.leave();
    await fac.leave();
    await waitClosed();

    const dashboard = async () => {
      const res = await fetch(`${srv!.url}/api/classes/${classId}/dashboard`, {
        headers: { authorization: `Bearer ${facilitatorKey}` },
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { tables: DashboardTable[] }).tables[0];
    };
    const closed = await dashboard();
    expect(closed.phase).toBe('ended');
    expect(closed.seats.find((x) => x.role === seat.body.role)?.students).toEqual(['Ann']);
    for (let i = 0; i < 10; i++) {
      expect(await dashboard()).toEqual(closed);
      expect(await openRooms()).toBe(0);
    }
    // Described from storage exactly as the room describes itself once reopened (someone looked it up to rejoin).
    await api(srv, `/api/tables/${seat.body.tableCode}`);
    expect(await openRooms()).toBe(1);
    expect(await dashboard()).toEqual(closed);
    await waitClosed(IDLE_SECONDS * 1000 + 2000);
  });

  it('an unfinished table keeps its room open with nobody in it', async () => {
    srv = await bootServer({ scenarios: new Map([['mini', miniScenario()]]), finishedIdleSeconds: IDLE_SECONDS });
    const t = await createTable(srv, { scenario: 'mini' });
    await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000 + 1200));
    expect((await api<TableInfo>(srv, `/api/tables/${t.code}`)).body.finished).toBe(false);
    expect(await openRooms()).toBe(1);
  });
});
