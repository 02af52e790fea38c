import { describe, expect, it } from 'vitest';
import { playBotGame } from '../../../shared/bots/self-play.js';
import { entries } from '../../../shared/engine/index.js';
import { loadScenarios } from '../../../server/scenarios.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { mix, sweep } from './helpers.js';

describe('bots never send an illegal action', () => {
  it('mini scenario, 1000 games', () => {
    const { illegal, kinds } = sweep(miniScenario(), 1000);
    expect(illegal).toEqual([]);
    expect(kinds.deal).toBeGreaterThan(0);
  }, 120_000);

  // The default scenario's sweep lives in its own file so the two run in parallel.
  for (const [id, games] of [['harbour_dispute', 2000]] as const) {
    it(`${id}, ${games} games`, () => {
      const s = loadScenarios().get(id);
      expect(s, `scenario ${id} is missing`).toBeDefined();
      const { illegal, kinds } = sweep(s!, games);
      expect(illegal.slice(0, 3)).toEqual([]);
      expect(kinds.deal ?? 0).toBeGreaterThan(0);
      expect(kinds.no_deal ?? 0).toBeGreaterThan(0);
    }, 300_000);
  }
});

describe('self-play is deterministic', () => {
  it('the same seed gives the same game, another seed another', () => {
    const s = miniScenario();
    const a = playBotGame(s, { seed: 11, strategies: mix(s, 11) });
    const b = playBotGame(s, { seed: 11, strategies: mix(s, 11) });
    expect(JSON.stringify(a.state)).toBe(JSON.stringify(b.state));
    const runs = new Set(
      [1, 2, 3, 4, 5, 6].map((seed) =>
        JSON.stringify(entries(playBotGame(s, { seed, strategies: mix(s, 11) }).state.timeline).map((t) => t.text)),
      ),
    );
    expect(runs.size).toBeGreaterThan(1);
  });

  it('on the shipped scenarios too', () => {
    for (const s of loadScenarios().values()) {
      const a = playBotGame(s, { seed: 5, strategies: mix(s, 5), keepReasons: true });
      const b = playBotGame(s, { seed: 5, strategies: mix(s, 5), keepReasons: true });
      expect(a.state).toEqual(b.state);
      expect(a.reasons).toEqual(b.reasons);
      for (const x of a.reasons) expect(x.reason.length).toBeGreaterThan(0);
    }
  }, 60_000);
});
