import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app.js';
import { Player, until } from '../helpers.js';
import { call, refusedJoin, sqliteServer } from './fixture.js';

// Issue 11, points 1 and 2: a student placed by the class sits there and nowhere else; teams: false reaches class tables.
let env: Awaited<ReturnType<typeof sqliteServer>>;
let srv: RunningServer;
let cls: { classId: string; classCode: string; facilitatorKey: string; tables: string[] };
const seats: Record<string, { tableCode: string; roomId: string; role: string; table: number }> = {};

beforeAll(async () => {
  env = await sqliteServer({ maxTeamSize: 3 });
  srv = env.srv;
  const r = await call(srv, 'POST', '/api/classes', {
    body: { scenario: 'mini', tables: 2, teams: false, botsFill: false, standIn: false },
  });
  expect(r.status).toBe(201);
  cls = r.body;
  for (const id of ['s1', 's2']) {
    const j = await call(srv, 'POST', `/api/classes/${cls.classCode}/join`, { body: { name: id, playerId: id } });
    expect(j.status).toBe(200);
    seats[id] = j.body;
  }
});
afterAll(() => env?.cleanup());

describe('a class table enforces the class seating', () => {
  it('a class join reveals only the table the student was placed at', () => {
    expect(Object.keys(seats.s1).sort()).toEqual([
      'classCode',
      'name',
      'role',
      'roleName',
      'roomId',
      'table',
      'tableCode',
    ]);
    expect(seats.s1.table).toBe(1);
    expect(seats.s2.table).toBe(2);
  });

  it('admits the student at the seat the class gave, with that seat’s brief', async () => {
    const { roomId, role } = seats.s1;
    const p = await Player.join(srv, roomId, { name: 's1', playerId: 's1', role });
    await p.waitView((v) => v.me !== null);
    expect(p.view.seat).toBe(role);
    expect(JSON.stringify(p.view.me)).toContain(`SECRET-BRIEF-${role}`);
    await p.leave();
  });

  it('refuses another delegation of the same table (the reproduction: role "b" asked by the student placed at "a")', async () => {
    const { roomId, role } = seats.s1;
    const other = role === 'a' ? 'b' : 'a';
    expect(await refusedJoin(srv, roomId, { name: 's1', playerId: 's1', role: other })).toMatch(/^seat\/not_placed/);
    // Facilitator is refused without the class key.
    expect(await refusedJoin(srv, roomId, { name: 's1', playerId: 's1', role: 'facilitator' })).toMatch(
      /^seat\/facilitator_only/,
    );
  });

  it('refuses a table the student was not placed at, and anyone who did not join the class', async () => {
    const elsewhere = seats.s2.roomId;
    expect(await refusedJoin(srv, elsewhere, { name: 's1', playerId: 's1', role: seats.s2.role })).toMatch(
      /^seat\/not_placed/,
    );
    expect(await refusedJoin(srv, elsewhere, { name: 's1', playerId: 's1', role: 'observer' })).toMatch(
      /^seat\/not_placed/,
    );
    expect(await refusedJoin(srv, seats.s1.roomId, { name: 'x', playerId: 'fresh-id', role: 'c' })).toMatch(
      /^seat\/not_placed/,
    );
    expect(await refusedJoin(srv, seats.s1.roomId, { name: 'x', role: 'c' })).toMatch(/^seat\/not_placed/);
  });

  it('lets a placed student watch their own table, and the instructor (class key) sit as facilitator', async () => {
    const w = await Player.join(srv, seats.s1.roomId, { name: 's1', playerId: 's1', role: 'observer' });
    await w.waitView(() => true);
    expect(w.view.me).toBeNull();
    const f = await Player.join(srv, seats.s1.roomId, {
      name: 'T',
      role: 'facilitator',
      facilitatorKey: cls.facilitatorKey,
    });
    await f.waitView((v) => v.all !== null);
    await Promise.all([w.leave(), f.leave()]);
  });

  it('a class table the instructor opens to observers lets anyone watch, still nobody sit unplaced', async () => {
    const t = await call(srv, 'POST', '/api/tables', {
      body: { scenario: 'mini', classId: cls.classId, facilitatorKey: cls.facilitatorKey, observers: true },
    });
    expect(t.status).toBe(201);
    const w = await Player.join(srv, t.body.roomId, { name: 'visitor', playerId: 'visitor' });
    await w.waitView(() => true);
    expect(w.view.seat).toBe('observer');
    expect(await refusedJoin(srv, t.body.roomId, { name: 'visitor', playerId: 'visitor', role: 'a' })).toMatch(
      /^seat\/not_placed/,
    );
    await w.leave();
  });

  it('a move by the instructor is the new placement at once', async () => {
    const to = seats.s1.role === 'c' ? 'b' : 'c';
    const m = await call(srv, 'POST', `/api/classes/${cls.classId}/move`, {
      key: cls.facilitatorKey,
      body: { playerId: 's1', table: 1, role: to },
    });
    expect(m.status).toBe(200);
    expect(await refusedJoin(srv, seats.s1.roomId, { name: 's1', playerId: 's1', role: seats.s1.role })).toMatch(
      /^seat\/not_placed/,
    );
    const p = await Player.join(srv, seats.s1.roomId, { name: 's1', playerId: 's1' });
    await p.waitView((v) => v.seat === to);
    await p.leave();
  });
});

describe('teams', () => {
  it('the class’s teams: false reaches its tables', async () => {
    for (const code of cls.tables) {
      const info = await call(srv, 'GET', `/api/tables/${code}`);
      expect(info.body.teams).toBe(false);
    }
  });

  it('a table without teams refuses a second client with another playerId on a held delegation', async () => {
    const t = await call(srv, 'POST', '/api/tables', { body: { scenario: 'mini', teams: false } });
    const p = await Player.join(srv, t.body.roomId, { name: 'one', playerId: 'one', role: 'a' });
    expect(await refusedJoin(srv, t.body.roomId, { name: 'two', playerId: 'two', role: 'a' })).toMatch(/^seat\/taken/);
    await p.leave();
  });

  it('at most MAX_TEAM_SIZE clients on one delegation (the reproduction joined 100)', async () => {
    const t = await call(srv, 'POST', '/api/tables', { body: { scenario: 'mini' } });
    const team: Player[] = [];
    for (let i = 0; i < 3; i++)
      team.push(await Player.join(srv, t.body.roomId, { name: `m${i}`, playerId: `m${i}`, role: 'a' }));
    expect(await refusedJoin(srv, t.body.roomId, { name: 'm3', playerId: 'm3', role: 'a' })).toMatch(
      /^seat\/team_full/,
    );
    // The same browser reloading (same playerId) is not a new member.
    await team[0].room.leave(true);
    await until(() => true, 'leave');
    const back = await Player.join(srv, t.body.roomId, { name: 'm0', playerId: 'm0', role: 'a' });
    await back.waitView((v) => v.seat === 'a');
    await Promise.all([back, team[1], team[2]].map((p) => p.leave()));
  });
});
