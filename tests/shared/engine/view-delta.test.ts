import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyAction,
  applyViewDelta,
  createGame,
  fullView,
  viewDelta,
  viewFor,
  type SentView,
  type View,
} from '../../../shared/engine/index.js';
import { loadScenarioFile, SCENARIO_DIR } from '../../../server/scenarios.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { randomStates, rng } from './random-play.js';

describe.each([
  ['mini', miniScenario()],
  ['ukraine', loadScenarioFile(join(SCENARIO_DIR, 'ukraine.json'))],
] as const)('view deltas (%s)', (_name, s) => {
  it("a whole view plus every delta since is always exactly the seat's current view", () => {
    const seats = [...s.roles.map((r) => r.id), 'observer', 'facilitator'];
    let deltas = 0;
    let quiet = 0;
    let merges = 0;
    for (let game = 0; game < 12; game++) {
      const r = rng(100 + game);
      let st = createGame(s, {
        seed: game,
        phaseSeconds: game % 2 ? { news: 5, talks: 20, moves: 10, resolution: 5 } : undefined,
      });
      const sent = new Map<string, SentView>();
      const client = new Map<string, View>();
      for (const seat of seats) {
        const f = fullView(s, st, seat);
        expect(JSON.stringify(f.view)).toBe(JSON.stringify(viewFor(s, st, seat)));
        sent.set(seat, f.sent);
        client.set(seat, f.view);
      }
      for (const next of randomStates(s, st, r, 300)) {
        st = next;
        for (const who of seats) {
          const d = viewDelta(s, who, sent.get(who)!, st)!;
          sent.set(who, d.sent);
          const want = viewFor(s, st, who);
          if (!d.delta) {
            quiet++;
            expect(client.get(who)).toEqual(want);
            continue;
          }
          deltas++;
          // A delta carries only what this seat's own view holds now.
          for (const [k, v] of Object.entries(d.delta.set)) expect(v).toEqual(want[k as keyof View]);
          for (const [k, part] of Object.entries(d.delta.merge ?? {}))
            for (const [e, v] of Object.entries(part!))
              expect(v).toEqual((want[k as keyof View] as Record<string, unknown>)[e]);
          if (d.delta.merge) merges++;
          expect(want.chat).toEqual(expect.arrayContaining(d.delta.chat?.add ?? []));
          expect(want.timeline).toEqual(expect.arrayContaining(d.delta.timeline?.add ?? []));
          const merged = applyViewDelta(client.get(who)!, d.delta)!;
          expect(JSON.stringify(merged)).toBe(JSON.stringify(want));
          client.set(who, merged);
        }
      }
    }
    expect(deltas).toBeGreaterThan(500);
    expect(quiet).toBeGreaterThan(50);
    expect(merges).toBeGreaterThan(10);
  });

  it('a new round sends a delegation only the entries of its private information that moved, not its whole brief again', () => {
    const a = s.roles[0].id;
    let st = createGame(s, { seed: 2 });
    const play = (seat: string, action: Parameters<typeof applyAction>[1]) => {
      const r = applyAction(st, action, { scenario: s, seat, now: 1 });
      if (r.ok) st = r.state;
      return r.ok;
    };
    play('facilitator', { type: 'start' });
    const { sent } = fullView(s, st, a);
    const round = st.round;
    for (let i = 0; i < 40 && st.round === round && st.phase !== 'ended'; i++) play('facilitator', { type: 'advance' });
    expect(st.round).toBe(round + 1);
    const d = viewDelta(s, a, sent, st)!.delta!;
    expect(d.set).not.toHaveProperty('me');
    expect(d.merge?.me).toBeDefined();
    expect(d.merge!.me).not.toHaveProperty('role');
    expect(JSON.stringify(applyViewDelta(fullView(s, sent.state, a).view, d))).toBe(JSON.stringify(viewFor(s, st, a)));
  });

  it("a delta that does not follow on from the client's view is refused, so the client asks for the whole view", () => {
    let st = createGame(s, { seed: 1 });
    const a = s.roles[0].id;
    const { sent, view } = fullView(s, st, a);
    st = (
      applyAction(st, { type: 'chat', channel: 'public', text: 'one' }, { scenario: s, seat: a, now: 1 }) as {
        state: typeof st;
      }
    ).state;
    const d = viewDelta(s, a, sent, st)!.delta!;
    expect(d.chat).toEqual({ from: 0, add: [expect.objectContaining({ text: 'one' })] });
    expect(applyViewDelta(view, d)!.chat.map((m) => m.text)).toEqual(['one']);
    expect(applyViewDelta(applyViewDelta(view, d)!, d)).toBeNull();
  });

  it('a state that does not follow on from the sent one cannot be diffed', () => {
    const a = s.roles[0].id;
    const st = createGame(s, { seed: 1 });
    const later = (
      applyAction(st, { type: 'chat', channel: 'public', text: 'one' }, { scenario: s, seat: a, now: 1 }) as {
        state: typeof st;
      }
    ).state;
    expect(viewDelta(s, a, fullView(s, later, a).sent, st)).toBeNull();
  });
});
