import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app.js';
import { SqliteStorage } from '../../../server/storage/sqlite.js';
import { createTable, errorCode, Player } from '../helpers.js';
import { call, refusedJoin, sqliteServer } from './fixture.js';

// Issue 11: "a kicked player cannot take the seat back without the facilitator" — and with the facilitator, can.
let env: Awaited<ReturnType<typeof sqliteServer>>;
let srv: RunningServer;
beforeAll(async () => {
  // Seat writes take 50 ms: an acknowledgement sent before the write finished is caught by reading the file at once.
  env = await sqliteServer({}, {}, { seat: 50 });
  srv = env.srv;
});
afterAll(() => env.cleanup(srv));

async function storedSeat(tableId: string, playerId: string): Promise<string | undefined> {
  const other = new SqliteStorage(env.file);
  try {
    return (await other.seats(tableId)).find((r) => r.playerId === playerId)?.seat;
  } finally {
    await other.close();
  }
}

describe('the facilitator lifts a kick', () => {
  it(
    'kick, refused, unkick (stored before acknowledged), the player sits again, also after a restart',
    { timeout: 120_000 },
    async () => {
      const t = await createTable(srv, { scenario: 'mini' });
      let fac = await Player.join(srv, t.roomId, { name: 'F', role: 'facilitator', facilitatorKey: t.facilitatorKey });
      const ann = await Player.join(srv, t.roomId, { name: 'Ann', playerId: 'ann', role: 'a' });
      await ann.waitView(() => true);
      expect(errorCode(await fac.request('kick', { sessionId: ann.welcomes[0].sessionId }))).toBeNull();
      expect(await refusedJoin(srv, t.roomId, { name: 'Ann', playerId: 'ann', role: 'a' })).toMatch(/^seat\/kicked/);

      // Only the facilitator may lift it; a player that was never removed is refused with a reason.
      const bo = await Player.join(srv, t.roomId, { name: 'Bo', playerId: 'bo', role: 'b' });
      await bo.waitView(() => true);
      expect(errorCode(await bo.request('unkick', { playerId: 'ann' }))).toBe('seat/facilitator_only');
      expect(errorCode(await fac.request('unkick', { playerId: 'bo' }))).toBe('seat/unknown');
      expect(await storedSeat(t.roomId, 'ann')).toBe('kicked:a');

      expect(errorCode(await fac.request('unkick', { playerId: 'ann' }))).toBeNull();
      expect(await storedSeat(t.roomId, 'ann')).toBe('observer');
      const back = await Player.join(srv, t.roomId, { name: 'Ann', playerId: 'ann', role: 'a' });
      await back.waitView((v) => v.seat === 'a');

      // Again, across a restart on the same file: the kick holds, then the lift holds.
      expect(errorCode(await fac.request('kick', { sessionId: back.welcomes[0].sessionId }))).toBeNull();
      await fac.leave();
      await bo.leave();
      await srv.stop();
      srv = await env.boot();
      expect(await refusedJoin(srv, t.roomId, { name: 'Ann', playerId: 'ann', role: 'a' })).toMatch(/^seat\/kicked/);
      fac = await Player.join(srv, t.roomId, { name: 'F', role: 'facilitator', facilitatorKey: t.facilitatorKey });
      expect(errorCode(await fac.request('unkick', { playerId: 'ann' }))).toBeNull();
      await fac.leave();
      await srv.stop();
      srv = await env.boot();
      const again = await Player.join(srv, t.roomId, { name: 'Ann', playerId: 'ann', role: 'a' });
      await again.waitView((v) => v.seat === 'a');
      await again.leave();
    },
  );

  it('at a class table the student goes back to the seat the class gave them', { timeout: 120_000 }, async () => {
    const c = await call(srv, 'POST', '/api/classes', {
      body: { scenario: 'mini', tables: 1, botsFill: false, standIn: false },
    });
    const seat = (
      await call(srv, 'POST', `/api/classes/${c.body.classCode}/join`, { body: { name: 'Cy', playerId: 'cy' } })
    ).body;
    const cy = await Player.join(srv, seat.roomId, { name: 'Cy', playerId: 'cy', role: seat.role });
    await cy.waitView(() => true);
    const fac = await Player.join(srv, seat.roomId, {
      name: 'T',
      role: 'facilitator',
      facilitatorKey: c.body.facilitatorKey,
    });
    expect(errorCode(await fac.request('kick', { sessionId: cy.welcomes[0].sessionId }))).toBeNull();
    expect(await refusedJoin(srv, seat.roomId, { name: 'Cy', playerId: 'cy', role: seat.role })).toMatch(
      /^seat\/kicked/,
    );
    expect(errorCode(await fac.request('unkick', { playerId: 'cy' }))).toBeNull();
    expect(await storedSeat(seat.roomId, 'cy')).toBe(seat.role);
    const back = await Player.join(srv, seat.roomId, { name: 'Cy', playerId: 'cy' });
    await back.waitView((v) => v.seat === seat.role);
    await Promise.all([back.leave(), fac.leave()]);
  });
});
