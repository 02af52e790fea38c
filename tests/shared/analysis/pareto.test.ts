import { describe, expect, it } from 'vitest';
import { gapToFrontier, issueChoices, paretoFrontier } from '../../../shared/analysis/pareto.js';
import { packagePoints } from '../../../shared/engine/index.js';
import { nextRandom } from '../../../shared/engine/rng.js';
import { parseScenario } from '../../../shared/scenario/load.js';
import type { Scenario } from '../../../shared/scenario/schema.js';
import { loadScenarios } from '../../../server/scenarios.js';
import { miniScenario, miniScenarioData } from '../../fixtures/mini-scenario.js';

/** Every package, then the naive O(n^2) Pareto filter. */
function bruteForce(s: Scenario): string[] {
  const choices = issueChoices(s);
  let vecs: number[][] = [s.roles.map(() => 0)];
  for (const cs of choices)
    vecs = vecs.flatMap((v) =>
      cs.map((c) => v.map((x, r) => Math.round((x + c.vals[r]) * 100))).map((w) => w.map((x) => x / 100)),
    );
  const key = (v: number[]) => v.map((x) => x.toFixed(2)).join('|');
  const uniq = [...new Map(vecs.map((v) => [key(v), v])).values()];
  const front = uniq.filter(
    (v) => !uniq.some((w) => w !== v && w.every((x, r) => x >= v[r]) && w.some((x, r) => x > v[r])),
  );
  return front.map(key).sort();
}

function frontierKeys(s: Scenario): string[] {
  const f = paretoFrontier(s);
  const m = f.roles.length;
  const out: string[] = [];
  for (let k = 0; k < f.size; k++)
    out.push(
      Array.from(f.points.slice(k * m, (k + 1) * m))
        .map((x) => x.toFixed(2))
        .join('|'),
    );
  return out.sort();
}

/** A mini scenario with 4 issues of 3-5 options and seeded random points, some negative, and red lines. */
function randomScenario(seed: number): Scenario {
  let rng = seed;
  const rnd = () => {
    let x: number;
    [x, rng] = nextRandom(rng);
    return x;
  };
  const data = miniScenarioData();
  const issues = ['i1', 'i2', 'i3', 'i4'].map((id, k) => ({
    ...data.issues[1],
    id,
    required: k < 2,
    signatories: k % 2 ? ['a', 'b'] : ['a', 'b', 'c'],
    options: Array.from({ length: 3 + Math.floor(rnd() * 3) }, (_, j) => ({
      ...data.issues[1].options[0],
      id: `o${j}`,
    })),
  }));
  const roles = data.roles.map((r) => ({
    ...r,
    points: Object.fromEntries(
      issues.map((i) => [i.id, Object.fromEntries(i.options.map((o) => [o.id, Math.round(rnd() * 40 - 8)]))]),
    ),
    redLines: rnd() < 0.5 ? ['i3.o0'] : [],
  }));
  const r = parseScenario(
    {
      ...data,
      issues,
      roles,
      reference: undefined,
      mechanics: {
        ...data.mechanics,
        sequencing: undefined,
        costOfTime: { ...data.mechanics.costOfTime, stopsWhen: 'i1' },
      },
    },
    'random.json',
  );
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

describe('Pareto frontier', () => {
  it('matches brute force on the mini scenario and on random agendas', () => {
    expect(frontierKeys(miniScenario())).toEqual(bruteForce(miniScenario()));
    for (let seed = 1; seed <= 25; seed++) {
      const s = randomScenario(seed);
      expect(frontierKeys(s)).toEqual(bruteForce(s));
    }
  });

  it('matches brute force on the small shipped scenario', () => {
    const s = loadScenarios().get('harbour_dispute');
    expect(s).toBeDefined();
    expect(frontierKeys(s!)).toEqual(bruteForce(s!));
  });

  it('gives each frontier point a package worth exactly its points', () => {
    const s = randomScenario(3);
    const f = paretoFrontier(s);
    for (let k = 0; k < f.size; k++)
      f.roles.forEach((r, i) =>
        expect(packagePoints(s, r, f.packageOf(k))).toBeCloseTo(f.points[k * f.roles.length + i], 6),
      );
  });

  it('measures a deal on the frontier as 0 and a dominated deal by what everyone could gain', () => {
    const s = randomScenario(4);
    const f = paretoFrontier(s);
    const m = f.roles.length;
    const p = Array.from(f.points.slice(0, m));
    expect(gapToFrontier(f, p)).toEqual({ uniform: 0, total: 0 });
    const worse = p.map((x) => x - 5);
    const g = gapToFrontier(f, worse);
    expect(g.uniform).toBeGreaterThanOrEqual(5);
    expect(g.total).toBeGreaterThanOrEqual(5 * m);
  });

  it('handles the default scenario quickly enough to run once per simulation', () => {
    const s = loadScenarios().get('ukraine_peace_talks');
    expect(s).toBeDefined();
    const f = paretoFrontier(s!);
    expect(f.size).toBeGreaterThan(0);
    expect(f.size).toBeLessThanOrEqual(f.packages);
  }, 60_000);
});
