import { describe, expect, it } from 'vitest';
import { createGame, currentTurn, entries } from '../../../shared/engine/index.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { Table } from './helpers.js';

const s = miniScenario();
const SECS = { news: 10, talks: 60, moves: 20, resolution: 5 };

describe('a new game', () => {
  it('starts in setup with the scenario meters, a full deck and nothing else', () => {
    const g = createGame(s, { seed: 4 });
    expect(g).toMatchObject({
      scenarioId: 'mini',
      phase: 'setup',
      round: 0,
      seed: 4,
      config: { rounds: 3, phaseSeconds: { news: 0, talks: 0, moves: 0, resolution: 0 } },
      meters: { heat: 50, trust: 40, support: 60 },
      deck: ['e1', 'e2'],
      offers: [],
      clauses: {},
      signatures: [],
      outcome: null,
      deadline: null,
      walkAwayShift: { a: 0, b: 0, c: 0 },
      warCost: { a: 0, b: 0, c: 0 },
      leversUsed: { a: {}, b: {}, c: {} },
    });
    expect(Object.isFrozen(g)).toBe(false); // frozen by the first applied action only
  });

  it('rounds are clamped to 1..max, phase seconds overridable', () => {
    expect(createGame(s, { seed: 1, rounds: 99 }).config.rounds).toBe(4);
    expect(createGame(s, { seed: 1, rounds: 0 }).config.rounds).toBe(1);
    expect(createGame(s, { seed: 1, rounds: 2.7 }).config.rounds).toBe(2);
    expect(createGame(s, { seed: 1, phaseSeconds: { talks: 90 } }).config.phaseSeconds).toEqual({
      news: 0,
      talks: 90,
      moves: 0,
      resolution: 0,
    });
  });
});

describe('phases', () => {
  it('start: round 1 news with an event card drawn from the deck; states are frozen', () => {
    const t = new Table(s);
    t.ok('facilitator', { type: 'start' });
    expect(t.state).toMatchObject({ phase: 'news', round: 1, turnOrder: ['a', 'b', 'c'] });
    expect(t.state.eventsDrawn).toHaveLength(1);
    expect(t.state.deck).toHaveLength(1);
    expect(t.state.deck).not.toContain(t.state.event);
    expect(Object.isFrozen(t.state)).toBe(true);
    expect(Object.isFrozen(t.state.meters)).toBe(true);
  });

  it('the system clock may start a table too', () => {
    const t = new Table(s);
    t.ok('system', { type: 'start' });
    expect(t.state.phase).toBe('news');
  });

  it('advance walks news -> talks -> moves -> resolution -> next round, and ends after the last', () => {
    const t = new Table(s, { seed: 1, rounds: 2 });
    const seen: string[] = [];
    t.ok('facilitator', { type: 'advance' }); // setup -> news (same as start)
    while (t.state.phase !== 'ended') {
      seen.push(`${t.state.round}:${t.state.phase}`);
      t.ok('facilitator', { type: 'advance' });
    }
    expect(seen).toEqual([
      '1:news',
      '1:talks',
      '1:moves',
      '1:resolution',
      '2:news',
      '2:talks',
      '2:moves',
      '2:resolution',
    ]);
    expect(t.state.outcome!.kind).toBe('no_deal');
    // One event card per round.
    expect(t.state.eventsDrawn.map((e) => e.round)).toEqual([1, 2]);
  });

  it('the deck is drawn without replacement, then reshuffled', () => {
    const t = new Table(s, { seed: 2, rounds: 4 });
    t.ok('facilitator', { type: 'start' });
    for (let r = 2; r <= 3; r++) {
      while (t.state.round < r) t.ok('facilitator', { type: 'advance' });
    }
    const ids = t.state.eventsDrawn.map((e) => e.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids.slice(0, 2)).size).toBe(2);
  });

  it('turn order rotates by round', () => {
    const t = new Table(s, { seed: 1, rounds: 4 }).toMoves();
    const orders: string[][] = [];
    for (let r = 1; r <= 4; r++) {
      expect(t.state.round).toBe(r);
      orders.push([...t.state.turnOrder]);
      const moved: string[] = [];
      while (t.state.phase === 'moves') {
        moved.push(t.turn());
        t.ok(t.turn(), { type: 'pass' });
      }
      expect(moved).toEqual(orders[r - 1]);
      if (r < 4) t.nextMoves();
    }
    expect(orders).toEqual([
      ['a', 'b', 'c'],
      ['b', 'c', 'a'],
      ['c', 'a', 'b'],
      ['a', 'b', 'c'],
    ]);
  });

  it('pass uses the move and is logged; the last move of the round opens the resolution', () => {
    const t = new Table(s).toMoves();
    t.ok('a', { type: 'pass' });
    expect(entries(t.state.timeline).at(-1)).toMatchObject({ kind: 'pass', seat: 'a', text: 'Role A passes.' });
    expect(currentTurn(t.state)).toBe('b');
    t.ok('b', { type: 'pass' });
    t.ok('c', { type: 'pass' });
    expect(t.state.phase).toBe('resolution');
    expect(currentTurn(t.state)).toBeNull();
  });
});

describe('ready', () => {
  it('in setup, every delegation ready starts the game', () => {
    const t = new Table(s);
    t.ok('a', { type: 'ready' });
    t.ok('b', { type: 'ready' });
    expect(t.state.ready).toEqual(['a', 'b']);
    const again = t.try('b', { type: 'ready' });
    expect(again.ok && again.state).toBe(t.state); // ready twice changes nothing
    t.ok('c', { type: 'ready' });
    expect(t.state).toMatchObject({ phase: 'news', round: 1, ready: [] });
  });

  it('ends news, talks and resolution early; not used in moves', () => {
    const t = new Table(s);
    t.ok('facilitator', { type: 'start' });
    for (const phase of ['news', 'talks'] as const) {
      expect(t.state.phase).toBe(phase);
      for (const r of ['a', 'b', 'c']) t.ok(r, { type: 'ready' });
    }
    expect(t.state.phase).toBe('moves');
    t.err('a', { type: 'ready' }, 'phase/wrong_phase');
    t.passRest();
    for (const r of ['c', 'b', 'a']) t.ok(r, { type: 'ready' });
    expect(t.state).toMatchObject({ phase: 'news', round: 2 });
  });
});

describe('timers and tick', () => {
  it('each phase gets its deadline; tick before it is refused, at it the phase advances', () => {
    const t = new Table(s, { seed: 1, phaseSeconds: SECS });
    t.now = 1000;
    t.ok('facilitator', { type: 'start' });
    expect(t.state.deadline).toBe(11_000);
    t.now = 10_999;
    t.err('system', { type: 'tick' }, 'timer/not_due');
    t.now = 11_000;
    t.ok('system', { type: 'tick' });
    expect(t.state).toMatchObject({ phase: 'talks', deadline: 71_000 });
    t.now = 80_000; // late ticks still advance, from the tick's time
    t.ok('system', { type: 'tick' });
    expect(t.state).toMatchObject({ phase: 'moves', deadline: 100_000 });
  });

  it('in moves the turn has its own timer; when it runs out that delegation passes', () => {
    const t = new Table(s, { seed: 1, phaseSeconds: SECS });
    t.ok('facilitator', { type: 'start' });
    t.ok('facilitator', { type: 'advance' });
    t.ok('facilitator', { type: 'advance' });
    expect(t.turn()).toBe('a');
    t.now += 5_000;
    t.ok('a', { type: 'pass' }); // a real move restarts the clock for the next delegation
    expect(t.state.deadline).toBe(t.now + 20_000);
    t.now = t.state.deadline!;
    t.ok('system', { type: 'tick' });
    expect(t.state.moved).toEqual(['a', 'b']);
    expect(entries(t.state.timeline).at(-1)).toMatchObject({
      kind: 'pass',
      seat: 'b',
      text: 'Role B ran out of time and passes.',
    });
    expect(t.turn()).toBe('c');
    t.now = t.state.deadline!;
    t.ok('system', { type: 'tick' });
    expect(t.state).toMatchObject({ phase: 'resolution', deadline: t.now + 5_000 });
  });

  it('pause freezes the clock; resume restores the time that was left', () => {
    const t = new Table(s, { seed: 1, phaseSeconds: SECS });
    t.now = 0;
    t.ok('facilitator', { type: 'start' }); // deadline 10 000
    t.now = 4_000;
    t.ok('facilitator', { type: 'pause' });
    expect(t.state).toMatchObject({ paused: true, deadline: null, pausedLeft: 6_000 });
    t.now = 500_000;
    t.err('system', { type: 'tick' }, 'game/paused');
    t.ok('facilitator', { type: 'resume' });
    expect(t.state).toMatchObject({ paused: false, deadline: 506_000, pausedLeft: null });
    expect(
      entries(t.state.timeline)
        .slice(-2)
        .map((e) => e.kind),
    ).toEqual(['pause', 'resume']);
  });

  it('extend adds time to the running or the paused clock', () => {
    const t = new Table(s, { seed: 1, phaseSeconds: SECS });
    t.now = 0;
    t.ok('facilitator', { type: 'start' });
    t.ok('facilitator', { type: 'extend', seconds: 30 });
    expect(t.state.deadline).toBe(40_000);
    t.now = 10_000;
    t.ok('facilitator', { type: 'pause' });
    t.ok('facilitator', { type: 'extend', seconds: 15 });
    expect(t.state.pausedLeft).toBe(45_000);
    t.now = 20_000;
    t.ok('facilitator', { type: 'resume' });
    expect(t.state.deadline).toBe(65_000);
  });

  it('a paused table still takes chat, injects, extend and end; formal moves wait', () => {
    const t = new Table(s).toMoves();
    t.ok('facilitator', { type: 'pause' });
    t.ok('a', { type: 'chat', channel: 'public', text: 'waiting' });
    t.ok('facilitator', { type: 'inject', event: 'e2' });
    t.err('a', { type: 'pass' }, 'game/paused');
    t.err('a', { type: 'withdraw', offer: 'o1' }, 'game/paused');
    t.ok('facilitator', { type: 'end' });
    expect(t.state).toMatchObject({ phase: 'ended', paused: false, pausedLeft: null, deadline: null });
  });

  it('untimed phases have no deadline', () => {
    const t = new Table(s).toMoves();
    expect(t.state.deadline).toBeNull();
  });
});
