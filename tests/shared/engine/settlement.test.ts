import { describe, expect, it } from 'vitest';
import { entries } from '../../../shared/engine/index.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { miniWithFish, Table } from './helpers.js';

const s = miniScenario();

describe('offers: propose, accept, reject, counter, withdraw', () => {
  it('propose records an open offer seen by its parties, and uses the move', () => {
    const t = new Table(s).toMoves();
    t.ok('a', {
      type: 'propose',
      to: ['b', 'c'],
      terms: { guard: 'p', land: 'y' },
      inReturn: { role: 'c', lever: 'push' },
      note: 'a fair split',
    });
    expect(t.lastOffer()).toEqual({
      id: 'o1',
      from: 'a',
      to: ['b', 'c'],
      terms: { guard: 'p', land: 'y' },
      inReturn: { role: 'c', lever: 'push' },
      note: 'a fair split',
      round: 1,
      status: 'open',
      answers: {},
      counterTo: null,
    });
    expect(t.state.moved).toEqual(['a']);
    expect(t.turn()).toBe('b');
    const entry = entries(t.state.timeline).at(-1)!;
    expect(entry).toMatchObject({ kind: 'propose', seat: 'a', audience: ['a', 'b', 'c'] });
    expect(entry.text).toBe('Role A proposes to Role B, Role C: Guarantee: Pledge; Land: Y.');
  });

  it('one acceptance of several does not settle; the last one does, for every party', () => {
    const t = new Table(s).toMoves();
    t.ok('a', { type: 'propose', to: ['b', 'c'], terms: { guard: 'p', land: 'y' } });
    t.ok('b', { type: 'accept', offer: 'o1' });
    expect(t.lastOffer()).toMatchObject({ status: 'open', answers: { b: 'accepted' } });
    expect(t.state.acceptances).toEqual({});
    expect(t.state.clauses).toEqual({});
    const trust = t.state.meters.trust;
    const heat = t.state.meters.heat;
    t.ok('c', { type: 'accept', offer: 'o1' });
    expect(t.lastOffer().status).toBe('accepted');
    expect(t.state.acceptances).toEqual({ guard: { a: 'p', b: 'p', c: 'p' }, land: { a: 'y', b: 'y', c: 'y' } });
    // Clauses settle in the order of the issues in the scenario; each applies its option's effects once.
    expect(t.state.clauses).toEqual({
      guard: { issue: 'guard', option: 'p', round: 1, seq: 1 },
      land: { issue: 'land', option: 'y', round: 1, seq: 2 },
    });
    expect(t.state.meters.trust).toBe(trust + 10);
    expect(t.state.meters.heat).toBe(heat - 20);
    // Land settled in the same package as the guarantee: no exemption for bundles (issue 10).
    expect(t.state.sequencingBroken).toBe(true);
  });

  it('a clause settles across offers: all signatories, the same option, whoever proposed', () => {
    const t = new Table(s).toMoves();
    // c does not sign land; its offer with a only records a's and c's acceptance.
    t.passUntil('c').ok('c', { type: 'propose', to: ['a'], terms: { land: 'z' } });
    t.toMoves(); // round 2: b, c, a
    t.ok('b', { type: 'propose', to: ['c'], terms: { land: 'z' } });
    t.ok('c', { type: 'accept', offer: 'o2' });
    expect(t.state.acceptances.land).toEqual({ b: 'z', c: 'z' });
    expect(t.state.clauses.land).toBeUndefined();
    t.ok('a', { type: 'accept', offer: 'o1' });
    expect(t.state.acceptances.land).toEqual({ a: 'z', b: 'z', c: 'z' });
    expect(t.state.clauses.land).toEqual({ issue: 'land', option: 'z', round: 2, seq: 1 });
  });

  it('signatories accepting different options settle nothing; a later acceptance replaces an earlier one', () => {
    const t = new Table(s).toMoves();
    t.passUntil('c').ok('c', { type: 'propose', to: ['a'], terms: { land: 'z' } }); // o1
    t.toMoves(); // b, c, a
    t.ok('b', { type: 'propose', to: ['c'], terms: { land: 'y' } }); // o2
    t.ok('c', { type: 'accept', offer: 'o2' });
    t.ok('a', { type: 'accept', offer: 'o1' });
    expect(t.state.acceptances.land).toEqual({ a: 'z', b: 'y', c: 'z' });
    expect(t.state.clauses.land).toBeUndefined();
  });

  it('reject closes the offer for everyone', () => {
    const t = new Table(s).toMoves();
    t.ok('a', { type: 'propose', to: ['b', 'c'], terms: { guard: 'p' } });
    t.ok('b', { type: 'reject', offer: 'o1' });
    expect(t.lastOffer()).toMatchObject({ status: 'rejected', answers: { b: 'rejected' } });
    expect(entries(t.state.timeline).at(-1)).toMatchObject({ kind: 'reject', audience: ['a', 'b', 'c'] });
  });

  it('counter: the original is countered, the counter goes to the proposer and the other recipients', () => {
    const t = new Table(s).toMoves();
    t.ok('a', { type: 'propose', to: ['b', 'c'], terms: { guard: 'p', land: 'x' } });
    t.ok('b', { type: 'counter', offer: 'o1', terms: { guard: 'p', land: 'y' }, note: 'not x' });
    expect(t.state.offers[0]).toMatchObject({ status: 'countered', answers: { b: 'rejected' } });
    expect(t.lastOffer()).toEqual({
      id: 'o2',
      from: 'b',
      to: ['a', 'c'],
      terms: { guard: 'p', land: 'y' },
      inReturn: null,
      note: 'not x',
      round: 1,
      status: 'open',
      answers: {},
      counterTo: 'o1',
    });
    expect(t.state.moved).toEqual(['a', 'b']);
    expect(entries(t.state.timeline).at(-1)).toMatchObject({
      kind: 'counter',
      text: 'Role B makes a counter-offer to Role A, Role C: Guarantee: Pledge; Land: Y.',
    });
    t.ok('c', { type: 'accept', offer: 'o2' });
    t.toMoves(); // round 2: b, c, a
    t.passUntil('a').ok('a', { type: 'accept', offer: 'o2' });
    expect(t.state.clauses.land.option).toBe('y');
  });

  it('withdraw needs no turn, works in talks and moves, and only while open', () => {
    const t = new Table(s).toMoves();
    t.ok('a', { type: 'propose', to: ['b'], terms: { land: 'y' } });
    t.passRest();
    t.ok('facilitator', { type: 'advance' }); // round 2 news
    t.ok('facilitator', { type: 'advance' }); // talks
    t.ok('a', { type: 'withdraw', offer: 'o1' });
    expect(t.lastOffer().status).toBe('withdrawn');
    expect(t.state.moved).toEqual([]);
    t.toMoves();
    t.err('b', { type: 'accept', offer: 'o1' }, 'offer/not_open');
  });

  it('inReturn: the lever is pulled when the offer is accepted by all', () => {
    const t = new Table(s).toMoves();
    const heat = t.state.meters.heat;
    t.ok('a', { type: 'propose', to: ['c'], terms: { guard: 'p' }, inReturn: { role: 'c', lever: 'push' } });
    t.passUntil('c').ok('c', { type: 'accept', offer: 'o1' });
    expect(t.state.leversUsed.c).toEqual({ push: 1 });
    expect(t.state.meters.heat).toBe(Math.min(100, heat + 10));
    expect(t.state.walkAwayShift.a).toBe(-2);
  });
});

describe('lapse', () => {
  it('an open offer survives the resolution of its own round and lapses at the next one', () => {
    const t = new Table(s).toMoves();
    t.ok('a', { type: 'propose', to: ['b'], terms: { land: 'y' } });
    t.passRest();
    expect(t.state.phase).toBe('resolution');
    expect(t.lastOffer().status).toBe('open');
    t.nextMoves(); // round 2
    expect(t.lastOffer().status).toBe('open');
    t.passRest();
    expect(t.state.phase).toBe('resolution');
    expect(t.lastOffer().status).toBe('lapsed');
  });

  it('an offer lapses when one of its issues settles on another option elsewhere', () => {
    const t = new Table(s).toMoves();
    t.ok('a', { type: 'propose', to: ['c'], terms: { guard: 'p' } }); // o1
    t.ok('b', { type: 'propose', to: ['c'], terms: { guard: 'q', land: 'z' } }); // o2
    t.ok('c', { type: 'accept', offer: 'o1' });
    expect(t.state.clauses.guard.option).toBe('p');
    expect(t.state.offers[1].status).toBe('lapsed');
  });

  it('an offer on the same option as the settled clause stays open and still counts', () => {
    const t = new Table(s).toMoves();
    t.ok('a', { type: 'propose', to: ['c'], terms: { guard: 'p' } }); // o1
    t.ok('b', { type: 'propose', to: ['a'], terms: { guard: 'p', land: 'z' } }); // o2
    t.ok('c', { type: 'accept', offer: 'o1' });
    expect(t.state.offers[1].status).toBe('open');
    t.toMoves(); // round 2: b, c, a
    t.passUntil('a').ok('a', { type: 'accept', offer: 'o2' });
    expect(t.state.clauses.guard).toEqual({ issue: 'guard', option: 'p', round: 1, seq: 1 });
    expect(t.state.clauses.land.option).toBe('z');
  });

  it('every open offer lapses when the game ends', () => {
    const t = new Table(s).toMoves();
    t.ok('a', { type: 'propose', to: ['b'], terms: { land: 'y' } });
    t.ok('facilitator', { type: 'end' });
    expect(t.lastOffer().status).toBe('lapsed');
  });
});

describe('signing the framework', () => {
  it('all sign -> deal; a new clause after signing clears the signatures', () => {
    const f = miniWithFish();
    const t = new Table(f).toMoves();
    t.ok('a', { type: 'propose', to: ['b', 'c'], terms: { guard: 'p', land: 'y' } });
    t.ok('b', { type: 'accept', offer: 'o1' });
    t.passRest().toMoves(); // round 2: b, c, a
    t.ok('b', { type: 'pass' });
    t.ok('c', { type: 'accept', offer: 'o1' }); // required issues settle
    t.ok('a', { type: 'sign' }); // not a formal move: a still has its turn
    expect(t.state.signatures).toEqual(['a']);
    expect(t.state.phase).toBe('moves');
    t.ok('a', { type: 'pass' });
    t.toMoves(); // round 3: c, a, b
    t.ok('c', { type: 'propose', to: ['b'], terms: { fish: 'f2' } }); // o2
    t.ok('a', { type: 'pass' });
    expect(t.state.signatures).toEqual(['a']);
    t.ok('b', { type: 'accept', offer: 'o2' }); // fish settles: the text changed
    expect(t.state.clauses.fish.option).toBe('f2');
    expect(t.state.signatures).toEqual([]);
    expect(entries(t.state.timeline).some((e) => e.kind === 'signatures')).toBe(true);
    expect(t.state.phase).toBe('resolution');
  });

  it('the last signature ends the game with the terms in force, fallbacks included', () => {
    const f = miniWithFish();
    const t = new Table(f, { seed: 1, rounds: 4 }).toMoves();
    t.ok('a', { type: 'propose', to: ['b', 'c'], terms: { guard: 'p', land: 'y' } });
    t.ok('b', { type: 'accept', offer: 'o1' });
    t.ok('c', { type: 'accept', offer: 'o1' });
    t.toMoves(); // b, c, a
    t.ok('b', { type: 'sign' });
    t.ok('c', { type: 'sign' });
    expect(t.state.phase).toBe('moves');
    t.ok('a', { type: 'sign' });
    expect(t.state.phase).toBe('ended');
    expect(t.state.outcome).toMatchObject({
      kind: 'deal',
      round: 2,
      terms: { guard: 'p', land: 'y', fish: 'f1' },
      sequencingBroken: true,
    });
    expect(t.state.deadline).toBeNull();
  });
});
