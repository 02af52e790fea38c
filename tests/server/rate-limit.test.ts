import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app.js';
import { DEFAULT_RATE_LIMIT } from '../../server/rooms/message-guard.js';
import { bootServer, createTable, liveRoom, Player, testScenarios, requireScenario } from './helpers.js';

const SCENARIO = process.env.SERVER_TEST_SCENARIO ?? 'harbour_dispute';
const scenarios = testScenarios();
const scenario = requireScenario(scenarios, SCENARIO);
let srv: RunningServer;

beforeAll(async () => {
  srv = await bootServer({ scenarios });
});
afterAll(() => srv?.stop());

describe('rate limit (default: 10 messages a second, bursts of 20)', () => {
  it('refuses a flood message by message, changes nothing, spares the others, and recovers', async () => {
    expect(DEFAULT_RATE_LIMIT).toEqual({ perSecond: 10, burst: 20 });
    const created = await createTable(srv, { scenario: SCENARIO, selfStart: true });
    const [a, b] = scenario.roles.map((r) => r.id);
    const p = await Player.join(srv, created.roomId, { role: a, name: 'Flooder' });
    const q = await Player.join(srv, created.roomId, { role: b, name: 'Bystander' });
    const room = liveRoom(created.roomId);
    const before = { game: room.game, seq: room.seq };
    // A cheap message the room answers at once ('sync' has a tighter limit of its own: table-bounds.test.ts).
    const replies = await Promise.all([
      ...Array.from({ length: 50 }, () => p.request('bot', { role: b, on: false })),
      ...Array.from({ length: 10 }, () => p.act({ type: 'chat', channel: 'public', text: 'spam' })),
      p.request('no_such_type'),
    ]);
    const codes = replies.map((r) => ('ack' in r ? 'ack' : r.error.code));
    // Admitted: answered by the room itself (a delegation may not switch bots: seat/facilitator_only).
    const acks = codes.filter((c) => c !== 'protocol/rate_limited').length;
    expect(codes.filter((c) => c !== 'protocol/rate_limited' && c !== 'seat/facilitator_only')).toEqual([]);
    expect(acks).toBeGreaterThanOrEqual(20);
    expect(acks).toBeLessThanOrEqual(22);
    expect(codes.filter((c) => c === 'protocol/rate_limited').length).toBe(61 - acks);
    // The chat lines came after the burst was spent: none got through.
    expect(codes.slice(50).every((c) => c === 'protocol/rate_limited')).toBe(true);
    expect(room.game).toBe(before.game);
    expect(room.seq).toBe(before.seq);
    // Another client at the same table is not affected.
    expect('ack' in (await q.request('sync'))).toBe(true);
    // The flooder recovers once the bucket refills.
    await new Promise((r) => setTimeout(r, 1200));
    expect('ack' in (await p.act({ type: 'chat', channel: 'public', text: 'sorry' }))).toBe(true);
    expect(room.seq).toBe(before.seq + 1);
  });
});
