import { describe, expect, it } from 'vitest';
import { observeModel, timerText } from '../../../client/console/observe-model.js';
import { Game } from '../game.js';

describe('observing a table with full information', () => {
  it('shows every delegation’s confidential brief, red lines and walk-away to the facilitator', () => {
    const g = new Game().toMoves();
    const m = observeModel(g.pub, g.view('facilitator'), g.now);
    expect(m.delegations.map((d) => d.brief)).toEqual(['SECRET-BRIEF-a', 'SECRET-BRIEF-b', 'SECRET-BRIEF-c']);
    expect(m.delegations.find((d) => d.id === 'b')!.redLines).toEqual(['Land: X']);
    // Round 1: role A's walk-away is the first value of its curve (no event shifts it).
    expect(m.delegations[0]).toMatchObject({ walkAway: 30, settledPoints: 0 });
    expect(m.status).toMatch(/^Moves · round 1 of 3/);
  });

  it('lists private offers and channels, with what the terms are worth to each delegation', () => {
    const g = new Game().toMoves();
    const first = g.view('facilitator').turn!;
    const other = ['a', 'b', 'c'].find((r) => r !== first)!;
    g.act(first, { type: 'propose', to: [other], terms: { land: 'y' } });
    g.act('a', { type: 'chat', channel: 'bi:a:b', text: 'Between us.' });
    const m = observeModel(g.pub, g.view('facilitator'), g.now);
    expect(m.offers).toHaveLength(1);
    expect(m.offers[0]).toMatchObject({ terms: 'Land: Y', private: true, status: 'open' });
    expect(m.offers[0].value.map((v) => v.points)).toEqual([30, 30, 30]);
    expect(m.channels.map((c) => [c.label, c.messages.map((x) => x.text)])).toEqual([
      ['Role A and Role B', ['Between us.']],
    ]);
  });

  it('gives nothing private to a delegation’s view', () => {
    const g = new Game().toMoves();
    const m = observeModel(g.pub, g.view('a'), g.now);
    expect(m.delegations.every((d) => d.brief === '' && d.redLines.length === 0)).toBe(true);
  });

  it('reads the timer from the deadline, or the time left when paused', () => {
    const g = new Game({ phaseSeconds: { talks: 90 } });
    g.act('facilitator', { type: 'start' }).act('facilitator', { type: 'advance' });
    expect(timerText(g.view('facilitator'), g.now)).toBe('1:30 left');
    expect(timerText(g.view('facilitator'), g.now + 31_000)).toBe('0:59 left');
    g.act('facilitator', { type: 'pause' });
    expect(timerText(g.view('facilitator'), g.now + 10 ** 6)).toBe('1:30 left');
  });

  it('marks the delegations bots play and lists the bots’ reasons, newest first', () => {
    const g = new Game().toMoves();
    const notes = [1, 2].map((round) => ({
      seat: 'c',
      round,
      phase: 'moves',
      action: 'pass',
      reason: `Pass ${round}.`,
      reasoning: `Nothing worth it yet (${round}).`,
      at: round,
    }));
    const m = observeModel(g.pub, g.view('facilitator'), g.now, { bots: ['c'], notes });
    expect(m.delegations.map((d) => d.bot)).toEqual([false, false, true]);
    expect(m.botNotes).toEqual([
      { round: 2, who: 'Role C', reason: 'Pass 2.', reasoning: 'Nothing worth it yet (2).', where: '' },
      { round: 1, who: 'Role C', reason: 'Pass 1.', reasoning: 'Nothing worth it yet (1).', where: '' },
    ]);
  });

  it('shows where a bot said each line in the talks, with its private reason', () => {
    const g = new Game().toMoves();
    const notes = [
      {
        seat: 'c',
        round: 1,
        phase: 'talks',
        action: 'talk',
        channel: 'public',
        reason: 'We could accept that.',
        reasoning: 'Reaches 0.8 of our range.',
        at: 1,
      },
    ];
    const m = observeModel(g.pub, g.view('facilitator'), g.now, { bots: ['c'], notes });
    expect(m.botNotes).toEqual([
      {
        round: 1,
        who: 'Role C',
        reason: 'We could accept that.',
        reasoning: 'Reaches 0.8 of our range.',
        where: 'Public table',
      },
    ]);
  });

  it('names the delegation a private line was for (the engine words it "Your walk-away value moves...")', () => {
    const g = new Game().toMoves();
    const first = g.view('facilitator').turn!;
    g.act(first, { type: 'lever', lever: 'push' });
    const m = observeModel(g.pub, g.view('facilitator'), g.now);
    const moved = m.timeline.find((t) => /walk-away value moves by -2/.test(t.text))!;
    expect(moved).toMatchObject({ private: true, to: 'Role A' });
    expect(m.timeline.find((t) => !t.private)).toMatchObject({ to: '' });
  });
});
