import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app.js';
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
const scenarios = testScenarios();
const scenario = requireScenario(scenarios, SCENARIO);
let srv: RunningServer;

beforeAll(async () => {
  srv = await bootServer({ scenarios });
});
afterAll(() => srv?.stop());

// The synchronised schema holds presence, the phase and the clock; the rest of the game travels in each seat's view.
type TableState = {
  paused: boolean;
  phase: string;
  deadline: number;
  serverTime: number;
  seats: Map<string, { status: string; names: string[] }>;
  observers: number;
};

describe('the facilitator referees; nobody else can', () => {
  it('pauses, resumes, extends, advances, injects an event and ends the table', async () => {
    const created = await createTable(srv, {
      scenario: SCENARIO,
      phaseSeconds: { news: 0, talks: 300, moves: 0, resolution: 0 },
    });
    const boss = await Player.join(
      srv,
      created.roomId,
      { role: 'facilitator', name: 'Teacher', facilitatorKey: created.facilitatorKey },
      'facilitator',
    );
    const [a] = scenario.roles.map((r) => r.id);
    const p = await Player.join(srv, created.roomId, { role: a, name: 'Student' });
    const state = () => p.room.state as unknown as TableState;

    expect(errorCode(await p.act({ type: 'start' }))).toBe('seat/not_allowed');
    await boss.must({ type: 'start' });
    await p.waitView((v) => v.phase === 'news');
    expect(errorCode(await p.act({ type: 'advance' }))).toBe('seat/not_allowed');
    await boss.must({ type: 'advance' });
    const talks = await p.waitView((v) => v.phase === 'talks' && v.deadline !== null);

    expect(errorCode(await p.act({ type: 'pause' }))).toBe('seat/not_allowed');
    await boss.must({ type: 'pause' });
    await p.waitView((v) => v.paused);
    await until(() => state().paused, 'schema shows paused');
    expect(errorCode(await p.act({ type: 'chat', channel: 'public', text: 'still talking' }))).toBeNull();
    expect(errorCode(await boss.act({ type: 'pause' }))).toBe('game/paused');
    expect(errorCode(await p.act({ type: 'resume' }))).toBe('seat/not_allowed');
    await boss.must({ type: 'extend', seconds: 60 });
    await boss.must({ type: 'resume' });
    const resumed = await p.waitView((v) => !v.paused && v.deadline !== null);
    expect(resumed.deadline! - talks.deadline!).toBeGreaterThan(55_000);

    const event = scenario.events.at(-1)!.id;
    expect(errorCode(await p.act({ type: 'inject', event }))).toBe('seat/not_allowed');
    expect(errorCode(await boss.act({ type: 'inject', event: 'no_such_event' }))).toBe('event/unknown');
    await boss.must({ type: 'inject', event });
    const injected = await p.waitView((v) => v.eventsDrawn.some((e) => e.injected && e.id === event));
    expect(injected.event).toBe(event);
    expect(state()).not.toHaveProperty('event');

    expect(errorCode(await p.act({ type: 'end' }))).toBe('seat/not_allowed');
    await boss.must({ type: 'end' });
    await p.waitView((v) => v.phase === 'ended' && v.outcome?.kind === 'ended');
    await until(() => state().phase === 'ended', 'schema shows the end');
    expect(errorCode(await boss.act({ type: 'advance' }))).toBe('game/ended');
  });

  it('public chat, from the facilitator or a delegation, reaches every seat and the observers', async () => {
    const created = await createTable(srv, { scenario: SCENARIO });
    const boss = await Player.join(
      srv,
      created.roomId,
      { role: 'facilitator', name: 'Teacher', facilitatorKey: created.facilitatorKey },
      'facilitator',
    );
    const [a, b] = scenario.roles.map((r) => r.id);
    const pa = await Player.join(srv, created.roomId, { role: a, name: 'Ann' });
    const pb = await Player.join(srv, created.roomId, { role: b, name: 'Ben' });
    const watcher = await Player.join(srv, created.roomId, { role: 'observer', name: 'Olga' }, 'observer');
    await boss.must({ type: 'chat', channel: 'public', text: 'Welcome, everyone.' });
    await pa.must({ type: 'chat', channel: 'public', text: 'Hello from Ann.' });
    for (const p of [boss, pa, pb, watcher])
      await p.waitView((v) => v.chat.length === 2, `${p.label} sees both public lines`);
    // A chat line changes nothing in the synchronised schema: no patch goes out for it.
    expect(pb.room.state as unknown as object).not.toHaveProperty('publicChat');
  });

  it('kicks a client and reassigns a seat', async () => {
    const created = await createTable(srv, { scenario: SCENARIO });
    const boss = await Player.join(
      srv,
      created.roomId,
      { role: 'facilitator', name: 'Teacher', facilitatorKey: created.facilitatorKey },
      'facilitator',
    );
    const [a, b] = scenario.roles.map((r) => r.id);
    const pa = await Player.join(srv, created.roomId, { role: a, name: 'Ann' });
    const pb = await Player.join(srv, created.roomId, { role: b, name: 'Ben', playerId: 'ben-browser' });
    const state = () => boss.room.state as unknown as TableState;
    await until(() => state().seats.get(b)?.status === 'present', 'b present');

    expect(errorCode(await pa.request('kick', { sessionId: pb.room.sessionId }))).toBe('seat/facilitator_only');
    expect(errorCode(await boss.request('kick', { sessionId: 'nobody' }))).toBe('seat/unknown');
    const left = new Promise<number>((r) => pb.room.onLeave((code) => r(code)));
    expect(errorCode(await boss.request('kick', { sessionId: pb.room.sessionId }))).toBeNull();
    expect(await left).toBe(4001);
    await until(() => state().seats.get(b)?.status === 'free', 'b free after the kick');

    // Reassign: Ann moves from her delegation to b's, keeping her connection.
    expect(errorCode(await boss.request('reassign', { from: 'martians', to: b }))).toBe('seat/unknown');
    expect(errorCode(await boss.request('reassign', { from: a, to: b }))).toBeNull();
    await pa.waitView((v) => v.seat === b && v.me?.role.id === b);
    expect(pa.welcomes.at(-1)!.seat).toBe(b);
    await until(
      () => state().seats.get(a)?.status === 'free' && state().seats.get(b)?.names[0] === 'Ann',
      'seats updated',
    );
    const r = await pa.act({ type: 'chat', channel: 'public', text: `now speaking for ${b}` });
    expect(errorCode(r)).toBeNull();
    expect(entries(liveRoom(created.roomId).game.chat).at(-1)!.from).toBe(b);

    // And on to the observers' gallery.
    expect(errorCode(await boss.request('reassign', { from: b, to: 'observer' }))).toBeNull();
    await pa.waitView((v) => v.seat === 'observer' && v.me === null);
    await until(() => state().observers === 1 && state().seats.get(b)?.status === 'free', 'observer');
  });
});
