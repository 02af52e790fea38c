import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatReport,
  mergePatch,
  parseStrategySpec,
  simulateGames,
  type SimulationOptions,
} from '../../../shared/analysis/simulation.js';
import { playBotGame } from '../../../shared/bots/self-play.js';
import { strategy } from '../../../shared/bots/strategies.js';
import { loadScenarioFile, SCENARIO_DIR } from '../../../server/scenarios.js';

const small = loadScenarioFile(join(SCENARIO_DIR, 'small.json'));
const roles = small.roles.map((r) => r.id);
const opts = (o: Partial<SimulationOptions> = {}): SimulationOptions => ({
  games: 40,
  seed: 3,
  strategies: 'boulware,conceder,linear,tft',
  careful: 0.5,
  ...o,
});
const sum = (xs: (number | null)[]) => xs.reduce<number>((a, b) => a + (b ?? 0), 0);

describe('simulateGames on the small scenario', () => {
  it('matches the games played one by one when every seat is fixed', () => {
    const careful = false;
    const r = simulateGames(small, opts({ strategies: roles.map((x) => `${x}=linear`).join(','), careful: 0 }));
    const games = Array.from(
      { length: 40 },
      (_, g) =>
        playBotGame(small, {
          seed: (3 * 1_000_003 + g) | 0,
          strategies: Object.fromEntries(roles.map((x) => [x, strategy('linear', careful)])),
        }).state.outcome!,
    );
    const deals = games.filter((o) => o.kind === 'deal');
    expect(r.deals).toBe(deals.length);
    expect(r.agreementRate).toBe(Math.round((1000 * deals.length) / 40) / 10);
    expect(r.roundsToAgreement.n).toBe(deals.length);
    expect(r.durability.mean).toBe(Math.round((sum(deals.map((o) => o.durability)) / deals.length) * 100) / 100);
    expect(r.sequencing!.brokenPct).toBe(Math.round((1000 * games.filter((o) => o.sequencingBroken).length) / 40) / 10);
    for (const x of roles)
      expect(r.scores[x].mean).toBe(Math.round((sum(games.map((o) => o.scores[x].score)) / 40) * 100) / 100);
    const issue = small.issues[0].id;
    const chosen = deals.filter((o) => o.terms[issue] === Object.keys(r.optionsPct[issue])[0]).length;
    expect(r.optionsPct[issue][Object.keys(r.optionsPct[issue])[0]]).toBe(
      Math.round((1000 * chosen) / deals.length) / 10,
    );
  });

  it('gives every figure the issue asks for, and they add up', () => {
    const r = simulateGames(small, opts());
    expect(r.illegalActions).toBe(0);
    expect(r.deals).toBeGreaterThan(0);
    expect(r.deals).toBeLessThan(40);
    expect(r.agreementRate).toBe(Math.round((1000 * r.deals) / 40) / 10);
    expect(r.roundsToAgreement.p10!).toBeGreaterThanOrEqual(1);
    expect(r.roundsToAgreement.p90!).toBeLessThanOrEqual(small.rounds.default);
    expect(r.durability.p10!).toBeGreaterThanOrEqual(0);
    expect(r.durability.p90!).toBeLessThanOrEqual(100);
    expect(Object.keys(r.scores)).toEqual(roles);
    for (const x of roles) expect(r.scores[x].n).toBe(40);
    // Exactly one role is top and one bottom in each deal.
    expect(sum(Object.values(r.topSurplusPct))).toBeCloseTo(100, 0);
    expect(sum(Object.values(r.bottomSurplusPct))).toBeCloseTo(100, 0);
    for (const i of small.issues) expect(sum(Object.values(r.optionsPct[i.id]))).toBeCloseTo(100, 0);
    const seq = r.sequencing!;
    expect(seq.role).toBe(small.mechanics.sequencing!.role);
    expect(seq.dealsBroken.n + seq.dealsKept.n).toBe(r.deals);
    expect(r.pareto.frontierSize).toBeGreaterThan(0);
    expect(r.pareto.gapUniform!).toBeGreaterThanOrEqual(0);
    expect(r.pareto.gapTotal!).toBeGreaterThanOrEqual(r.pareto.gapUniform!);
    expect(r.speed.actionsPerGame).toBeGreaterThan(0);
  });

  it('is deterministic for a seed and differs for another', () => {
    expect(simulateGames(small, opts())).toEqual(simulateGames(small, opts()));
    expect(simulateGames(small, opts({ seed: 4 })).scores).not.toEqual(simulateGames(small, opts()).scores);
  });

  it('careful bots never make the sequencing mistake; careless ones sometimes do', () => {
    expect(simulateGames(small, opts({ careful: 1 })).sequencing!.brokenPct).toBe(0);
    expect(simulateGames(small, opts({ careful: 0 })).sequencing!.brokenPct).toBeGreaterThan(0);
  });

  it('takes the strategy list and a fixed seat into account', () => {
    const hard = simulateGames(small, opts({ strategies: 'boulware' }));
    const soft = simulateGames(small, opts({ strategies: 'conceder' }));
    expect(hard.scores).not.toEqual(soft.scores);
    const fixed = simulateGames(small, opts({ strategies: `${roles[0]}=boulware,conceder` }));
    expect(fixed.scores).not.toEqual(soft.scores);
    expect(fixed.scores).not.toEqual(hard.scores);
  });

  it('measures speed with the clock it is given', () => {
    let t = 0;
    const r = simulateGames(small, opts({ games: 10, clock: () => (t += 500) }));
    expect(r.pareto.ms).toBe(500);
    expect(r.speed.gamesPerSecond).toBe(20); // 10 games in 0.5 s
    expect(simulateGames(small, opts({ games: 10 })).speed.gamesPerSecond).toBe(0);
  });

  it('prints every figure as text', () => {
    const r = simulateGames(small, opts());
    const text = formatReport(r);
    for (const line of [
      'agreement rate:',
      'rounds to agreement:',
      'durability:',
      'options in deals',
      'sequencing mistake:',
      'pareto:',
      'speed:',
    ])
      expect(text).toContain(line);
    for (const x of roles) expect(text).toMatch(new RegExp(`${x} .*top .*bottom`));
    for (const i of small.issues) expect(text).toContain(i.id);
  });
});

describe('strategy lists and tuning patches', () => {
  it('parses pools and fixed seats, and refuses unknown names with a code', () => {
    expect(parseStrategySpec(small, `tft, ${roles[1]}=boulware`)).toEqual({
      ok: true,
      fixed: { [roles[1]]: 'boulware' },
      pool: ['tft'],
    });
    expect(parseStrategySpec(small, '')).toEqual({ ok: true, fixed: {}, pool: ['linear'] });
    expect(parseStrategySpec(small, 'linear,greedy')).toMatchObject({ ok: false, code: 'simulate/bad_strategy' });
    expect(parseStrategySpec(small, 'nobody=linear')).toMatchObject({ ok: false, code: 'simulate/bad_role' });
    expect(() => simulateGames(small, opts({ strategies: 'greedy' }))).toThrow(/simulate\/bad_strategy/);
  });

  it('merges objects, merges arrays of {id} by id and replaces other values, leaving the base alone', () => {
    const base = {
      a: 1,
      roles: [
        { id: 'x', w: [1, 2], p: { i: { o: 1, q: 2 } } },
        { id: 'y', w: [3] },
      ],
      list: [1, 2],
    };
    const before = JSON.stringify(base);
    const out = mergePatch(base, { roles: [{ id: 'x', w: [9], p: { i: { o: 5 } } }, { id: 'z' }], list: [7] });
    expect(out).toEqual({
      a: 1,
      roles: [{ id: 'x', w: [9], p: { i: { o: 5, q: 2 } } }, { id: 'y', w: [3] }, { id: 'z' }],
      list: [7],
    });
    expect(JSON.stringify(base)).toBe(before);
  });
});
