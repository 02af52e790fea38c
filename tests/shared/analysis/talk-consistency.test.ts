import { describe, expect, it } from 'vitest';
import { talkConsistency } from '../../../shared/analysis/talk-consistency.js';
import { loadScenarios } from '../../../server/scenarios.js';

const harbour = loadScenarios().get('harbour_dispute')!;

describe('talk consistency', () => {
  it('a bot that calls a floated package acceptable accepts it when it is proposed (goal >= 95%)', () => {
    const r = talkConsistency(harbour, { games: 12, seed: 3 });
    expect(r.tested).toBeGreaterThan(10);
    expect(r.consistency!).toBeGreaterThanOrEqual(95);
    expect(r.answers.red_line + r.answers.no + r.answers.change).toBeGreaterThan(0);
  });
  it('is the same figure on the same seed', () => {
    expect(talkConsistency(harbour, { games: 4, seed: 9 })).toEqual(talkConsistency(harbour, { games: 4, seed: 9 }));
  });
});
