import { describe, expect, it } from 'vitest';
import {
  durabilityOf,
  entries,
  packagePoints,
  scoreRole,
  sequencingRisk,
  termsInForce,
  walkAwayValue,
} from '../../../shared/engine/index.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { clamp, miniVariant, miniWithFish, Table } from './helpers.js';

const s = miniScenario();
const r2 = (x: number) => Math.round(x * 100) / 100;

/** Round 1: land settles on y alone (a proposes to b, b accepts). */
function landFirst(t: Table) {
  t.toMoves();
  t.ok('a', { type: 'propose', to: ['b'], terms: { land: 'y' } });
  t.ok('b', { type: 'accept', offer: t.lastOffer().id });
}

describe('sequencing', () => {
  it('land settled before the guarantee: support drops, the flag is set once, the deal loses durability', () => {
    const t = new Table(s);
    landFirst(t);
    expect(t.state.sequencingBroken).toBe(true);
    expect(t.state.meters.support).toBe(40); // 60 - 20
    expect(entries(t.state.timeline).at(-1)).toMatchObject({ kind: 'sequencing', seat: 'system', audience: null });
    t.ok('c', { type: 'propose', to: ['a'], terms: { guard: 'p' } });
    t.toMoves(); // round 2: b, c, a
    t.passUntil('a').ok('a', { type: 'accept', offer: t.lastOffer().id });
    expect(t.state.meters.support).toBe(40); // no second drop
    t.toMoves(); // round 3: c, a, b
    for (const r of ['c', 'a', 'b']) t.ok(r, { type: 'sign' });
    const o = t.state.outcome!;
    expect(o.sequencingBroken).toBe(true);
    // 40 base + 10 (p) + 5 (y) + 20 * 40/100 (support) - 15 (penalty) = 48
    expect(o.durability).toBe(48);
    expect(o.durability).toBe(durabilityOf(s, { guard: 'p', land: 'y' }, t.state.meters, true));
    expect(o.aftermath.some((l) => l.includes('was agreed before'))).toBe(true);
    expect(o.record.order).toBe('later_first');
  });

  it('both in one package: the rule breaks too (issue 10: bundles are no exemption), recorded as "together"', () => {
    const t = new Table(s).toMoves();
    t.ok('a', { type: 'propose', to: ['b', 'c'], terms: { land: 'y', guard: 'p' } });
    t.ok('b', { type: 'accept', offer: 'o1' });
    t.ok('c', { type: 'accept', offer: 'o1' });
    expect(t.state.sequencingBroken).toBe(true);
    expect(t.state.meters.support).toBe(40);
    expect(t.state.record.order).toBe('together');
  });

  it('guarantee first, land later: no penalty', () => {
    const t = new Table(s).toMoves();
    t.ok('a', { type: 'propose', to: ['c'], terms: { guard: 'p' } });
    t.passUntil('c').ok('c', { type: 'accept', offer: 'o1' });
    t.toMoves(); // b, c, a
    t.ok('b', { type: 'propose', to: ['a'], terms: { land: 'z' } });
    t.passUntil('a').ok('a', { type: 'accept', offer: 'o2' });
    expect(t.state.clauses.land.seq).toBe(2);
    expect(t.state.sequencingBroken).toBe(false);
    expect(t.state.meters.support).toBe(60);
  });

  it('a scenario without the mechanic never breaks sequencing', () => {
    const plain = miniVariant((d) => delete d.mechanics.sequencing);
    const t = new Table(plain);
    landFirst(t);
    expect(t.state.sequencingBroken).toBe(false);
    expect(t.state.meters.support).toBe(60);
  });
});

describe('cost of time', () => {
  it('is charged at each resolution, scaled by the meter, with drift, until stopsWhen settles', () => {
    const t = new Table(s).toMoves();
    const heat1 = t.state.meters.heat;
    t.passRest();
    const scale1 = 0.5 + heat1 / 100;
    expect(t.state.warCost).toEqual({ a: r2(2 * scale1), b: r2(3 * scale1), c: r2(1 * scale1) });
    expect(t.state.meters.trust).toBe(39);
    expect(entries(t.state.timeline).at(-1)).toMatchObject({ kind: 'cost' });

    t.ok('facilitator', { type: 'advance' });
    t.toMoves(); // round 2: b, c, a
    const heat2 = t.state.meters.heat;
    const before = t.state.warCost;
    t.passRest();
    const scale2 = 0.5 + heat2 / 100;
    expect(t.state.warCost).toEqual({
      a: r2(before.a + 2 * scale2),
      b: r2(before.b + 3 * scale2),
      c: r2(before.c + scale2),
    });
    expect(t.state.meters.trust).toBe(38);

    // Round 3: land settles (b proposes, a accepts); this resolution costs nothing.
    t.ok('facilitator', { type: 'advance' });
    t.toMoves(); // c, a, b
    t.ok('c', { type: 'pass' });
    t.ok('a', { type: 'propose', to: ['b'], terms: { land: 'z' } });
    const stopped = t.state.warCost;
    t.ok('b', { type: 'accept', offer: t.lastOffer().id });
    expect(t.state.phase).toBe('resolution');
    expect(t.state.warCost).toBe(stopped);
    expect(t.state.meters.trust).toBe(38);
    expect(entries(t.state.timeline).at(-1)!.text).toBe(s.story.costStopped);
  });

  it('without a scale meter the cost is the plain per-round figure', () => {
    const flat = miniVariant((d) => delete d.mechanics.costOfTime.scaleMeter);
    const t = new Table(flat).toMoves().passRest();
    expect(t.state.warCost).toEqual({ a: 2, b: 3, c: 1 });
  });

  it('the scale runs from 0.5 at the meter minimum to 1.5 at its maximum', () => {
    const t = new Table(s).toMoves();
    for (let i = 0; i < 3; i++) t.ok('facilitator', { type: 'inject', event: 'e1' }); // +15 heat at most
    t.ok('a', { type: 'lever', lever: 'push' });
    t.ok('b', { type: 'lever', lever: 'push' });
    t.ok('c', { type: 'lever', lever: 'push' });
    expect(t.state.meters.heat).toBeGreaterThanOrEqual(80);
    const heat = t.state.meters.heat;
    expect(t.state.warCost.b).toBe(r2(3 * (0.5 + heat / 100)));
  });
});

describe('durability', () => {
  it('base + option durability + weighted meters - penalty, rounded and clamped to 0..100', () => {
    const m = { heat: 50, trust: 40, support: 60 };
    expect(durabilityOf(s, { guard: 'p', land: 'y' }, m, false)).toBe(67); // 40 + 10 + 5 + 12
    expect(durabilityOf(s, { guard: 'p', land: 'y' }, m, true)).toBe(52);
    expect(durabilityOf(s, { guard: 'q', land: 'x' }, { ...m, support: 0 }, false)).toBe(25); // 40 - 5 - 10
    expect(durabilityOf(s, { guard: 'p', land: 'y' }, { ...m, support: 33 }, false)).toBe(62); // 61.6 rounds up
    expect(durabilityOf(s, {}, m, false)).toBe(52);
    const strong = miniVariant((d) => (d.mechanics.durability.base = 95));
    expect(durabilityOf(strong, { guard: 'p', land: 'y' }, m, false)).toBe(100);
    const weak = miniVariant((d) => (d.mechanics.durability.base = -40));
    expect(durabilityOf(weak, { guard: 'q', land: 'x' }, m, true)).toBe(0);
  });
});

describe('walk-away values', () => {
  it('follow the curve by round, clamped to its last value, plus shifts', () => {
    const g = new Table(s).state;
    expect(walkAwayValue(s, g, 'a')).toBe(30); // setup counts as round 1
    expect(walkAwayValue(s, g, 'a', 3)).toBe(20);
    expect(walkAwayValue(s, g, 'a', 9)).toBe(15);
    expect(walkAwayValue(s, g, 'zz')).toBe(0);
  });

  it('levers and events shift them', () => {
    const t = new Table(s).toMoves();
    const before = { ...t.state.walkAwayShift };
    t.ok('a', { type: 'lever', lever: 'push' }); // walkAway { a: -2 }
    expect(t.state.walkAwayShift.a).toBe(before.a - 2);
    t.ok('facilitator', { type: 'inject', event: 'e1' }); // walkAway { b: -1 }
    expect(t.state.walkAwayShift.b).toBe(before.b - 1);
    expect(walkAwayValue(s, t.state, 'a')).toBe(30 + before.a - 2);
    expect(walkAwayValue(s, t.state, 'b')).toBe(30 + before.b - 1);
    expect(t.state.eventsDrawn.at(-1)).toEqual({ round: 1, id: 'e1', injected: true });
    expect(t.state.event).toBe('e1');
  });
});

describe('levers', () => {
  it('a lever moves meters (clamped) and walk-aways, counts its use, and logs publicly', () => {
    const t = new Table(s).toMoves();
    const heat = t.state.meters.heat;
    t.ok('a', { type: 'lever', lever: 'push' });
    expect(t.state.meters.heat).toBe(clamp(heat + 10));
    expect(t.state.leversUsed.a).toEqual({ push: 1 });
    const log = entries(t.state.timeline);
    expect(log.find((e) => e.kind === 'lever')).toMatchObject({
      kind: 'lever',
      seat: 'a',
      audience: null,
      text: 'Role A: Push a.',
    });
    // Each walk-away it moves is told to that delegation alone, as a walk-away shift that reaches the score.
    for (const [r, d] of Object.entries(
      s.roles.find((x) => x.id === 'a')!.levers.find((l) => l.id === 'push')!.walkAway,
    ))
      if (d)
        expect(log.find((e) => e.kind === 'walk_away' && e.audience?.[0] === r)?.text).toMatch(
          /walk-away value moves by/,
        );
  });
});

describe('scoring', () => {
  it('settled clauses without every signature are no deal when the last round ends', () => {
    const t = new Table(s).toMoves();
    t.passRest(); // one round of war
    t.ok('facilitator', { type: 'advance' });
    t.toMoves(); // round 2: b, c, a
    t.ok('b', { type: 'pass' });
    t.ok('c', { type: 'pass' });
    t.ok('a', { type: 'propose', to: ['b', 'c'], terms: { guard: 'q', land: 'z' } });
    t.toMoves(); // round 3: c, a, b
    t.ok('c', { type: 'accept', offer: 'o1' });
    t.ok('a', { type: 'pass' });
    t.ok('b', { type: 'accept', offer: 'o1' });
    expect(t.state.clauses.land.option).toBe('z');
    t.ok('facilitator', { type: 'advance' }); // the game has 3 rounds: the text is complete, so a last call to sign
    expect(t.state.phase).toBe('resolution');
    expect(t.state.record.lastCall).toBe(true);
    t.ok('facilitator', { type: 'advance' });
    expect(t.state.phase).toBe('ended');
    expect(t.state.outcome!.kind).toBe('no_deal');
  });

  it('deal scores by formula', () => {
    const t = new Table(s, { seed: 5, rounds: 4 }).toMoves().passRest();
    t.ok('facilitator', { type: 'advance' });
    t.toMoves(); // round 2: b, c, a
    t.ok('b', { type: 'propose', to: ['a', 'c'], terms: { guard: 'q', land: 'z' } });
    t.ok('c', { type: 'accept', offer: 'o1' });
    t.ok('a', { type: 'accept', offer: 'o1' });
    t.toMoves(); // round 3: c, a, b
    t.ok('c', { type: 'sign' });
    t.ok('a', { type: 'sign' });
    t.ok('b', { type: 'sign' });
    const o = t.state.outcome!;
    expect(o.kind).toBe('deal');
    expect(o.round).toBe(3);
    const d = durabilityOf(s, { guard: 'q', land: 'z' }, t.state.meters, true); // one package: the sequencing rule broke
    expect(o.durability).toBe(d);
    const points = { a: 20 + 0, b: 20 + 50, c: 20 + 50 };
    for (const r of ['a', 'b', 'c'] as const) {
      const wa = r2(20 + t.state.walkAwayShift[r]);
      const cost = t.state.warCost[r];
      expect(cost).toBeGreaterThan(0);
      expect(packagePoints(s, r, o.terms)).toBe(points[r]);
      const score = r2((d / 100) * points[r] + (1 - d / 100) * wa - cost);
      expect(o.scores[r]).toEqual({
        role: r,
        dealPoints: points[r],
        walkAway: wa,
        warCost: cost,
        score,
        noDealScore: r2(wa - cost),
        gain: r2(score - r2(wa - cost)),
      });
    }
    expect(typeof o.warResumed).toBe('boolean');
    expect(o.aftermath.length).toBeGreaterThanOrEqual(2);
  });

  it('no deal after the last round: walk-away of the last round less the war cost', () => {
    const t = new Table(s, { seed: 9, rounds: 2 }).toMoves().passRest();
    t.ok('facilitator', { type: 'advance' });
    t.toMoves().passRest();
    t.ok('facilitator', { type: 'advance' });
    const o = t.state.outcome!;
    expect(t.state.phase).toBe('ended');
    expect(o).toMatchObject({ kind: 'no_deal', round: 2, terms: {}, durability: null, warResumed: null });
    for (const r of ['a', 'b', 'c']) {
      const wa = r2(25 + t.state.walkAwayShift[r]);
      expect(o.scores[r]).toEqual({
        role: r,
        dealPoints: null,
        walkAway: wa,
        warCost: t.state.warCost[r],
        score: r2(wa - t.state.warCost[r]),
        noDealScore: r2(wa - t.state.warCost[r]),
        gain: 0,
      });
    }
  });

  it('ended by the facilitator: same as no deal, at the current round; in setup it counts as round 1', () => {
    const t = new Table(s).toMoves();
    t.ok('facilitator', { type: 'end' });
    expect(t.state.outcome).toMatchObject({ kind: 'ended', round: 1, durability: null });
    expect(t.state.outcome!.scores.a.score).toBe(r2(30 + t.state.walkAwayShift.a));
    const g = new Table(s);
    g.ok('facilitator', { type: 'end' });
    expect(g.state.outcome!.scores.c).toEqual({
      role: 'c',
      dealPoints: null,
      walkAway: 30,
      warCost: 0,
      score: 30,
      noDealScore: 30,
      gain: 0,
    });
  });

  it('termsInForce and scoreRole as pure functions', () => {
    const f = miniWithFish();
    const t = new Table(f);
    expect(termsInForce(f, t.state)).toEqual({ fish: 'f1' });
    expect(scoreRole(f, t.state, 'a', { guard: 'p', land: 'x', fish: 'f2' }, 50)).toEqual({
      role: 'a',
      dealPoints: 103,
      walkAway: 30,
      warCost: 0,
      score: 66.5,
      noDealScore: 30,
      gain: 36.5,
    });
    expect(scoreRole(f, t.state, 'a', null, null).score).toBe(30);
  });
});

describe('ratification: a delegation signs only with its public behind it (seed 000)', () => {
  // b may sign only while support is at least `min`; the leaders' channel opens after one clause.
  const variant = (min: number) =>
    miniVariant((d) => {
      d.mechanics.leaders = { prepared: 1, source: 'test' };
      d.mechanics.mandate = { role: 'b', meter: 'support', min, source: 'test' };
    });
  /** Guarantee first (a to b and c), then the land at the summit; returns the table after the summit is accepted. */
  const summit = (min: number) => {
    const t = new Table(variant(min)).toMoves();
    t.ok('a', { type: 'propose', to: ['b', 'c'], terms: { guard: 'p' } });
    t.ok('b', { type: 'accept', offer: 'o1' });
    t.ok('c', { type: 'accept', offer: 'o1' });
    t.nextMoves().passUntil('a');
    t.ok('a', { type: 'propose', to: ['b', 'c'], terms: { land: 'y' }, summit: true });
    t.nextMoves(); // round 3: c, a, b
    t.ok('c', { type: 'accept', offer: 'o2' });
    t.passUntil('b').ok('b', { type: 'accept', offer: 'o2' });
    return t;
  };

  it('the sequencing risk the composer shows names the mandate the mistake puts at risk', () => {
    const v = { clauses: {}, sequencingBroken: false };
    const risk = sequencingRisk(variant(50), v, ['a', 'b'], { land: 'y' });
    expect(risk.laterBeforeFirst).toBe(true);
    expect(risk.text).toMatch(
      /Role B loses 20 public support.* Role B may sign only while that support is at least 50\.$/,
    );
    expect(sequencingRisk(s, v, ['a', 'b'], { land: 'y' }).text).not.toMatch(/may sign only/);
    expect(sequencingRisk(variant(50), v, ['a', 'b'], { guard: 'p' }).text).toBe('');
  });

  it('the leaders sign at the summit when every delegation has its mandate', () => {
    const t = summit(10);
    expect(t.state.phase).toBe('ended');
    expect(t.state.outcome?.kind).toBe('deal');
  });

  it('without the mandate the text is complete but nobody signs, and the refusal says why', () => {
    const t = summit(95);
    expect(t.state.phase).not.toBe('ended');
    expect(t.state.signatures).toEqual([]);
    expect(entries(t.state.timeline).map((e) => e.text)).toContainEqual(
      expect.stringMatching(/cannot sign at the summit yet\. Support is \d+, below the 95 Role B needs/),
    );
    // a and c may sign; b may not, and nothing changes when it tries.
    t.ok('a', { type: 'sign' });
    const before = t.state;
    t.err('b', { type: 'sign' }, 'sign/no_mandate');
    expect(t.state).toBe(before);
  });
});
