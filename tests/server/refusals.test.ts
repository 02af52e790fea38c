import { Client } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES } from '../../shared/protocol.js';
import type { RunningServer } from '../../server/app.js';
import { acceptablePackage, move, readyUntil, roles, type Table } from './drive.js';
import {
  api,
  bootServer,
  createTable,
  errorCode,
  liveRoom,
  Player,
  testScenarios,
  type Reply,
  requireScenario,
} from './helpers.js';

const SCENARIO = process.env.SERVER_TEST_SCENARIO ?? 'harbour_dispute';
const scenarios = testScenarios();
const scenario = requireScenario(scenarios, SCENARIO);
let srv: RunningServer;
let created: { code: string; facilitatorKey: string; roomId: string };
let t: Table;
let observer: Player;

beforeAll(async () => {
  // These tests send many messages quickly; the default limit is tested in rate-limit.test.ts.
  srv = await bootServer({ scenarios, rateLimit: { perSecond: 1000, burst: 1000 } });
  created = await createTable(srv, {
    scenario: SCENARIO,
    selfStart: true,
    seed: 5,
    phaseSeconds: { news: 0, talks: 0, moves: 0, resolution: 0 },
  });
  t = { scenario, byRole: new Map() };
  for (const r of scenario.roles)
    t.byRole.set(r.id, await Player.join(srv, created.roomId, { role: r.id, name: r.id }));
  observer = await Player.join(srv, created.roomId, { role: 'observer', name: 'Watcher' }, 'observer');
});
afterAll(() => srv?.stop());

/** Sends something that must be refused with `code`; the table's state and log must not move, and no view follows. */
async function refused(send: () => Promise<Reply>, code: string): Promise<void> {
  const room = liveRoom(created.roomId);
  const before = { game: room.game, seq: room.seq, views: roles(t).map((x) => x.views.length) };
  const r = await send();
  expect(errorCode(r), JSON.stringify(r)).toBe(code);
  expect('error' in r && r.error.message.length).toBeGreaterThan(5);
  await new Promise((res) => setTimeout(res, 30));
  expect(room.game).toBe(before.game);
  expect(room.seq).toBe(before.seq);
  expect(roles(t).map((x) => x.views.length)).toEqual(before.views);
}

describe('refused messages change nothing', () => {
  const first = () => roles(t)[0];

  it('actions before the start and in the wrong phase', async () => {
    const terms = acceptablePackage(scenario);
    const [a, b] = scenario.roles.map((r) => r.id);
    await refused(() => t.byRole.get(a)!.act({ type: 'propose', to: [b], terms }), 'game/not_started');
    await refused(() => t.byRole.get(a)!.act({ type: 'pass' }), 'game/not_started');
    for (const p of roles(t)) await p.must({ type: 'ready' });
    await first().waitView((v) => v.phase === 'news');
    await refused(() => t.byRole.get(a)!.act({ type: 'propose', to: [b], terms }), 'phase/wrong_phase');
  });

  it('actions from the wrong seat', async () => {
    await refused(() => first().act({ type: 'pause' }), 'seat/not_allowed');
    await refused(() => first().act({ type: 'start' }), 'seat/not_allowed');
    await refused(() => first().act({ type: 'tick' } as never), 'protocol/bad_message');
    await refused(() => observer.act({ type: 'ready' }), 'seat/not_allowed');
    await refused(() => observer.act({ type: 'chat', channel: 'public', text: 'hi' }), 'seat/not_allowed');
    await refused(() => first().request('kick', { sessionId: observer.room.sessionId }), 'seat/facilitator_only');
    await refused(
      () => first().request('reassign', { from: scenario.roles[1].id, to: 'observer' }),
      'seat/facilitator_only',
    );
    // Bilateral channels are only for their two members.
    const [a, b, c] = scenario.roles.map((r) => r.id);
    const channel = [a, b].sort().join(':');
    await refused(
      () => t.byRole.get(c)!.act({ type: 'chat', channel: `bi:${channel}`, text: 'let me in' }),
      'chat/bad_channel',
    );
    await readyUntil(t, 'moves');
    const offTurn = roles(t).find((p) => p.view.seat !== p.view.turn)!;
    await refused(() => offTurn.act({ type: 'pass' }), 'move/not_your_turn');
    const mover = await move(t, { type: 'pass' });
    if (first().view.phase === 'moves')
      await refused(() => t.byRole.get(mover)!.act({ type: 'pass' }), 'move/not_your_turn');
  });

  it('malformed messages', async () => {
    const p = first();
    const cases: Record<string, unknown>[] = [
      {},
      { action: 'pass' },
      { action: { type: 'propose', to: 'everyone', terms: {} } },
      { action: { type: 'pass', extra: 1 } },
      { action: { type: 'chat', channel: 'public' } },
      { action: { type: 'extend', seconds: -5 } },
      { action: { type: 'pass' }, sneaky: true },
    ];
    for (const c of cases) await refused(() => p.request('act', c), 'protocol/bad_message');
    // Not even an object, or an unusable ref: the refusal still arrives (without a ref).
    const before = p.errors.length;
    p.room.send('act', { ref: 'x'.repeat(200), action: { type: 'pass' } });
    p.room.send('act', 'pass');
    p.room.send('act', [1, 2, 3]);
    p.room.send('act');
    await new Promise((r) => setTimeout(r, 100));
    expect(p.errors.slice(before).map((e) => [e.code, e.ref])).toEqual(
      Array(4).fill(['protocol/bad_message', undefined]),
    );
  });

  it('unknown message types', async () => {
    const p = first();
    await refused(() => p.request('hack', { seat: 'facilitator' }), 'protocol/unknown_type');
    // Names Colyseus would find on a plain object, or its own internal names, are refused like any other.
    for (const type of ['__proto__', 'toString', 'constructor', '*', '__no_message_handler', 'unknown type'])
      await refused(() => p.request(type, { action: { type: 'end' } }), 'protocol/unknown_type');
    const before = p.errors.length;
    p.room.send(42, { ref: 'n' });
    p.room.sendBytes('act', new Uint8Array([1, 2, 3]));
    p.room.sendBytes('nope', new Uint8Array([1, 2, 3]));
    await new Promise((r) => setTimeout(r, 100));
    expect(p.errors.slice(before).map((e) => [e.code, e.ref])).toEqual([
      ['protocol/unknown_type', 'n'],
      ['protocol/bad_message', undefined],
      ['protocol/unknown_type', undefined],
    ]);
    expect(p.room.connection.isOpen).toBe(true);
  });

  it('oversized messages', async () => {
    const p = first();
    const text = 'x'.repeat(MAX_MESSAGE_BYTES + 10);
    await refused(() => p.request('act', { action: { type: 'chat', channel: 'public', text } }), 'protocol/too_large');
    // Just under the frame limit but over it as JSON (escaped characters count).
    const quotes = '"'.repeat(Math.floor(MAX_MESSAGE_BYTES * 0.7));
    await refused(
      () => p.request('act', { action: { type: 'chat', channel: 'public', text: quotes } }),
      'protocol/too_large',
    );
    // An over-long chat line within the size limit is the engine's to refuse.
    await refused(() => p.act({ type: 'chat', channel: 'public', text: 'y'.repeat(900) }), 'chat/too_long');
    expect(p.room.connection.isOpen).toBe(true);
  });
});

describe('joining and the HTTP API', () => {
  const join = (o: Record<string, unknown>) => new Client(srv.url.replace('http', 'ws')).joinById(created.roomId, o);

  it('refuses bad join options with a coded reason', async () => {
    await expect(join({ role: 'facilitator', name: 'Fake', facilitatorKey: 'wrong-key-wrong-key' })).rejects.toThrow(
      /seat\/facilitator_only/,
    );
    await expect(join({ role: 'facilitator', name: 'Fake' })).rejects.toThrow(/seat\/facilitator_only/);
    await expect(join({ role: 'martians', name: 'X' })).rejects.toThrow(/seat\/unknown/);
    await expect(join({ role: scenario.roles[0].id })).rejects.toThrow(/protocol\/bad_message/);
    await expect(join({ role: scenario.roles[0].id, name: 'X', code: 'ZZZZZZ' })).rejects.toThrow(/table\/not_found/);
    await expect(join({ role: 'observer', name: 'X', admin: true })).rejects.toThrow(/protocol\/bad_message/);
  });

  it('clients cannot create or match-make rooms; only join by id', async () => {
    const c = new Client(srv.url.replace('http', 'ws'));
    await expect(c.create('negotiation', { tableId: created.roomId })).rejects.toThrow();
    await expect(c.joinOrCreate('negotiation', { name: 'x' })).rejects.toThrow();
    await expect(c.join('negotiation', { name: 'x' })).rejects.toThrow();
  });

  it('answers the API', async () => {
    const list = await api<{ id: string; roles: Record<string, unknown>[] }[]>(srv, '/api/scenarios');
    expect(list.body.map((s) => s.id)).toContain(SCENARIO);
    expect(JSON.stringify(list.body)).not.toContain(scenario.roles[0].confidential.brief);
    expect((await api(srv, '/api/tables', { scenario: 'nope' })).status).toBe(400);
    expect((await api(srv, '/api/tables', { rounds: 'many' })).status).toBe(400);
    expect((await api(srv, '/api/tables', { selfStart: true, extra: 1 })).status).toBe(400);
    expect((await api(srv, '/api/tables/QQQQQQ')).status).toBe(404);
    const info = await api<{ roomId: string; roles: { id: string; status: string; profile: string }[] }>(
      srv,
      `/api/tables/${created.code.toLowerCase()}`,
    );
    expect(info.status).toBe(200);
    expect(info.body.roomId).toBe(created.roomId);
    expect(info.body.roles.map((r) => r.status)).toEqual(scenario.roles.map(() => 'present'));
    expect(JSON.stringify(info.body)).not.toContain(scenario.roles[0].confidential.domesticFear);
    expect(created.facilitatorKey.length).toBeGreaterThanOrEqual(32);
    const stored = await srv.storage.findTableByCode(created.code);
    expect(JSON.stringify(stored)).not.toContain(created.facilitatorKey);
    const res = await fetch(`${srv.url}/api/tables`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(res.status).toBe(400);
  });
});
