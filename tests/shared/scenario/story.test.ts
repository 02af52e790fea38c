import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { playBotGame } from '../../../shared/bots/self-play.js';
import { entries } from '../../../shared/engine/index.js';
import { loadScenarioFile, SCENARIO_DIR } from '../../../server/scenarios.js';

// Issue 14 point 3: the engine's story text comes from the scenario (story, with neutral defaults),
// so the harbour scenario never prints this war's words.
const WAR = /war|cease-fire|territor|guarantee was locked|offensive|shelling|Moscow|Kyiv|Ukrain|Russia/i;

describe('story text from scenario data', () => {
  it('the harbour scenario logs and tells its aftermath without any Ukraine-war text', () => {
    const s = loadScenarioFile(join(SCENARIO_DIR, 'small.json'));
    expect(s.story.cost).not.toMatch(WAR);
    for (let seed = 1; seed <= 6; seed++) {
      const { state } = playBotGame(s, { seed });
      const text = [
        ...entries(state.timeline)
          .filter((e) => e.seat === 'system')
          .map((e) => e.text),
        ...state.outcome!.aftermath,
      ];
      for (const line of text) expect(line, line).not.toMatch(WAR);
    }
  });

  it('the Ukraine scenario supplies its own words', () => {
    const s = loadScenarioFile(join(SCENARIO_DIR, 'ukraine.json'));
    expect(s.story.cost).toMatch(/month of war/);
    expect(s.story.aftermathResumed).toMatch(/\{year\}/);
  });
});
