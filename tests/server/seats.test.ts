import { Client } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app.js';
import { move, readyUntil, roles, type Table } from './drive.js';
import {
  bootServer,
  createTable,
  errorCode,
  liveRoom,
  Player,
  testScenarios,
  until,
  requireScenario,
} from './helpers.js';
import { entries } from '../../shared/engine/index.js';

const SCENARIO = process.env.SERVER_TEST_SCENARIO ?? 'harbour_dispute';
const UNTIMED = { news: 0, talks: 0, moves: 0, resolution: 0 };
const scenarios = testScenarios();
const scenario = requireScenario(scenarios, SCENARIO);
let srv: RunningServer;

beforeAll(async () => {
  srv = await bootServer({ scenarios, graceSeconds: 1 });
});
afterAll(() => srv?.stop());

type Seats = { seats: Map<string, { status: string; names: string[] }> };
const seatOf = (p: Player, role: string) => (p.room.state as unknown as Seats).seats.get(role);

async function fullTable(opts: Record<string, unknown> = {}) {
  const created = await createTable(srv, { scenario: SCENARIO, selfStart: true, phaseSeconds: UNTIMED, ...opts });
  const t: Table = { scenario, byRole: new Map() };
  for (const r of scenario.roles)
    t.byRole.set(
      r.id,
      await Player.join(srv, created.roomId, { role: r.id, name: `Lead ${r.id}`, playerId: `pid-${r.id}` }),
    );
  return { created, t };
}

describe('a team of two on one delegation', () => {
  it('both members see the private view; the first valid move wins and the second is refused', async () => {
    const { created, t } = await fullTable();
    const role = scenario.roles[0].id;
    const mate = await Player.join(srv, created.roomId, { role, name: 'Second', playerId: 'pid-mate' }, 'mate');
    const lead = t.byRole.get(role)!;
    await mate.waitView((v) => v.me?.role.id === role);
    expect(mate.view.me!.role.confidential.brief).toBe(scenario.roles[0].confidential.brief);
    await until(() => seatOf(lead, role)?.names.length === 2, 'two names on the seat');

    await readyUntil(t, 'moves');
    while (roles(t)[0].view.turn !== role) await move(t, { type: 'pass' });
    await mate.waitView((v) => v.turn === role);
    const [r1, r2] = await Promise.all([lead.act({ type: 'pass' }), mate.act({ type: 'pass' })]);
    const codes = [errorCode(r1), errorCode(r2)];
    expect(codes.filter((c) => c === null).length).toBe(1);
    expect(['move/not_your_turn', 'move/already_moved', 'phase/wrong_phase']).toContain(codes.find((c) => c !== null));
    const seq = liveRoom(created.roomId).seq;
    await mate.waitView((v) => v.moved.includes(role) || v.phase !== 'moves');
    expect(lead.views.at(-1)!.moved).toEqual(mate.views.at(-1)!.moved);
    expect((await srv.storage.actions(created.roomId)).length).toBe(seq);
  });

  it('a table whose settings forbid teams refuses a second player on a taken seat', async () => {
    const id = 'noteams' + Date.now();
    await srv.storage.createTable({
      id,
      code: 'NTEAM2',
      scenarioId: SCENARIO,
      options: { seed: 1 },
      facilitatorKeyHash: null,
      classId: null,
      settings: { teams: false },
      createdAt: Date.now(),
      finishedAt: null,
    });
    const roomId = await srv.tables.open((await srv.storage.getTable(id))!);
    const role = scenario.roles[0].id;
    await Player.join(srv, roomId, { role, name: 'One', playerId: 'one' });
    await expect(Player.join(srv, roomId, { role, name: 'Two', playerId: 'two' })).rejects.toThrow(/seat\/taken/);
    await Player.join(srv, roomId, { role: scenario.roles[1].id, name: 'Two', playerId: 'two' });
  });
});

describe('reconnection', () => {
  it('a dropped client reconnects with its token and keeps its seat and view', async () => {
    const { created, t } = await fullTable();
    const [a, b] = scenario.roles.map((r) => r.id);
    const pa = t.byRole.get(a)!;
    const pb = t.byRole.get(b)!;
    await pa.must({ type: 'chat', channel: 'public', text: 'before the drop' });
    const token = pa.room.reconnectionToken;
    const sessionId = pa.room.sessionId;
    await pa.room.leave(false); // no consent: as if the network dropped
    await until(() => seatOf(pb, a)?.status === 'reconnecting', 'seat shows reconnecting');

    const room = await new Client(srv.url.replace('http', 'ws')).reconnect(token);
    const back = new Player(room, 'back');
    expect(room.sessionId).toBe(sessionId);
    await back.waitView((v) => v.seat === a);
    expect(back.welcomes.at(-1)!.seat).toBe(a);
    expect(back.view.me!.role.confidential.brief).toBe(scenario.roles[0].confidential.brief);
    expect(back.view.round).toBe(pb.view.round);
    await until(() => seatOf(pb, a)?.status === 'present', 'seat present again');
    expect(errorCode(await back.act({ type: 'chat', channel: 'public', text: 'after the drop' }))).toBeNull();
    expect(entries(liveRoom(created.roomId).game.chat).map((m) => m.from)).toEqual([a, a]);
  });

  it('a reload (new connection, same playerId) takes the seat back without waiting for the grace period', async () => {
    const { created, t } = await fullTable();
    const a = scenario.roles[0].id;
    const b = scenario.roles[1].id;
    const pb = t.byRole.get(b)!;
    await t.byRole.get(a)!.room.leave(false);
    await until(() => seatOf(pb, a)?.status === 'reconnecting', 'reconnecting');
    const reloaded = await Player.join(srv, created.roomId, { name: `Lead ${a}`, playerId: `pid-${a}` }, 'reloaded');
    await reloaded.waitView((v) => v.seat === a);
    // The page waits for its welcome (the scenario) and then its view: a view before the welcome left a reopened
    // game tab on "Returning to table..." (2026-12-02). The replaced session's leave must not send the joiner a view.
    expect(reloaded.order.slice(0, 2)).toEqual(['welcome', 'view']);
    await until(() => seatOf(pb, a)?.status === 'present' && seatOf(pb, a)?.names.length === 1, 'one present member');
    expect(errorCode(await reloaded.act({ type: 'ready' }))).toBeNull();
  });

  it('a dropped client that does not return within the grace period leaves its seat absent', async () => {
    const { t } = await fullTable();
    const [a, b] = scenario.roles.map((r) => r.id);
    const pb = t.byRole.get(b)!;
    const token = t.byRole.get(a)!.room.reconnectionToken;
    await t.byRole.get(a)!.room.leave(false);
    await until(() => seatOf(pb, a)?.status === 'reconnecting', 'reconnecting');
    await until(() => seatOf(pb, a)?.status === 'absent', 'absent after the grace period', 3000);
    await expect(new Client(srv.url.replace('http', 'ws')).reconnect(token)).rejects.toThrow();
  });

  it('a client that leaves for good leaves an absent seat, which the facilitator can free', async () => {
    const { created, t } = await fullTable();
    const [a, b] = scenario.roles.map((r) => r.id);
    const pb = t.byRole.get(b)!;
    await t.byRole.get(a)!.leave(); // consented: closed the tab with "leave"
    await until(() => seatOf(pb, a)?.status === 'absent', 'absent');
    const info = await (await fetch(`${srv.url}/api/tables/${created.code}`)).json();
    expect(info.roles.find((r: { id: string }) => r.id === a).status).toBe('absent');
    // Its player can come back with the same playerId...
    const again = await Player.join(srv, created.roomId, { name: 'Lead again', playerId: `pid-${a}` }, 'again');
    await again.waitView((v) => v.seat === a);
    await again.leave();
    await until(() => seatOf(pb, a)?.status === 'absent', 'absent again');
    // ...until the facilitator frees the seat.
    const boss = await Player.join(
      srv,
      created.roomId,
      { role: 'facilitator', name: 'T', facilitatorKey: created.facilitatorKey },
      'boss',
    );
    expect(errorCode(await boss.request('reassign', { from: a, to: 'observer' }))).toBeNull();
    await until(() => seatOf(pb, a)?.status === 'free', 'free');
    const stranger = await Player.join(srv, created.roomId, { name: 'Lead again', playerId: `pid-${a}` }, 'stranger');
    await stranger.waitView((v) => v.seat === 'observer');
  });
});
