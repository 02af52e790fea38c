import { describe, expect, it } from 'vitest';
import { paretoFrontier, type Frontier } from '../../../shared/analysis/pareto.js';
import {
  classDebrief,
  placeOnFrontier,
  publicTableDebrief,
  sequencingStory,
  tableDebrief,
} from '../../../shared/analysis/debrief.js';
import type { Action, GameState, Seat } from '../../../shared/engine/index.js';
import { loadScenarios } from '../../../server/scenarios.js';
import { debriefPlans, type TablePlan } from '../../fixtures/debrief-plans.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { ScriptBuilder } from '../engine/script-builder.js';
import { bruteFrontier, lastOffer, play } from './play.js';

const s = miniScenario();
const F: Seat = 'facilitator';
const toMoves: [Seat, Action | ((st: GameState) => Action)][] = [
  [F, { type: 'advance' }],
  [F, { type: 'advance' }],
];

/** Guarantee first (round 1), land second (round 2), all sign in round 3. */
function dealGame() {
  return play(s, [
    [F, { type: 'start' }],
    ...toMoves,
    ['a', { type: 'propose', to: ['c'], terms: { guard: 'p' } }],
    ['b', { type: 'chat', channel: 'public', text: 'We wait.' }],
    ['b', { type: 'pass' }],
    ['c', (st) => ({ type: 'accept', offer: lastOffer(st) })],
    [F, { type: 'advance' }],
    ...toMoves,
    ['b', { type: 'propose', to: ['a'], terms: { land: 'y' } }],
    ['a', { type: 'chat', channel: 'bi:a:b', text: 'Private word.' }],
    ['c', { type: 'pass' }],
    ['a', (st) => ({ type: 'accept', offer: lastOffer(st) })],
    [F, { type: 'advance' }],
    ...toMoves,
    ['c', { type: 'sign' }],
    ['a', { type: 'sign' }],
    ['b', { type: 'sign' }],
  ]);
}

/** Land settled in round 1 with no guarantee, then the facilitator ends the talks. */
function brokenGame() {
  return play(s, [
    [F, { type: 'start' }],
    ...toMoves,
    ['a', { type: 'propose', to: ['b'], terms: { land: 'z' } }],
    ['b', (st) => ({ type: 'accept', offer: lastOffer(st) })],
    [F, { type: 'end' }],
  ]);
}

describe('tableDebrief', () => {
  const frontier = paretoFrontier(s);
  const brute = bruteFrontier(s);

  it('reports a deal: scores against walk-away, clauses in order, durability and aftermath', () => {
    const { state } = dealGame();
    const d = tableDebrief(s, { code: 'T1', state, players: { a: ['Ann'] } }, frontier);
    expect(d.outcome).toBe('deal');
    expect(d.terms).toEqual({ guard: 'p', land: 'y' });
    expect(d.clauses.map((c) => [c.issue, c.option, c.how, c.round, c.seq])).toEqual([
      ['guard', 'p', 'settled', 1, 1],
      ['land', 'y', 'settled', 2, 2],
    ]);
    const a = d.roles.find((r) => r.role === 'a')!;
    expect(a.players).toEqual(['Ann']);
    expect(a.dealPoints).toBe(70);
    expect(a.score).toBe(state.outcome!.scores.a.score);
    expect(a.noDealScore).toBe(Math.round((a.walkAway - a.warCost) * 100) / 100);
    expect(a.gain).toBeCloseTo(a.score - a.noDealScore, 2);
    expect(d.durability).toBe(state.outcome!.durability);
    expect(d.aftermath.length).toBeGreaterThan(0);
    expect(d.sequencing).toMatchObject({ order: 'first_then_later', broken: false });
    expect(d.jointScore).toBeCloseTo(
      d.roles.reduce((x, r) => x + r.score, 0),
      2,
    );
  });

  it('places the deal on the brute-force frontier with nothing left on the table', () => {
    const d = tableDebrief(s, { code: 'T1', state: dealGame().state }, frontier);
    expect(d.pareto).toMatchObject({ point: { a: 70, b: 70, c: 40 }, onFrontier: true, valueLeft: 0 });
  });

  it('merges moves and chat in time order, and hides private lines from students', () => {
    const d = tableDebrief(s, { code: 'T1', state: dealGame().state }, frontier);
    const kinds = d.timeline.map((t) => t.kind);
    expect(kinds.indexOf('propose')).toBeLessThan(kinds.indexOf('chat'));
    // A private move says whom it was for (an offer: its sender and recipients); chat and public entries do not.
    const offer = d.timeline.find((t) => t.kind === 'propose')!;
    expect(offer.to?.length).toBeGreaterThan(1);
    expect(d.timeline.filter((t) => t.public || t.kind === 'chat').every((t) => t.to === null)).toBe(true);
    expect(d.timeline.some((t) => t.text === 'Private word.' && !t.public)).toBe(true);
    const pub = publicTableDebrief(d);
    expect(pub.timeline.some((t) => t.text === 'Private word.')).toBe(false);
    expect(pub.timeline.some((t) => t.text === 'We wait.')).toBe(true);
    expect(pub.timeline.some((t) => t.kind === 'propose')).toBe(false);
    expect(pub.roles).toEqual(d.roles);
  });

  it('tells the sequencing story when land came first, and measures the gap to the frontier from the walk-away', () => {
    const { state } = brokenGame();
    const d = tableDebrief(s, { code: 'T2', state }, frontier);
    expect(d.outcome).toBe('ended');
    expect(d.sequencing).toMatchObject({ order: 'later_then_first', broken: true });
    expect(sequencingStory(s, state).text).toMatch(/Land/);
    // No deal was signed: the story does not say a deal lost durability.
    expect(d.sequencing.text).not.toMatch(/the deal lost durability/);
    expect(d.clauses.find((c) => c.issue === 'land')).toMatchObject({ option: 'z', how: 'settled' });
    expect(d.terms).toEqual({});
    // No deal: the point is the walk-away values, and value left is the best package everyone prefers to walking away.
    const wa = Object.fromEntries(d.roles.map((r) => [r.role, r.walkAway]));
    expect(d.pareto!.point).toEqual(wa);
    const ids = ['a', 'b', 'c'];
    const acceptable = brute.filter((f) => ids.every((r) => f.points[r] >= wa[r]));
    const expected = Math.max(...acceptable.map((f) => ids.reduce((x, r) => x + f.points[r] - wa[r], 0)));
    expect(d.pareto!.valueLeft).toBeCloseTo(expected, 2);
    expect(d.pareto!.onFrontier).toBe(false);
    expect(acceptable.map((f) => f.terms)).toContainEqual(d.pareto!.better!.terms);
    const allGain = Math.max(0, ...brute.map((f) => Math.min(...ids.map((r) => f.points[r] - wa[r]))));
    expect(d.pareto!.allGain).toBeCloseTo(allGain, 2);
  });

  it('agrees with brute force on every package the game allows', () => {
    const key = (t: Record<string, string>) => JSON.stringify(Object.entries(t).sort());
    const ours = Array.from({ length: frontier.size }, (_, k) => key(frontier.packageOf(k))).sort();
    expect(ours).toEqual(brute.map((b) => key(b.terms)).sort());
  });
});

/** A two-role frontier written by hand: (10,0), (6,6), (0,10). */
function handFrontier(): Frontier {
  const pts = [
    [10, 0],
    [6, 6],
    [0, 10],
  ];
  return {
    roles: ['a', 'b'],
    issues: ['i'],
    size: 3,
    packages: 3,
    points: Float64Array.from(pts.flat()),
    packageOf: (k) => ({ i: String(k + 1) }),
  };
}

describe('placeOnFrontier', () => {
  const frontier = handFrontier();

  it('finds the dominating package with the largest joint gain', () => {
    const p = placeOnFrontier(frontier, { a: 4, b: 2 }, true);
    expect(p).toMatchObject({
      onFrontier: false,
      valueLeft: 6,
      allGain: 2,
      better: { terms: { i: '2' }, points: { a: 6, b: 6 } },
    });
  });

  it('reports null when no package beats every walk-away', () => {
    expect(placeOnFrontier(frontier, { a: 7, b: 7 }, false)).toMatchObject({
      onFrontier: false,
      valueLeft: null,
      better: null,
    });
  });

  it('counts a deal equal to a frontier package as on the frontier', () => {
    expect(placeOnFrontier(frontier, { a: 6, b: 6 }, true)).toMatchObject({ onFrontier: true, valueLeft: 0 });
  });
});

describe('classDebrief', () => {
  it('puts tables side by side, counts settlements, names best and worst deals, places the reference', () => {
    const frontier = paretoFrontier(s);
    const deal = dealGame().state;
    const broken = brokenGame().state;
    const c = classDebrief(
      s,
      [
        { code: 'B', state: broken },
        { code: 'A', state: deal },
        { code: 'C', state: deal },
      ],
      frontier,
    );
    expect(c.tables.map((t) => t.code)).toEqual(['B', 'A', 'C']);
    expect(c.settlements.guard).toEqual({ p: 2, q: 0, open: 1 });
    expect(c.settlements.land).toEqual({ x: 0, y: 2, z: 1, open: 0 });
    // Equal deals: the tie is broken by code.
    expect([c.best, c.worst]).toEqual(['A', 'C']);
    expect(c.reference).toMatchObject({ label: 'Ref', points: { a: 70, b: 70, c: 40 }, onFrontier: true, joint: 180 });
    expect(c.frontier).toHaveLength(bruteFrontier(s).length);
  });
});

/** Issue 13 point 6: the story comes from the engine's record (GameState.record), one source of truth. */
describe('the sequencing and durability story from the engine record', () => {
  it('a bundled settlement: both issues in one accepted package are told as such, the same as the engine logged', () => {
    const { state } = play(s, [
      [F, { type: 'start' }],
      ...toMoves,
      ['a', { type: 'propose', to: ['b', 'c'], terms: { guard: 'p', land: 'y' } }],
      ['b', (st) => ({ type: 'accept', offer: lastOffer(st) })],
      ['c', (st) => ({ type: 'accept', offer: lastOffer(st) })],
      [F, { type: 'advance' }],
      ...toMoves,
      ['b', { type: 'sign' }],
      ['c', { type: 'sign' }],
      ['a', { type: 'sign' }],
    ]);
    expect(state.outcome!.kind).toBe('deal');
    expect(state.record.order).toBe('together');
    const d = tableDebrief(s, { code: 'B', state }, null);
    expect(d.sequencing).toMatchObject({ order: 'together', broken: state.sequencingBroken });
    expect(d.sequencing.broken).toBe(true);
    expect(d.sequencing.text).toMatch(/in one package/);
    expect(d.sequencing.text).not.toMatch(/before/);
    expect(d.sequencing.text).toMatch(/the deal lost durability/);
  });

  it('a territory-first settlement: told as land before the guarantee, with the round from the record', () => {
    const { state } = play(s, [
      [F, { type: 'start' }],
      ...toMoves,
      ['a', { type: 'propose', to: ['b'], terms: { land: 'z' } }],
      ['b', (st) => ({ type: 'accept', offer: lastOffer(st) })],
      ['c', { type: 'propose', to: ['a'], terms: { guard: 'p' } }],
      [F, { type: 'advance' }],
      ...toMoves,
      ['b', { type: 'pass' }],
      ['c', { type: 'pass' }],
      ['a', (st) => ({ type: 'accept', offer: lastOffer(st) })],
      [F, { type: 'advance' }],
      ...toMoves,
      ['c', { type: 'sign' }],
      ['a', { type: 'sign' }],
      ['b', { type: 'sign' }],
    ]);
    expect(state.outcome!.kind).toBe('deal');
    expect(state.record).toMatchObject({ order: 'later_first', laterRound: 1 });
    const d = tableDebrief(s, { code: 'T', state }, null);
    expect(d.sequencing).toMatchObject({ order: 'later_then_first', broken: true });
    expect(d.sequencing.text).toMatch(/Land was settled in round 1 before Guarantee \(round 2\)/);
  });

  it('a no-deal table with neither issue settled: no mistake, no lost durability, says no framework was signed', () => {
    const { state } = play(s, [[F, { type: 'start' }], ...toMoves, [F, { type: 'end' }]]);
    expect(state.record.order).toBeNull();
    const d = tableDebrief(s, { code: 'N', state }, null);
    expect(d.sequencing).toMatchObject({ order: 'neither', broken: false, excluded: false });
    expect(d.sequencing.text).toMatch(/no framework was signed/);
    expect(d.sequencing.text).not.toMatch(/durability|before/);
    // The one gain definition: no deal is worth exactly walking away.
    for (const r of d.roles) expect(r.gain).toBe(0);
  });
});

/** The three tables the first-class browser test plays (tests/e2e/first-class-debrief.test.ts), on the engine. */
describe('the debrief story of the Ukraine talks, on the plans the browser test plays', () => {
  const ua = loadScenarios().get('ukraine_peace_talks')!;
  const plans = debriefPlans(ua);
  const run = (plan: TablePlan) => {
    const b = new ScriptBuilder(ua, { seed: 5, rounds: 5 });
    for (const step of plan.steps) {
      b.moveAs(step.from, { type: 'propose', to: step.to, terms: step.terms });
      b.acceptAll(lastOffer(b.state));
    }
    // Win the public back (ratification): the levers that lift it, as turns come, until the mandate is met.
    if (plan.sign) b.winMandate();
    // Signing is not a formal move: each delegation signs at once.
    if (plan.sign) {
      for (const r of ua.roles) if (b.state.phase !== 'ended') b.step(r.id, { type: 'sign' });
    } else b.step(F, { type: 'end' });
    return tableDebrief(ua, { code: 'T', state: b.state }, null);
  };

  it('bundled: territory and the guarantee in one package break the rule, with Russia at the guarantee', () => {
    const d = run(plans.bundled);
    expect(d.outcome).toBe('deal');
    expect(d.sequencing).toMatchObject({ order: 'together', broken: true, excluded: true });
    expect(d.sequencing.text).toMatch(
      /^Territory and the line and Security guarantees for Ukraine were settled in one package/,
    );
    expect(d.sequencing.text).toMatch(
      /the deal lost durability\. Russia was a party to Security guarantees for Ukraine/,
    );
  });

  it('territory first: the line before the guarantee, the guarantee without Russia', () => {
    const d = run(plans.territoryFirst);
    expect(d.outcome).toBe('deal');
    expect(d.sequencing).toMatchObject({ order: 'later_then_first', broken: true, excluded: false });
    const [territory, guarantees] = ['territory', 'guarantees'].map((i) => d.clauses.find((c) => c.issue === i)!);
    expect(territory.seq).toBeLessThan(guarantees.seq!);
    expect(d.sequencing.text).toBe(
      `Territory and the line was settled in round ${territory.round} before Security guarantees for Ukraine (round ${guarantees.round}): Ukraine's public support fell, and the deal lost durability.`,
    );
  });

  it('no deal: no mistake, no durability, every gain zero', () => {
    const d = run(plans.noDeal);
    expect(d.outcome).toBe('ended');
    expect(d.sequencing).toMatchObject({ order: 'neither', broken: false, excluded: false });
    expect(d.sequencing.text).not.toMatch(/durability|fell|before|one package/);
    expect(d.durability).toBeNull();
    for (const r of d.roles) expect(r.gain).toBe(0);
  });
});
