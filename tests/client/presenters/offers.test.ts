import { describe, expect, it } from 'vitest';
import { inbox } from '../../../client/presenters/inbox.js';
import { packageValue } from '../../../client/presenters/package-value.js';
import { Game } from '../game.js';

describe('package value', () => {
  it('adds the settled clauses, the package and the fallbacks, against the walk-away value', () => {
    const g = new Game().toMoves();
    const v = g.view('a');
    // Role A: land x=60, y=30, z=0; guard p=40, q=20; walk-away 30 in round 1.
    expect(packageValue(g.pub, v, { land: 'x' })).toMatchObject({
      offer: 60,
      framework: 60,
      walkAway: 30,
      margin: 30,
      verdict: 'better',
      redLines: [],
    });
    expect(packageValue(g.pub, v, { land: 'z' })).toMatchObject({ framework: 0, verdict: 'worse', margin: -30 });
    expect(packageValue(g.pub, v, { land: 'z' })!.sentence).toBe(
      'With this package the framework would be worth 0 to you, -30 against your walk-away value of 30.',
    );
    expect(packageValue(g.pub, v, {})!.sentence).toMatch(/^Choose an option/);
    // One walk-away value, then what walking away scores once the costs paid are taken off it.
    const me = v.me!;
    expect(packageValue(g.pub, v, {})!.timeText).toBe(
      `Your walk-away value is 30 now and ${me.walkAwayNext} next round. So far you have paid ${me.warCost} points of war cost; ` +
        `that comes off your score with or without a deal, so walking away now would score ${me.noDealNow}.`,
    );
    expect(packageValue(g.pub, g.view('observer'), { land: 'x' })).toBeNull();
  });

  it('flags the seat’s own red lines', () => {
    const g = new Game().toMoves();
    expect(packageValue(g.pub, g.view('b'), { land: 'x' })!.redLines).toEqual(['X']);
  });

  it('counts a settled clause in place of the package on that issue', () => {
    const g = new Game().toMoves();
    g.act('a', { type: 'propose', to: ['c'], terms: { guard: 'q' } });
    g.act('b', { type: 'pass' });
    g.act('c', { type: 'accept', offer: g.state.offers[0].id });
    const v = g.view('a');
    expect(v.clauses.guard?.option).toBe('q');
    expect(packageValue(g.pub, v, { guard: 'p', land: 'y' })).toMatchObject({ offer: 70, framework: 50 });
  });
});

describe('inbox', () => {
  it('names the lever asked for in return by its public label', () => {
    const g = new Game().toMoves();
    // Every delegation sees the others' levers by name only, never what they do.
    expect(g.pub.roles.find((r) => r.id === 'c')!.levers).toEqual([{ id: 'push', label: 'Push c' }]);
    expect(JSON.stringify(g.pub)).not.toContain('Pushes.');
    g.act('a', { type: 'propose', to: ['c'], terms: { guard: 'p' }, inReturn: { role: 'c', lever: 'push' } });
    expect(inbox(g.pub, g.view('c')).received[0].inReturn).toBe('In return: Role C will push c');
  });

  it('splits received and sent offers, with my points, and enables answers only in my turn', () => {
    const g = new Game().toMoves();
    g.act('a', { type: 'propose', to: ['b', 'c'], terms: { land: 'y' }, note: 'Split it.' });
    const b = inbox(g.pub, g.view('b'));
    expect(b.sent).toEqual([]);
    expect(b.waiting).toBe(1);
    expect(b.received[0]).toMatchObject({
      title: 'From Role A (also to Role C)',
      statusText: 'open',
      canAnswer: true,
      canWithdraw: false,
      note: 'Split it.',
    });
    expect(b.received[0].lines).toEqual([{ issue: 'Land', option: 'Y', points: 30, redLine: false }]);
    // Role B: land y=30, nothing for the guarantee (it has no fallback), against a walk-away of 30.
    expect(b.received[0].value).toMatch(
      /^With this package the framework would be worth 30 to you, the same as your walk-away value of 30\. Estimated durability of the framework with this package: \d+%\.$/,
    );
    expect(inbox(g.pub, g.view('c')).received[0].canAnswer).toBe(false);
    const a = inbox(g.pub, g.view('a'));
    expect(a.sent[0]).toMatchObject({ title: 'To Role B, Role C', canWithdraw: true, canAnswer: false });
    expect(a.sent[0].answers).toBe('Role B: no answer yet; Role C: no answer yet');
    g.act('b', { type: 'reject', offer: g.state.offers[0].id });
    const after = inbox(g.pub, g.view('a')).sent[0];
    expect(after).toMatchObject({ status: 'rejected', statusText: 'rejected', canWithdraw: false });
    expect(inbox(g.pub, g.view('b')).waiting).toBe(0);
  });

  it('says before any click why the engine would refuse an accept (the seat’s red line)', () => {
    const g = new Game().toMoves();
    g.act('a', { type: 'propose', to: ['b'], terms: { land: 'x' } });
    const [o] = inbox(g.pub, g.view('b')).received;
    expect(o.canAnswer).toBe(true);
    expect(o.acceptRefusal).toMatch(/red line/i);
  });

  it('has no accept refusal for an offer the seat may accept, nor when it may not answer at all', () => {
    const g = new Game().toMoves();
    g.act('a', { type: 'propose', to: ['b', 'c'], terms: { land: 'y' } });
    expect(inbox(g.pub, g.view('b')).received[0].acceptRefusal).toBe('');
    expect(inbox(g.pub, g.view('c')).received[0]).toMatchObject({ canAnswer: false, acceptRefusal: '' });
  });

  it('asks the engine: neither an answer nor a withdrawal while the table is paused', () => {
    const g = new Game().toMoves();
    g.act('a', { type: 'propose', to: ['b'], terms: { land: 'y' } });
    g.act('facilitator', { type: 'pause' });
    expect(inbox(g.pub, g.view('b')).received[0].canAnswer).toBe(false);
    expect(inbox(g.pub, g.view('a')).sent[0].canWithdraw).toBe(false);
    g.act('facilitator', { type: 'resume' });
    expect(inbox(g.pub, g.view('b')).received[0].canAnswer).toBe(true);
    expect(inbox(g.pub, g.view('a')).sent[0].canWithdraw).toBe(true);
  });
});
