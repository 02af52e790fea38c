import { describe, expect, it } from 'vitest';
import { awayRecap } from '../../../client/presenters/away.js';
import { Game } from '../game.js';

describe('what was done in a seat while its player was away', () => {
  it('lists the moves made in the seat name since the drop, and nothing from before or from others', () => {
    const g = new Game().toMoves();
    const order = g.state.turnOrder ?? [];
    const first = g.view('a').turn ?? order[0];
    g.now = 5_000;
    g.act(first as 'a', { type: 'pass' });
    const seatView = g.view(first as 'a');
    const recap = awayRecap(seatView, 2_000);
    expect(recap?.lines).toHaveLength(1);
    expect(recap?.lines[0]).toMatch(/passes/);
    expect(recap?.title).toMatch(/While you were away/);
    // Before the drop: nothing to tell.
    expect(awayRecap(seatView, 6_000)).toBeNull();
    // Another seat sees no recap of someone else's move.
    const other = ['a', 'b', 'c'].find((s) => s !== first)!;
    expect(awayRecap(g.view(other as 'a'), 2_000)).toBeNull();
  });

  it('has nothing for an observer', () => {
    const g = new Game().toMoves();
    expect(awayRecap(g.view('observer' as 'a'), 0)).toBeNull();
  });
});
