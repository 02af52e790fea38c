import { describe, expect, it } from 'vitest';
import { newFacilitatorLines } from '../../../client/presenters/broadcasts.js';
import { Game } from '../game.js';

describe('facilitator lines shown over any tab', () => {
  it('are the new lines from the facilitator only, and none on the first view or after a change of seat', () => {
    const g = new Game();
    const first = g.view('a');
    g.act('b', { type: 'chat', channel: 'public', text: 'hello from B' });
    g.act('facilitator', { type: 'chat', channel: 'public', text: 'Five minutes left' });
    const next = g.view('a');
    expect(newFacilitatorLines(first, next)).toEqual(['Five minutes left']);
    expect(newFacilitatorLines(null, next)).toEqual([]);
    expect(newFacilitatorLines(next, next)).toEqual([]);
    expect(newFacilitatorLines(g.view('b'), next)).toEqual([]);
  });
});
