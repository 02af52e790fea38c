import { describe, expect, it } from 'vitest';
import { currentTurn, publicScenario, viewFor, type GameState } from '../../../shared/engine/index.js';
import { decide } from '../../../shared/bots/bot.js';
import { strategy } from '../../../shared/bots/strategies.js';
import type { Strategy } from '../../../shared/bots/types.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { run, toMoves } from './helpers.js';

const s = miniScenario();
const pub = publicScenario(s);
const ask = (state: GameState, seat: string, strat: Strategy = strategy('linear')) =>
  decide({ view: viewFor(s, state, seat), scenario: pub, strategy: strat, memory: null, rng: 42 });

describe('bot decisions (mini scenario)', () => {
  it('says ready once outside the moves phase and waits when it is not its turn', () => {
    const state = run(s, toMoves(s), []);
    expect(state.phase).toBe('moves');
    const other = state.turnOrder.find((r) => r !== currentTurn(state))!;
    expect(ask(state, other).action).toBeNull();
    const news = run(s, state, [
      ['facilitator', { type: 'advance' }],
      ['facilitator', { type: 'advance' }],
    ]);
    expect(news.phase).toBe('news');
    expect(ask(news, 'a').action).toEqual({ type: 'ready', phase: 'news', round: news.round });
    const readied = run(s, news, [['a', { type: 'ready' }]]);
    expect(ask(readied, 'a').action).toBeNull();
  });

  it('opens with a package on its own ideal that avoids its red lines', () => {
    const state = toMoves(s);
    expect(currentTurn(state)).toBe('a');
    const d = ask(state, 'a', strategy('boulware'));
    expect(d.action?.type).toBe('propose');
    if (d.action?.type !== 'propose') return;
    for (const [i, o] of Object.entries(d.action.terms)) {
      const best = Math.max(...Object.values(s.roles[0].points[i]));
      expect(s.roles[0].points[i][o]).toBe(best);
    }
    expect(d.reason.length).toBeGreaterThan(10);
    expect(d.reason).not.toMatch(/\d/);
    expect(d.privateReasoning).toMatch(/aspiration/);
  });

  it('never accepts an offer that crosses its red line, however late', () => {
    // a proposes land.x (b's red line) with a generous guarantee; b must not accept.
    let state = toMoves(s);
    state = run(s, state, [['a', { type: 'propose', to: ['b'], terms: { land: 'x' } }]]);
    expect(currentTurn(state)).toBe('b');
    const d = ask(state, 'b', strategy('conceder'));
    expect(d.action?.type).not.toBe('accept');
  });

  it('accepts a package that gives it its best terms', () => {
    let state = toMoves(s);
    // b's best: land z (50), guard p (40).
    state = run(s, state, [['a', { type: 'propose', to: ['b', 'c'], terms: { land: 'z', guard: 'p' } }]]);
    // A careless bot takes it; a careful one would not let land settle with the guarantee in one package (issue 10).
    const d = ask(state, 'b', strategy('linear', false));
    expect(d.action).toEqual({ type: 'accept', offer: state.offers[0].id });
    expect(ask(state, 'b', strategy('linear', true)).action?.type).not.toBe('accept');
  });

  it('a careful sequencing role will not settle the later issue before the first one', () => {
    let state = toMoves(s);
    // b is the sequencing role (land before guard hurts it); land z is b's best option.
    state = run(s, state, [['a', { type: 'propose', to: ['b'], terms: { land: 'z' } }]]);
    expect(ask(state, 'b', strategy('conceder', true)).action?.type).not.toBe('accept');
    expect(ask(state, 'b', strategy('conceder', false)).action).toEqual({ type: 'accept', offer: state.offers[0].id });
  });

  it('signs once the required clauses are settled and the deal beats its walk-away', () => {
    let state = toMoves(s);
    state = run(s, state, [
      ['a', { type: 'propose', to: ['b', 'c'], terms: { land: 'y', guard: 'p' } }],
      ['b', { type: 'accept', offer: 'o1' }],
      ['c', { type: 'accept', offer: 'o1' }],
    ]);
    expect(Object.keys(state.clauses).sort()).toEqual(['guard', 'land']);
    // All three have moved: on through resolution, news and talks to round 2's moves.
    expect(state.phase).toBe('resolution');
    state = run(s, state, [
      ['facilitator', { type: 'advance' }],
      ['facilitator', { type: 'advance' }],
      ['facilitator', { type: 'advance' }],
    ]);
    expect(state.phase).toBe('moves');
    const seat = currentTurn(state)!;
    expect(ask(state, seat).action).toEqual({ type: 'sign' });
  });

  it('is deterministic: the same input gives the same decision', () => {
    const state = toMoves(s);
    expect(ask(state, 'a', strategy('tft'))).toEqual(ask(state, 'a', strategy('tft')));
  });
});
