import { describe, expect, it } from 'vitest';
import { loadScenarios } from '../../../server/scenarios.js';
import { sweep } from './helpers.js';

describe('bots never send an illegal action (default scenario)', () => {
  it('ukraine_peace_talks, 1000 games', () => {
    const s = loadScenarios().get('ukraine_peace_talks');
    expect(s, 'the default scenario is missing').toBeDefined();
    const { illegal, kinds } = sweep(s!, 1000);
    expect(illegal.slice(0, 3)).toEqual([]);
    expect(kinds.deal ?? 0).toBeGreaterThan(0);
    expect(kinds.no_deal ?? 0).toBeGreaterThan(0);
  }, 300_000);
});
