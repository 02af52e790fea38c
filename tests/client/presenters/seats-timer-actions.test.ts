import { describe, expect, it } from 'vitest';
import { actionsModel } from '../../../client/presenters/actions.js';
import { seatModels } from '../../../client/presenters/seats.js';
import { clockModel, formatSeconds } from '../../../client/presenters/timer.js';
import { publicScenario, viewFor } from '../../../shared/engine/index.js';
import { loadScenarios } from '../../../server/scenarios.js';
import { debriefPlans } from '../../fixtures/debrief-plans.js';
import { requireScenario } from '../../server/helpers.js';
import { ScriptBuilder } from '../../shared/engine/script-builder.js';
import { Game } from '../game.js';

const table = (status: Record<string, 'free' | 'present' | 'absent' | 'reconnecting'>) => ({
  seats: Object.fromEntries(
    Object.entries(status).map(([role, s]) => [role, { role, status: s, names: s === 'free' ? [] : [`N-${role}`] }]),
  ),
  observers: 0,
  facilitators: 0,
  serverTime: 0,
  selfStart: false,
});

describe('seat models', () => {
  it('show presence, whose turn, moved, ready and signed, and mark my seat', () => {
    const g = new Game().toMoves();
    const seats = seatModels(g.pub, g.view('b'), table({ a: 'present', b: 'present', c: 'absent' }));
    expect(seats.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(seats[0]).toMatchObject({ turn: true, me: false, presence: 'present', names: ['N-a'] });
    expect(seats[0].status).toContain('their turn');
    expect(seats[1].me).toBe(true);
    expect(seats[2]).toMatchObject({ presence: 'absent', turn: false });
    g.act('a', { type: 'pass' });
    const after = seatModels(g.pub, g.view('b'), null);
    expect(after[0]).toMatchObject({ moved: true, turn: false, presence: 'free' });
    expect(after[1].turn).toBe(true);
  });

  it('say when a bot plays a delegation', () => {
    const g = new Game().toMoves();
    const t = table({ a: 'present', b: 'present', c: 'absent' });
    t.seats.c = { ...t.seats.c, bot: true } as (typeof t.seats)[string];
    const [a, , c] = seatModels(g.pub, g.view('b'), t);
    expect(c).toMatchObject({ bot: true, presence: 'absent' });
    expect(c.status).toMatch(/^played by a bot/);
    expect(a).toMatchObject({ bot: false });
    expect(a.status).toMatch(/^present/);
  });
});

describe('clock', () => {
  it('formats the time left, flags the last ten seconds and says whose turn it is', () => {
    expect(formatSeconds(65_000)).toBe('1:05');
    expect(formatSeconds(-5)).toBe('0:00');
    const g = new Game({ phaseSeconds: { news: 30, talks: 30, moves: 20, resolution: 5 } });
    g.act('facilitator', { type: 'start' });
    const v = g.view('a');
    expect(clockModel(g.pub, v, g.now)).toMatchObject({
      round: 'Round 1 of 3',
      phase: 'News',
      timer: '0:30',
      urgent: false,
      turn: '',
    });
    expect(clockModel(g.pub, v, g.now + 25_000)).toMatchObject({ timer: '0:05', urgent: true });
    g.act('facilitator', { type: 'pause' });
    expect(clockModel(g.pub, g.view('a'), g.now).timer).toBe('paused (0:30 left)');
  });

  it('says "Your turn" only to the seat whose turn it is', () => {
    const g = new Game().toMoves();
    expect(clockModel(g.pub, g.view('a'), 0)).toMatchObject({
      turn: 'Your turn',
      myTurn: true,
      timer: 'no time limit',
    });
    expect(clockModel(g.pub, g.view('b'), 0)).toMatchObject({ turn: 'Turn: Role A', myTurn: false });
  });
});

describe('actions', () => {
  it('enable ready outside moves, formal moves only in my turn, and facilitator controls by phase', () => {
    const g = new Game({ selfStart: false });
    expect(actionsModel(g.pub, g.view('a'))).toMatchObject({ showReady: false, canReady: false });
    expect(actionsModel(g.pub, new Game({ selfStart: true }).view('a'))).toMatchObject({
      showReady: true,
      canReady: true,
    });
    expect(actionsModel(g.pub, g.view('facilitator'))).toMatchObject({
      isFacilitator: true,
      canStart: true,
      canPause: false,
    });
    g.toMoves();
    expect(actionsModel(g.pub, g.view('a'))).toMatchObject({
      myTurn: true,
      canReady: false,
      showReady: false,
      canSign: false,
    });
    expect(actionsModel(g.pub, g.view('a')).signRefusal).toMatch(/cannot be signed yet: Guarantee, Land still open/);
    expect(actionsModel(g.pub, g.view('b')).myTurn).toBe(false);
    // Signing is not a formal move (docs/rules.md): off turn, the refusal is about the open clauses, not the turn.
    expect(actionsModel(g.pub, g.view('b')).signRefusal).toMatch(/cannot be signed yet/);
    expect(actionsModel(g.pub, g.view('observer'))).toMatchObject({ isRole: false, myTurn: false, canReady: false });
    g.act('facilitator', { type: 'pause' });
    expect(actionsModel(g.pub, g.view('facilitator'))).toMatchObject({
      canPause: false,
      canResume: true,
      canAdvance: false,
    });
    expect(actionsModel(g.pub, g.view('a')).myTurn).toBe(false);
  });
});

describe('the Sign button at a table that lost its mandate (ratification, issue 10)', () => {
  it('is off for Ukraine with the engine reason, on for the others, and on again once the public is won back', () => {
    const ua = requireScenario(loadScenarios(), 'ukraine_peace_talks');
    const pub = publicScenario(ua);
    const b = new ScriptBuilder(ua, { seed: 5, rounds: 8 });
    for (const step of debriefPlans(ua).territoryFirst.steps) {
      b.moveAs(step.from, { type: 'propose', to: step.to, terms: step.terms });
      b.acceptAll(b.state.offers.at(-1)!.id);
    }
    const model = (seat: string) => actionsModel(pub, viewFor(ua, b.state, seat));
    expect(model('ukraine')).toMatchObject({ canSign: false });
    expect(model('ukraine').signRefusal).toMatch(
      /^Ukrainian support for a deal is \d+, below the 35 Ukraine needs to sign: a text its public rejects will not be carried out\./,
    );
    expect(model('russia')).toMatchObject({ canSign: true, signRefusal: '' });
    b.winMandate();
    expect(model('ukraine')).toMatchObject({ canSign: true, signRefusal: '' });
  });
});
