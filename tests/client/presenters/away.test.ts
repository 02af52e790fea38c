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

  it('leaves out a move the player already saw before the link dropped (their own, acknowledged)', () => {
    const g = new Game().toMoves();
    const first = (g.view('a').turn ?? g.state.turnOrder?.[0]) as 'a';
    g.now = 5_000;
    g.act(first, { type: 'pass' });
    const before = g.view(first); // what the player held when the link dropped, their pass in it
    const after = structuredClone(g.view(first)); // the whole view sent on return: equal entries, new objects
    expect(awayRecap(after, 2_000)?.lines).toHaveLength(1);
    expect(awayRecap(after, 2_000, before)).toBeNull();
    // A move made in the seat's name after the drop (by its stand-in) is still told.
    const own = after.timeline.find((t) => t.seat === first)!;
    after.timeline.push({ ...own, at: 9_000, text: 'A stand-in passes.' });
    expect(awayRecap(after, 2_000, before)?.lines).toEqual([`Round ${own.round}, ${own.phase}: A stand-in passes.`]);
  });

  it('has nothing for an observer', () => {
    const g = new Game().toMoves();
    expect(awayRecap(g.view('observer' as 'a'), 0)).toBeNull();
  });
});
