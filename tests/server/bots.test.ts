import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotDecision, BotInput } from '../../shared/bots/types.js';
import { isFormal, replay, type View } from '../../shared/engine/index.js';
import type { BotNote } from '../../shared/protocol.js';
import type { RunningServer } from '../../server/app.js';
import type { BotSeats } from '../../server/rooms/bot-seats.js';
import {
  bootServer,
  createTable,
  errorCode,
  liveRoom,
  Player,
  requireScenario,
  testScenarios,
  until,
} from './helpers.js';

const UNTIMED = { news: 0, talks: 0, moves: 0, resolution: 0 };
const scenarios = testScenarios();
const ukraine = requireScenario(scenarios, 'ukraine_peace_talks');
const mini = requireScenario(scenarios, 'mini');
let srv: RunningServer;

beforeAll(async () => {
  srv = await bootServer({ scenarios, graceSeconds: 1, rateLimit: { perSecond: 1000, burst: 1000 } });
});
afterAll(() => srv?.stop());

type Seats = { seats: Map<string, { status: string; names: string[]; bot: boolean }> };
const seatOf = (p: Player, role: string) => (p.room.state as unknown as Partial<Seats> | undefined)?.seats?.get(role);
const botsOf = (roomId: string) => (liveRoom(roomId) as unknown as { bots: BotSeats }).bots;
const notesOf = (p: Player) => p.others.filter(([t]) => t === 'botNote').map(([, n]) => n as BotNote);
const roleIds = (s: typeof ukraine) => s.roles.map((r) => r.id);

/** A person who always says ready and passes on turn: keeps an untimed table moving without bargaining. */
function autopilot(p: Player): () => void {
  let busy = false;
  const step = async () => {
    if (busy || p.views.length === 0) return;
    const v = p.view;
    const due = v.phase === 'moves' ? v.turn === v.seat : v.phase !== 'ended' && !v.ready.includes(v.seat);
    if (!due) return;
    busy = true;
    await p.act(v.phase === 'moves' ? { type: 'pass' } : { type: 'ready' }).finally(() => (busy = false));
  };
  const timer = setInterval(() => void step(), 5);
  return () => clearInterval(timer);
}

describe('four bots at a live table', () => {
  it('play a whole game to its end through the room, with no refused action', async () => {
    const created = await createTable(srv, {
      scenario: ukraine.id,
      seed: 11,
      selfStart: true,
      phaseSeconds: UNTIMED,
      bots: roleIds(ukraine),
      botDelayMs: 10,
    });
    const boss = await Player.join(
      srv,
      created.roomId,
      { role: 'facilitator', name: 'Chair', facilitatorKey: created.facilitatorKey },
      'facilitator',
    );
    const watcher = await Player.join(srv, created.roomId, { role: 'observer', name: 'Press' }, 'observer');
    await until(() => roleIds(ukraine).every((r) => seatOf(watcher, r)?.bot === true), 'every seat shown as a bot');
    await until(() => liveRoom(created.roomId).game.phase === 'ended', 'the bots to finish the game', 60_000);

    const bots = botsOf(created.roomId);
    expect(bots.stats.refused).toEqual([]);
    const game = liveRoom(created.roomId).game;
    expect(['deal', 'no_deal']).toContain(game.outcome?.kind);
    const log = await srv.storage.actions(created.roomId);
    // The same log a person's actions go to: replaying it gives the same end.
    expect(replay(ukraine, (await srv.storage.getTable(created.roomId))!.options, log).outcome).toEqual(game.outcome);
    expect(log.every((e) => e.seat === 'system' || roleIds(ukraine).includes(e.seat))).toBe(true);
    // Formal moves and signing (not a formal move, but a move on the agreement the facilitator hears of).
    const formal = log.filter((e) => isFormal(e.action.type) || e.action.type === 'sign');
    expect(formal.length).toBeGreaterThanOrEqual(4);
    // Every formal move carries its public reason: offers as their note, the rest as a chat line.
    for (const e of formal) {
      const a = e.action;
      if (a.type === 'propose' || a.type === 'counter') expect(a.note?.length).toBeGreaterThan(0);
    }
    expect(log.filter((e) => e.action.type === 'chat').length).toBeGreaterThan(0);
    // The facilitator got one note per formal move, with the private figures; the observer got none.
    await until(() => notesOf(boss).length === formal.length, 'a note per formal move');
    expect(notesOf(boss).every((n) => n.reason.length > 0 && n.reasoning.length > 0)).toBe(true);
    expect(
      notesOf(boss)
        .filter((n) => n.action !== 'sign')
        .every((n) => /aspiration/.test(n.reasoning)),
    ).toBe(true);
    expect(notesOf(watcher)).toEqual([]);
    expect(bots.stats.actions).toBe(log.filter((e) => e.seat !== 'system').length);
  });
});

describe('a person takes over a bot', () => {
  it('joining a bot seat mid-game stops the bot at once; the seat then waits for the person', async () => {
    const created = await createTable(srv, {
      scenario: ukraine.id,
      seed: 5,
      selfStart: true,
      phaseSeconds: UNTIMED,
      bots: roleIds(ukraine),
      botDelayMs: 200,
    });
    const watcher = await Player.join(srv, created.roomId, { role: 'observer', name: 'Press' }, 'observer');
    // Wait for a moment when it is the taken seat's turn: its bot is about to move.
    await watcher.waitView((v) => v.phase === 'moves' && v.turn !== null, 'a turn in the moves phase');
    const role = watcher.view.turn!;
    const person = await Player.join(srv, created.roomId, { role, name: 'Human', playerId: 'pid-human' }, 'human');
    const joinedAt = liveRoom(created.roomId).seq;
    expect(botsOf(created.roomId).has(role)).toBe(false);
    await until(
      () => seatOf(watcher, role)?.bot === false && seatOf(watcher, role)?.status === 'present',
      'the seat shown as the person’s',
    );

    // The other bots keep their seats, but nobody moves for this one.
    await new Promise((r) => setTimeout(r, 800));
    const after = (await srv.storage.actions(created.roomId)).slice(joinedAt);
    expect(after.filter((e) => e.seat === role)).toEqual([]);
    expect(liveRoom(created.roomId).game.turnOrder[liveRoom(created.roomId).game.turn]).toBe(role);
    expect(await person.must({ type: 'pass' })).toBeGreaterThan(joinedAt);
    // Later phases wait for the person's "ready" too: the bot is really gone.
    await person.waitView((v) => v.phase === 'resolution', 'resolution');
    await new Promise((r) => setTimeout(r, 600));
    expect(person.view.phase).toBe('resolution');
    expect(person.view.ready).not.toContain(role);
    expect(botsOf(created.roomId).stats.refused).toEqual([]);
    await person.must({ type: 'ready' });
  });
});

describe('stand-in bots', () => {
  it('a delegation absent past the grace period gets a bot that plays, until its person comes back', async () => {
    const created = await createTable(srv, {
      scenario: mini.id,
      seed: 3,
      selfStart: true,
      phaseSeconds: UNTIMED,
      standIn: true,
      botDelayMs: 10,
    });
    const [a] = roleIds(mini);
    const [pa, pb, pc] = await Promise.all(
      roleIds(mini).map((r) => Player.join(srv, created.roomId, { role: r, name: `P ${r}`, playerId: `pid-${r}` }, r)),
    );
    const stops = [autopilot(pb), autopilot(pc)];
    try {
      await pa.must({ type: 'ready' });
      await pa.waitView((v) => v.phase === 'news', 'the talks to open');
      await pa.room.leave(false); // no consent: as if the network dropped
      await until(() => seatOf(pb, a)?.status === 'reconnecting', 'a reconnecting');
      expect(seatOf(pb, a)?.bot).toBe(false);
      await until(
        () => seatOf(pb, a)?.status === 'absent' && seatOf(pb, a)?.bot === true,
        'a stand-in bot after the grace',
        5000,
      );
      const from = liveRoom(created.roomId).seq;
      // The stand-in says ready and makes a formal move on a's turn.
      await until(
        () => liveRoom(created.roomId).game.moved.includes(a) || liveRoom(created.roomId).game.round > 1,
        'the stand-in to move',
        10_000,
      );
      const log = (await srv.storage.actions(created.roomId)).slice(from);
      expect(
        log.some(
          (e) =>
            e.seat === a && ['propose', 'accept', 'reject', 'counter', 'sign', 'lever', 'pass'].includes(e.action.type),
        ),
      ).toBe(true);

      const back = await Player.join(srv, created.roomId, { name: 'P a', playerId: 'pid-a' }, 'a-back');
      await until(() => back.welcomes.length > 0, 'the welcome back');
      expect(back.welcomes[0].seat).toBe(a);
      await until(
        () => seatOf(pb, a)?.bot === false && seatOf(pb, a)?.status === 'present',
        'the person back in the seat',
      );
      expect(botsOf(created.roomId).has(a)).toBe(false);
      expect(botsOf(created.roomId).stats.refused).toEqual([]);
    } finally {
      stops.forEach((s) => s());
    }
  });

  it('botsFill: when the facilitator opens the talks, every empty delegation gets a bot', async () => {
    const created = await createTable(srv, {
      scenario: mini.id,
      seed: 4,
      phaseSeconds: UNTIMED,
      botsFill: true,
      botDelayMs: 10,
    });
    const [a, b, c] = roleIds(mini);
    const boss = await Player.join(
      srv,
      created.roomId,
      { role: 'facilitator', name: 'Chair', facilitatorKey: created.facilitatorKey },
      'facilitator',
    );
    const pa = await Player.join(srv, created.roomId, { role: a, name: 'Only one', playerId: 'pid-only' }, a);
    expect(botsOf(created.roomId).roles()).toEqual([]);
    await boss.must({ type: 'start' });
    await until(() => seatOf(pa, b)?.bot === true && seatOf(pa, c)?.bot === true, 'bots in the empty seats');
    expect(seatOf(pa, a)?.bot).toBe(false);
    await pa.waitView((v) => v.phase === 'news' && v.ready.includes(b) && v.ready.includes(c), 'the bots ready');
  });
});

describe('a facilitator-run table (not self-start)', () => {
  it('in setup nobody can say ready, bots wait without a refused move, and the facilitator opens the talks', async () => {
    const [a, b, c] = roleIds(mini);
    const created = await createTable(srv, {
      scenario: mini.id,
      seed: 6,
      phaseSeconds: UNTIMED,
      bots: [b, c],
      botDelayMs: 5,
    });
    const pa = await Player.join(srv, created.roomId, { role: a, name: 'Student', playerId: 'pid-fr' }, a);
    expect(errorCode(await pa.act({ type: 'ready' }))).toBe('game/not_started');
    await new Promise((r) => setTimeout(r, 200));
    expect(liveRoom(created.roomId).game.phase).toBe('setup');
    expect(await srv.storage.actions(created.roomId)).toEqual([]);
    const boss = await Player.join(
      srv,
      created.roomId,
      { role: 'facilitator', name: 'Chair', facilitatorKey: created.facilitatorKey },
      'facilitator',
    );
    await boss.must({ type: 'start' });
    await pa.waitView(
      (v) => v.phase === 'news' && v.ready.includes(b) && v.ready.includes(c),
      'the bots ready once the talks open',
    );
    expect(botsOf(created.roomId).stats.refused).toEqual([]);
  });
});

describe('who may seat a bot', () => {
  it('refuses anyone without the facilitator key, a seat a person holds and an unknown role, and changes nothing', async () => {
    const created = await createTable(srv, { scenario: mini.id, seed: 8, phaseSeconds: UNTIMED, botDelayMs: 10 });
    const [a, b, c] = roleIds(mini);
    const pa = await Player.join(srv, created.roomId, { role: a, name: 'Student', playerId: 'pid-s' }, a);
    const boss = await Player.join(
      srv,
      created.roomId,
      { role: 'facilitator', name: 'Chair', facilitatorKey: created.facilitatorKey },
      'facilitator',
    );
    const before = liveRoom(created.roomId).seq;

    expect(errorCode(await pa.request('bot', { role: b, on: true }))).toBe('seat/facilitator_only');
    expect(errorCode(await pa.request('bot', { role: b, on: true, facilitatorKey: 'x'.repeat(43) }))).toBe(
      'seat/facilitator_only',
    );
    expect(errorCode(await pa.request('bot', { role: b, on: 'yes' }))).toBe('protocol/bad_message');
    expect(errorCode(await boss.request('bot', { role: 'nobody', on: true }))).toBe('seat/unknown');
    expect(errorCode(await boss.request('bot', { role: a, on: true }))).toBe('seat/taken');
    expect(botsOf(created.roomId).roles()).toEqual([]);
    expect([a, b, c].map((r) => seatOf(pa, r)?.bot)).toEqual([false, false, false]);
    expect(liveRoom(created.roomId).seq).toBe(before);

    // The facilitator, and the creator holding the key from any seat, may.
    expect(errorCode(await boss.request('bot', { role: b, on: true }))).toBeNull();
    expect(
      errorCode(await pa.request('bot', { role: c, on: true, facilitatorKey: created.facilitatorKey })),
    ).toBeNull();
    await until(() => seatOf(pa, b)?.bot === true && seatOf(pa, c)?.bot === true, 'bots shown in b and c');
    const info = await (await fetch(`${srv.url}/api/tables/${created.code}`)).json();
    expect(info.roles.map((r: { bot: boolean }) => r.bot)).toEqual([false, true, true]);
    expect(errorCode(await boss.request('bot', { role: b, on: false }))).toBeNull();
    await until(() => seatOf(pa, b)?.bot === false, 'b free again');
  });

  it('POST /api/tables refuses bots for a delegation the scenario does not have', async () => {
    const r = await fetch(`${srv.url}/api/tables`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: 'mini', bots: ['zz'] }),
    });
    expect(r.status).toBe(400);
    expect((await r.json()).error.code).toBe('seat/unknown');
  });
});

describe('bots keep to their own seat', () => {
  it('each decision reads only its own view; other seats never receive a bot’s private reasoning', async () => {
    const [a, b, c] = roleIds(mini);
    const created = await createTable(srv, {
      scenario: mini.id,
      seed: 21,
      rounds: 3,
      selfStart: true,
      phaseSeconds: UNTIMED,
      bots: [b, c],
      botDelayMs: 5,
    });
    const inputs: { role: string; input: BotInput; decision: BotDecision }[] = [];
    botsOf(created.roomId).observe = (role, input, decision) => inputs.push({ role, input, decision });
    const boss = await Player.join(
      srv,
      created.roomId,
      { role: 'facilitator', name: 'Chair', facilitatorKey: created.facilitatorKey },
      'facilitator',
    );
    const pa = await Player.join(srv, created.roomId, { role: a, name: 'Human', playerId: 'pid-h' }, a);
    const stop = autopilot(pa);
    try {
      await pa.waitView((v) => v.phase === 'ended', 'the end of the game');
    } finally {
      stop();
    }
    expect(inputs.length).toBeGreaterThan(0);
    const secret = (r: string) => `SECRET-BRIEF-${r}`;
    for (const { role, input } of inputs) {
      const v: View = input.view;
      expect(v.seat).toBe(role);
      expect(v.me?.role.id).toBe(role);
      expect(v.all).toBeNull();
      expect(v.offers.every((o) => o.from === role || o.to.includes(role))).toBe(true);
      const text = JSON.stringify(input);
      for (const other of roleIds(mini).filter((r) => r !== role)) expect(text).not.toContain(secret(other));
    }
    // The person and the facilitator see the bots' public lines; only the facilitator their reasoning.
    const notes = notesOf(boss);
    expect(notes.length).toBeGreaterThan(0);
    expect(notesOf(pa)).toEqual([]);
    const seen = JSON.stringify([pa.views, pa.welcomes, pa.others]);
    for (const n of notes) expect(seen).not.toContain(n.reasoning);
    for (const r of [b, c]) expect(seen).not.toContain(secret(r));
    expect(botsOf(created.roomId).stats.refused).toEqual([]);
  });
});
