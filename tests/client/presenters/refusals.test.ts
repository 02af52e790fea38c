import { describe, expect, it } from 'vitest';
import { MomentWatch, momentOf, refusalOver } from '../../../client/presenters/refusals.js';
import { Game } from '../game.js';

describe('refusal errors', () => {
  it('are over once the turn moves on, not while the same seat still moves', () => {
    const g = new Game().toMoves();
    const mine = momentOf(g.view('a'), 'connected');
    expect(refusalOver(mine, momentOf(g.view('a'), 'connected'))).toBe(false);
    g.act('a', { type: 'pass' });
    expect(refusalOver(mine, momentOf(g.view('a'), 'connected'))).toBe(true);
  });

  it('are over when the phase or round changes', () => {
    const m = { round: 1, phase: 'talks', turn: null, connected: true };
    expect(refusalOver(m, { ...m, phase: 'moves' })).toBe(true);
    expect(refusalOver(m, { ...m, round: 2 })).toBe(true);
  });

  it('are over when the connection comes back, but not when it drops (the error may say so)', () => {
    const v = new Game().view('a');
    const up = momentOf(v, 'connected');
    const down = momentOf(v, 'reconnecting');
    expect(refusalOver(up, down)).toBe(false);
    expect(refusalOver(down, momentOf(v, 'lost'))).toBe(false);
    expect(refusalOver(down, up)).toBe(true);
  });

  it('are followed render to render by a MomentWatch: never over on the first, over once the turn moves', () => {
    const g = new Game().toMoves();
    const watch = new MomentWatch();
    expect(watch.over(g.view('a'), 'connected')).toBe(false);
    expect(watch.over(g.view('a'), 'connected')).toBe(false);
    g.act('a', { type: 'pass' });
    expect(watch.over(g.view('a'), 'connected')).toBe(true);
    expect(watch.over(g.view('a'), 'connected')).toBe(false);
  });
});
