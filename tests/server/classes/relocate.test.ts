import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassSeat } from '../../../shared/class-protocol.js';
import type { ServerMessages } from '../../../shared/protocol.js';
import type { RunningServer } from '../../../server/app.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { bootServer, Player, until } from '../helpers.js';

let srv: RunningServer;

beforeAll(async () => {
  srv = await bootServer({ scenarios: new Map([['mini', miniScenario()]]), defaultScenario: 'mini' });
});
afterAll(() => srv?.stop());

async function call<T>(
  method: string,
  path: string,
  body?: unknown,
  key?: string,
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  const res = await fetch(`${srv.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

const movedOf = (p: Player) => p.others.filter(([t]) => t === 'moved').map(([, m]) => m as ServerMessages['moved']);
const seatStatus = async (code: string) =>
  Object.fromEntries(
    (
      await call<{ roles: { id: string; status: string; names: string[] }[] }>('GET', `/api/tables/${code}`)
    ).body.roles.map((r) => [r.id, `${r.status}:${r.names.join(',')}`]),
  );

type NewClass = { classId: string; classCode: string; facilitatorKey: string; tables: string[] };

/** A class of two tables, and `n` students who join it and sit down at their seats (player ids `prefix0`, ...). */
async function classWithStudents(settings: object, n: number, prefix: string) {
  const cls = (await call<NewClass>('POST', '/api/classes', { scenario: 'mini', tables: 2, teams: false, ...settings }))
    .body;
  const seats: ClassSeat[] = [];
  const players: Player[] = [];
  for (let i = 0; i < n; i++) {
    const id = `${prefix}${i}`;
    const seat = (
      await call<ClassSeat>('POST', `/api/classes/${cls.classCode}/join`, { name: `Student ${i}`, playerId: id })
    ).body;
    seats.push(seat);
    players.push(await Player.join(srv, seat.roomId, { role: seat.role, name: seat.name, playerId: id }, id));
  }
  return { cls, seats, players };
}

describe('moving a student who is already at a table', () => {
  it('sends the open page to the new seat and frees the old one, across tables and within one', async () => {
    const { cls, seats, players } = await classWithStudents({ botsFill: false }, 4, 's');
    expect(seats.map((s) => `${s.table}${s.role}`)).toEqual(['1a', '2a', '1b', '2b']);
    expect(await seatStatus(cls.tables[0])).toMatchObject({ a: 'present:Student 0', b: 'present:Student 2' });

    // Across tables: Student 0 goes to table 2's free seat c.
    const r = await call<{ moved: ClassSeat[] }>(
      'POST',
      `/api/classes/${cls.classId}/move`,
      { playerId: 's0', table: 2, role: 'c' },
      cls.facilitatorKey,
    );
    expect(r.status).toBe(200);
    await until(() => movedOf(players[0]).length === 1, 'Student 0 is told where to go');
    expect(movedOf(players[0])[0]).toMatchObject({
      playerId: 's0',
      code: cls.tables[1],
      roomId: seats[1].roomId,
      role: 'c',
    });
    expect((await seatStatus(cls.tables[0])).a).toBe('free:');
    const moved = await Player.join(srv, seats[1].roomId, { role: 'c', name: 'Student 0', playerId: 's0' }, 's0-new');
    await moved.waitView((v) => v.seat === 'c', 'the new seat');
    expect(await seatStatus(cls.tables[1])).toMatchObject({
      a: 'present:Student 1',
      b: 'present:Student 3',
      c: 'present:Student 0',
    });
    // Nobody else was told to move.
    for (const p of players.slice(1)) expect(movedOf(p)).toEqual([]);

    // Within one table, without teams: a swap moves both, and both can sit down at once.
    const swap = await call<{ moved: ClassSeat[] }>(
      'POST',
      `/api/classes/${cls.classId}/move`,
      { playerId: 's1', table: 2, role: 'b' },
      cls.facilitatorKey,
    );
    expect(swap.body.moved.map((m) => [m.name, m.role])).toEqual([
      ['Student 1', 'b'],
      ['Student 3', 'a'],
    ]);
    await until(
      () => movedOf(players[1]).length === 1 && movedOf(players[3]).length === 1,
      'both swapped students are told',
    );
    const [one, three] = await Promise.all([
      Player.join(srv, seats[1].roomId, { role: 'b', name: 'Student 1', playerId: 's1' }, 's1-new'),
      Player.join(srv, seats[1].roomId, { role: 'a', name: 'Student 3', playerId: 's3' }, 's3-new'),
    ]);
    await one.waitView((v) => v.seat === 'b', 'Student 1 at b');
    await three.waitView((v) => v.seat === 'a', 'Student 3 at a');
    expect(await seatStatus(cls.tables[1])).toEqual({
      a: 'present:Student 3',
      b: 'present:Student 1',
      c: 'present:Student 0',
    });

    // A move to the seat one already holds tells nobody anything.
    await call('POST', `/api/classes/${cls.classId}/move`, { playerId: 's2', table: 1, role: 'b' }, cls.facilitatorKey);
    await new Promise((done) => setTimeout(done, 200));
    expect(movedOf(players[2])).toEqual([]);
    for (const p of [moved, one, three, players[2]]) await p.leave();
  });

  it('puts a bot in a seat its student was moved away from during the game, as the table covers empty seats', async () => {
    const { cls, seats, players } = await classWithStudents({ botsFill: false, standIn: true }, 2, 'm');
    const bots = async (code: string) =>
      (await call<{ roles: { id: string; bot: boolean }[] }>('GET', `/api/tables/${code}`)).body.roles.flatMap((r) =>
        r.bot ? [r.id] : [],
      );
    // The game is on and every seat that has a student is held by that student: no bot yet.
    expect(seats[0]).toMatchObject({ table: 1, role: 'a' });
    const fac = await Player.join(
      srv,
      seats[0].roomId,
      { code: cls.tables[0], role: 'facilitator', name: 'Teacher', facilitatorKey: cls.facilitatorKey, playerId: 't' },
      't',
    );
    await fac.must({ type: 'start' });
    expect(await bots(cls.tables[0])).toEqual([]);

    await call('POST', `/api/classes/${cls.classId}/move`, { playerId: 'm0', table: 2, role: 'c' }, cls.facilitatorKey);
    await until(() => movedOf(players[0]).length === 1, 'Student 0 is told where to go');
    // relocate() runs before the move's answer: the bot is already seated.
    expect(await bots(cls.tables[0])).toEqual(['a']);
    for (const p of [fac, players[1]]) await p.leave();
  });
});
