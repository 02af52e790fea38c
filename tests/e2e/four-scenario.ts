import { loadScenarios } from '../../server/scenarios.js';
import { parseScenario } from '../../shared/scenario/load.js';
import type { Scenario } from '../../shared/scenario/schema.js';
import { miniScenarioData } from '../fixtures/mini-scenario.js';

/**
 * Four delegations and a territory meter, built from the inline test scenario, so the browser test
 * plays four seats and draws the map even where the real scenario files are not available.
 */
export function fourScenario(): Scenario {
  const d = miniScenarioData();
  const [a] = d.roles;
  const d4 = {
    ...d,
    id: 'four',
    title: 'Four at the table',
    roles: [
      ...d.roles,
      {
        ...a,
        id: 'd',
        name: 'Role D',
        short: 'D',
        color: '#CC79A7',
        public: { ...a.public, profile: 'Public profile of d.' },
        confidential: {
          ...a.confidential,
          brief: 'SECRET-BRIEF-d',
          interests: ['SECRET-INTEREST-d'],
          domesticFear: 'SECRET-FEAR-d',
        },
        points: { land: { x: 20, y: 30, z: 10 }, guard: { p: 30, q: 10 } },
        redLines: [],
      },
    ],
    meters: [
      ...d.meters,
      {
        id: 'ua_territory',
        label: 'Land held',
        description: 'Share of the land held.',
        min: 0,
        max: 100,
        initial: 80,
        polarity: 'higher',
        source: 'invented-for-tests',
      },
    ],
    mechanics: { ...d.mechanics, costOfTime: { ...d.mechanics.costOfTime, perRound: { a: 2, b: 3, c: 1, d: 1 } } },
  };
  d4.issues = d4.issues.map((i) => (i.id === 'guard' ? { ...i, signatories: ['a', 'c', 'd'] } : i));
  const r = parseScenario(d4, 'four.json');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

/** The real scenario files (four delegations), or the inline four-delegation fixture without them. */
export function browserScenarios(): { scenarios: Map<string, Scenario>; scenario: Scenario } {
  try {
    const all = loadScenarios();
    const s = all.get('ukraine_peace_talks');
    if (s) return { scenarios: all, scenario: s };
  } catch {
    // No content files: fall back below.
  }
  const s = fourScenario();
  return { scenarios: new Map([[s.id, s]]), scenario: s };
}
