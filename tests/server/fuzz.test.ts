import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app.js';
import { SqliteStorage } from '../../server/storage/sqlite.js';
import { ACTION_RULES, replay, viewFor } from '../../shared/engine/index.js';
import { miniScenario } from '../fixtures/mini-scenario.js';
import { bootServer, createTable, Player, until } from './helpers.js';

// Real clients throw tens of thousands of random and malformed messages at a live table.
const FUZZ_MESSAGES = 40_000;
const CODE = /^[a-z_]+\/[a-z_]+$/;

const dir = mkdtempSync(join(tmpdir(), 'negotiation-fuzz-'));
const scenario = miniScenario();
let srv: RunningServer;
let t: { code: string; facilitatorKey: string; roomId: string };
let fac: Player;

beforeAll(async () => {
  // The rate limit is raised here so the fuzzers reach the rules; the limiter has its own test below.
  srv = await bootServer({
    storage: new SqliteStorage(join(dir, 'fuzz.sqlite')),
    scenarios: new Map([['mini', scenario]]),
    rateLimit: { perSecond: 1e6, burst: 1e6 },
  });
  t = await createTable(srv, { scenario: 'mini' });
  fac = await Player.join(srv, t.roomId, { role: 'facilitator', name: 'T', facilitatorKey: t.facilitatorKey }, 'fac');
});
afterAll(async () => {
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Deterministic randomness, so a failure can be reproduced. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), s | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick };
}

/** An object with an own (not inherited) key such as __proto__, as JSON.parse would make it. */
const withOwn = (key: string, value: unknown, rest: Record<string, unknown>) => {
  const o: Record<string, unknown> = { ...rest };
  Object.defineProperty(o, key, { value, enumerable: true, configurable: true, writable: true });
  return o;
};

// Every action the engine knows (its own table of rules), so a new action is fuzzed too.
const ACTION_TYPES = Object.keys(ACTION_RULES);
const NASTY_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const TYPES: (string | number)[] = [
  'act',
  'act',
  'act',
  'act',
  'sync',
  'kick',
  'reassign',
  'ACT',
  'act ',
  '',
  'unknown',
  0,
  1,
  255,
  -1,
  ...NASTY_KEYS,
];

function generator(seed: number, offerIds: () => string[]) {
  const r = rng(seed);
  const big = (n: number) => 'x'.repeat(n);
  const junk = (): unknown =>
    r.pick<() => unknown>([
      () => r.int(1e9) - 5e8,
      () => r.next(),
      () => Number.MAX_SAFE_INTEGER * 4,
      () => -0,
      () => true,
      () => null,
      () => undefined,
      () => '',
      () => big(r.pick([10, 100, 600, 2000, 9000, 30_000])),
      () => '\u0000\u202e\ud800<script>alert(1)</script>',
      () => [],
      () => [1, 'a', null],
      () => ({}),
      () => ({ type: 'chat' }),
      () => withOwn(r.pick(NASTY_KEYS), { polluted: true }, {}),
      () => {
        let o: unknown = 'deep';
        for (let i = 0; i < 60; i++) o = { a: o };
        return o;
      },
    ])();
  const roles = ['a', 'b', 'c', 'facilitator', 'system', 'observer', 'zz', 'A', '__proto__'];
  const plausibleAction = (): Record<string, unknown> => {
    const type = r.pick(ACTION_TYPES);
    const a: Record<string, unknown> = { type };
    if (type === 'propose' || type === 'counter') {
      a.to = [r.pick(roles)];
      a.terms = r.pick([{ land: 'x' }, { land: 'y', guard: 'p' }, { nope: 'x' }, { land: 'nope' }, {}]);
      if (r.next() < 0.3) a.inReturn = { role: r.pick(roles), lever: 'l1' };
    }
    if (['accept', 'reject', 'counter', 'withdraw'].includes(type)) a.offer = r.pick([...offerIds(), 'o1', 'o999', '']);
    if (type === 'chat') {
      a.channel = r.pick(['public', 'bi:a:b', 'bi:b:c', 'bi:a:c', 'bi:a:a', 'wg:none', 'private']);
      a.text = r.pick(['hello', '', big(501), big(999), '<b>bold</b>']);
    }
    if (type === 'refuse_channel') Object.assign(a, { with: r.pick(roles), refuse: r.next() < 0.5 });
    if (type === 'lever') a.lever = r.pick(['l1', 'l2', 'nope']);
    if (type === 'inject') a.event = r.pick(['e1', 'nope']);
    if (type === 'extend') a.seconds = r.pick([5, 10, 60, 99999, 1.5]);
    return a;
  };
  const mutate = (o: Record<string, unknown>): Record<string, unknown> => {
    const keys = Object.keys(o);
    if (r.next() < 0.5) return o;
    switch (r.int(6)) {
      case 0:
        return o;
      case 1:
        return { ...o, [r.pick(['extra', 'seat', 'state', 'ref2'])]: junk() };
      case 2:
        return keys.length ? { ...o, [r.pick(keys)]: junk() } : o;
      case 3: {
        const c = { ...o };
        if (keys.length) delete c[r.pick(keys)];
        return c;
      }
      case 4:
        return withOwn(r.pick(NASTY_KEYS), r.pick([{ polluted: true }, 'x', 1]), o);
      default:
        return o;
    }
  };
  /** One message: [type, payload, ref it carries or undefined]. */
  return (i: number): [string | number, unknown, string | undefined] => {
    const ref = r.next() < 0.9 ? `f${seed}-${i}` : undefined;
    const type = r.next() < 0.7 ? 'act' : r.pick(TYPES);
    const roll = r.next();
    let payload: unknown;
    if (roll < 0.6) payload = mutate({ ref, action: mutate(plausibleAction()) });
    else if (roll < 0.75)
      payload = mutate({
        ref,
        sessionId: r.pick(['x', 'facilitator', big(70)]),
        from: r.pick(roles),
        to: r.pick(roles),
      });
    else if (roll < 0.85)
      payload = { ref, action: plausibleAction(), pad: big(9000) }; // over the size limit
    else payload = r.next() < 0.5 ? junk() : withOwn('ref', ref, { action: junk() });
    // Frames over the size limit are refused before they are decoded, so their refusal cannot name the ref.
    // So are types that shadow Object.prototype members (refused from the frame's header alone).
    const small = (JSON.stringify(payload) ?? '').length < 7000 && !NASTY_KEYS.includes(String(type));
    return [
      type,
      payload,
      small && ref && payload && typeof payload === 'object' && (payload as { ref?: unknown }).ref === ref
        ? ref
        : undefined,
    ];
  };
}

describe('fuzzing a live table', () => {
  it(`${FUZZ_MESSAGES} random and malformed messages: no crash, every refusal coded, state only from logged actions`, async () => {
    await fac.must({ type: 'start' });
    await fac.must({ type: 'advance' }); // talks: chat and offers are possible
    const witness = await Player.join(srv, t.roomId, { role: 'c', name: 'Witness' }, 'c');
    const fuzzers = [
      await Player.join(srv, t.roomId, { role: 'a', name: 'Fuzz A' }, 'a'),
      await Player.join(srv, t.roomId, { role: 'b', name: 'Fuzz B' }, 'b'),
      await Player.join(srv, t.roomId, { role: 'observer', name: 'Fuzz O' }, 'o'),
    ];
    const offerIds = () => fac.view.offers.map((o) => o.id);

    // The witness keeps talking normally throughout and must keep being served.
    let witnessOk = 0;
    let stop = false;
    const witnessLoop = (async () => {
      for (let i = 0; !stop; i++) {
        const r = await witness.act({ type: 'chat', channel: 'public', text: `still here ${i}` });
        if ('ack' in r) witnessOk++;
        else if (
          !['game/wrong_phase', 'game/ended', 'game/paused'].some((c) => r.error.code.startsWith(c.split('/')[0]))
        )
          throw new Error(JSON.stringify(r));
        await new Promise((res) => setTimeout(res, 20));
      }
    })();

    // Half the messages arrive during talks, half during formal moves (where turn order applies).
    const perFuzzer = Math.ceil(FUZZ_MESSAGES / fuzzers.length / 2) * 2;
    const gens = fuzzers.map((_, k) => generator(1000 + k, offerIds));
    const refsWithReply = new Set<string>();
    const fuzzHalf = (half: number) =>
      Promise.all(
        fuzzers.map(async (p, k) => {
          const expected: string[] = [];
          const sent = new Map<string, unknown>();
          const base = p.acks.length + p.errors.length;
          const count = perFuzzer / 2;
          for (let i = 0; i < count; i++) {
            const [type, payload, ref] = gens[k](half * count + i);
            if (ref) {
              expected.push(ref);
              sent.set(ref, [type, payload]);
            }
            p.room.send(type as string, payload);
            // Keep a window in flight rather than flooding the socket buffer.
            if (i % 200 === 199)
              await until(() => p.acks.length + p.errors.length - base >= i - 400, `${p.label} replies`, 20_000);
          }
          await until(
            () => p.acks.length + p.errors.length - base >= count,
            `${p.label}: a reply to every message`,
            30_000,
          );
          for (const m of [...p.acks, ...p.errors]) if (m.ref) refsWithReply.add(m.ref);
          for (const ref of expected)
            expect(refsWithReply.has(ref), `reply to ${ref}: ${JSON.stringify(sent.get(ref))?.slice(0, 300)}`).toBe(
              true,
            );
          expect(p.acks.length + p.errors.length - base).toBe(count);
        }),
      );
    await fuzzHalf(0);
    if (fac.view.phase === 'talks') await fac.must({ type: 'advance' });
    await fuzzHalf(1);
    stop = true;
    await witnessLoop;

    const errors = fuzzers.flatMap((p) => p.errors);
    const acks = fuzzers.flatMap((p) => p.acks);
    expect(errors.length + acks.length).toBeGreaterThanOrEqual(FUZZ_MESSAGES);
    // Every refusal carries a code of the form area/reason and a readable message.
    const badCodes = errors.filter(
      (e) => typeof e.code !== 'string' || !CODE.test(e.code) || typeof e.message !== 'string' || !e.message,
    );
    expect(badCodes.slice(0, 5)).toEqual([]);
    expect(witnessOk).toBeGreaterThanOrEqual(3); // served while the fuzzers were at it
    expect(await witness.act({ type: 'chat', channel: 'public', text: 'after the storm' })).toMatchObject({ ack: {} });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);

    // The table's state is exactly the replay of its stored log: no refused message left a trace.
    const log = await srv.storage.actions(t.roomId);
    const table = (await srv.storage.getTable(t.roomId))!;
    const seqAcked = new Set([...acks, ...witness.acks, ...fac.acks].map((a) => a.seq));
    expect(log.length).toBe(Math.max(...seqAcked));
    fac.room.send('sync', { ref: 'final-sync' });
    await until(() => fac.acks.some((a) => a.ref === 'final-sync'), 'final sync');
    await new Promise((res) => setTimeout(res, 100));
    const rebuilt = viewFor(scenario, replay(scenario, table.options, log), 'facilitator');
    expect(fac.view).toEqual(JSON.parse(JSON.stringify(rebuilt)));
    const codes = new Map<string, number>();
    for (const e of errors) codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
    console.log(
      `fuzz: ${errors.length} refusals, ${acks.length} acks; codes:`,
      Object.fromEntries([...codes].sort((x, y) => y[1] - x[1])),
    );
  }, 90_000);

  it("malformed messages alone leave the facilitator's view exactly as it was", async () => {
    const o = await Player.join(srv, t.roomId, { role: 'observer', name: 'Prober' }, 'probe');
    fac.room.send('sync', { ref: 'before' });
    await until(() => fac.acks.some((a) => a.ref === 'before'), 'sync');
    const before = JSON.stringify(fac.view);
    const viewsBefore = fac.views.length;
    const shapes: [string, unknown][] = [
      ['act', { ref: 'm1', action: { type: 'end', extra: 1 } }],
      ['act', { ref: 'm2', action: { type: 'advance' }, seat: 'facilitator' }],
      ['act', withOwn('__proto__', { type: 'end' }, { ref: 'm3' })],
      ['act', { ref: 'm4', action: withOwn('__proto__', { type: 'end' }, {}) }],
      ['act', { ref: 'm5', action: { type: 'chat', channel: 'public', text: 'x'.repeat(9000) } }],
      ['act', { ref: 'm6', action: 'end' }],
      ['kick', { ref: 'm7', sessionId: fac.room.sessionId }],
      ['reassign', { ref: 'm8', from: 'a', to: 'observer' }],
      ['act', { ref: 'm9', action: { type: 'end' } }], // observers cannot act
    ];
    for (const [type, payload] of shapes) o.room.send(type, payload);
    await until(() => o.errors.length >= shapes.length, 'every refusal', 5000);
    expect(o.errors.map((e) => e.ref)).toEqual(shapes.map(([, p]) => (p as { ref: string }).ref));
    expect(o.acks).toEqual([]);
    fac.room.send('sync', { ref: 'after' });
    await until(() => fac.acks.some((a) => a.ref === 'after'), 'sync');
    expect(fac.views.length).toBeGreaterThan(viewsBefore);
    expect(JSON.stringify(fac.view)).toBe(before);
  });

  it('message types naming Colyseus internals get a coded refusal, not a dropped connection', async () => {
    const p = await Player.join(srv, t.roomId, { role: 'observer', name: 'Internals' }, 'internals');
    for (const type of ['__no_message_handler', '*', '__proto__', 'constructor']) {
      expect(await p.request(type, { action: { type: 'end' } }).catch((e: Error) => e.message)).toMatchObject({
        error: { code: 'protocol/unknown_type' },
      });
    }
  });

  it('garbage frames and oversized frames cost only the sender its connection', async () => {
    const bad = await Player.join(srv, t.roomId, { role: 'observer', name: 'Garbage' }, 'g');
    const r = rng(99);
    for (let i = 0; i < 300; i++) {
      const bytes = new Uint8Array(1 + r.int(200)).map(() => r.int(256));
      if (i % 3 === 0) bytes[0] = 13; // ROOM_DATA with a broken body
      bad.room.connection.send(bytes);
    }
    bad.room.sendBytes('act', new Uint8Array([1, 2, 3]));
    bad.room.connection.send(new Uint8Array(200_000).fill(13));
    // The server still answers (a bot switch: 'sync' has its own tight limit and the facilitator used it above).
    const ok = await fac.request('bot', { role: 'a', on: false });
    expect(ok).toMatchObject({ ack: {} });
    // A fresh client is still welcome.
    const again = await Player.join(srv, t.roomId, { role: 'observer', name: 'Fresh' }, 'fresh');
    expect(await again.request('sync')).toMatchObject({ ack: {} });
  });
});

describe('the rate limiter (default limits)', () => {
  it('refuses a flood with protocol/rate_limited, serves the sender again later, and spares others', async () => {
    const limited = await bootServer({ scenarios: new Map([['mini', scenario]]) });
    try {
      const tt = await createTable(limited, { scenario: 'mini' });
      const flood = await Player.join(limited, tt.roomId, { role: 'a', name: 'Flood' }, 'a');
      const calm = await Player.join(limited, tt.roomId, { role: 'b', name: 'Calm' }, 'b');
      // A message the room answers at once, with a refusal of its own (a delegation may not switch bots).
      const cheap = { role: 'b', on: false };
      for (let i = 0; i < 200; i++) flood.room.send('bot', { ref: `s${i}`, ...cheap });
      await until(() => flood.acks.length + flood.errors.length >= 200, 'replies to the flood');
      const limitedCount = flood.errors.filter((e) => e.code === 'protocol/rate_limited').length;
      const served = flood.errors.filter((e) => e.code === 'seat/facilitator_only').length;
      expect(served).toBeGreaterThan(0);
      expect(limitedCount).toBeGreaterThan(100);
      expect(limitedCount + served).toBe(200);
      expect(await calm.request('sync')).toMatchObject({ ack: {} });
      await new Promise((res) => setTimeout(res, 1100));
      expect(await flood.request('bot', cheap)).toMatchObject({ error: { code: 'seat/facilitator_only' } });
    } finally {
      await limited.stop();
    }
  });
});
