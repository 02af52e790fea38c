import { describe, expect, it } from 'vitest';
import {
  applyViewDelta,
  createGame,
  fullView,
  historyPage,
  viewDelta,
  viewFor,
  type SentView,
  type View,
} from '../../../shared/engine/index.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { randomStates, rng } from './random-play.js';

const s = miniScenario();
const LIMIT = 4;

/** The seat's whole chat and timeline, rebuilt from a bounded view by paging back with historyPage. */
function pagedBack(st: Parameters<typeof historyPage>[1], seat: string, v: View): Pick<View, 'chat' | 'timeline'> {
  const out = { chat: [...v.chat], timeline: [...v.timeline] } as Pick<View, 'chat' | 'timeline'>;
  for (const channel of ['chat', 'timeline'] as const) {
    let before = (channel === 'chat' ? v.chatFrom : v.timelineFrom) ?? 0;
    while (before > 0) {
      const p = historyPage(s, st, seat, channel, before, 3);
      expect(p.from + p.items.length).toBe(before);
      (out[channel] as unknown[]).unshift(...p.items);
      before = p.from;
    }
  }
  return out;
}

describe('bounded whole views and history pages', () => {
  it("a bounded view plus deltas, paged back, is exactly the seat's whole chat and timeline", () => {
    const seats = [...s.roles.map((r) => r.id), 'observer', 'facilitator'];
    let bounded = 0;
    for (let game = 0; game < 6; game++) {
      const r = rng(500 + game);
      let st = createGame(s, { seed: game });
      const sent = new Map<string, SentView>();
      const client = new Map<string, View>();
      for (const next of randomStates(s, st, r, 200)) {
        st = next;
        for (const who of seats) {
          // Now and then a seat (re)joins: a bounded whole view, then deltas must follow on from it.
          if (!sent.has(who) || r(10) === 0) {
            const f = fullView(s, st, who, LIMIT);
            expect(f.view.chat.length).toBeLessThanOrEqual(LIMIT);
            expect(f.view.timeline.length).toBeLessThanOrEqual(LIMIT);
            if (f.view.chatFrom || f.view.timelineFrom) bounded++;
            sent.set(who, f.sent);
            client.set(who, f.view);
            continue;
          }
          const d = viewDelta(s, who, sent.get(who)!, st)!;
          sent.set(who, d.sent);
          if (d.delta) {
            const next = applyViewDelta(client.get(who)!, d.delta);
            expect(next, `${who}: the delta follows on from the bounded view`).not.toBeNull();
            client.set(who, next!);
          }
        }
      }
      for (const who of seats) {
        const want = viewFor(s, st, who);
        const got = pagedBack(st, who, client.get(who)!);
        expect(JSON.stringify(got.chat)).toBe(JSON.stringify(want.chat));
        expect(JSON.stringify(got.timeline)).toBe(JSON.stringify(want.timeline));
      }
    }
    expect(bounded, 'some whole views left lines out').toBeGreaterThan(10);
  });

  it('a page never goes past either end', () => {
    const st = createGame(s, { seed: 1 });
    expect(historyPage(s, st, 'observer', 'chat', 1000, 100)).toEqual({ channel: 'chat', from: 0, items: [] });
  });
});
