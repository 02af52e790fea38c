import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { durabilityOf, packagePoints, type GameState } from '../../../shared/engine/index.js';
import type { Scenario } from '../../../shared/scenario/schema.js';
import { loadScenarioFile, SCENARIO_DIR } from '../../../server/scenarios.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { clamp, runScript, type Step } from './helpers.js';
import { consensusPackage, ScriptBuilder } from './script-builder.js';

const r2 = (x: number) => Math.round(x * 100) / 100;

/** Scores recomputed from the rules in docs/rules.md, not with the engine's own scoring code. */
function expectScores(s: Scenario, state: GameState) {
  const o = state.outcome!;
  const round = Math.max(1, o.round);
  for (const role of s.roles) {
    const wa = r2(role.walkAway[Math.min(round, role.walkAway.length) - 1] + state.walkAwayShift[role.id]);
    const cost = state.warCost[role.id];
    // The political cost of the sequencing rule comes off the score too, deal or no deal.
    const pol = state.politicalCost[role.id] ?? 0;
    const sc = o.scores[role.id];
    expect(sc.walkAway, role.id).toBe(wa);
    expect(sc.warCost, role.id).toBe(cost);
    if (o.kind === 'deal') {
      const pts = Object.entries(o.terms).reduce((a, [i, opt]) => a + role.points[i][opt], 0);
      expect(sc.dealPoints, role.id).toBeCloseTo(pts, 6);
      expect(sc.score, role.id).toBeCloseTo(
        r2((o.durability! / 100) * pts + (1 - o.durability! / 100) * wa - cost - pol),
        6,
      );
      expect(sc.gain, role.id).toBeCloseTo(r2(sc.score - r2(wa - cost - pol)), 6);
    } else {
      expect(sc.dealPoints).toBeNull();
      expect(sc.score, role.id).toBe(r2(wa - cost - pol));
      expect(sc.gain, role.id).toBe(0);
    }
  }
}

describe('mini scenario, literal scripts', () => {
  const s = miniScenario();

  it('to a signed deal', () => {
    const steps: Step[] = [
      ['a', { type: 'start' }, 'seat/not_allowed'],
      ['facilitator', { type: 'start' }, null],
      ['a', { type: 'chat', channel: 'public', text: 'Shall we split the land?' }, null],
      ['facilitator', { type: 'advance' }, null], // talks
      ['a', { type: 'propose', to: ['b'], terms: { land: 'y' } }, 'phase/wrong_phase'],
      ['facilitator', { type: 'advance' }, null], // moves: a, b, c
      ['b', { type: 'pass' }, 'move/not_your_turn'],
      ['a', { type: 'sign' }, 'sign/not_ready'],
      // Offers count apart from public chat (private ids): the chat above was m1, this offer is o1.
      ['a', { type: 'propose', to: ['b', 'c'], terms: { guard: 'p', land: 'y' } }, null],
      ['b', { type: 'accept', offer: 'o2' }, 'offer/unknown'],
      ['b', { type: 'accept', offer: 'o1' }, null],
      ['c', { type: 'accept', offer: 'o1' }, null], // both clauses settle together: the sequencing rule breaks (issue 10)
      ['c', { type: 'sign' }, null], // signing is not a formal move: it works in the resolution phase too
      ['facilitator', { type: 'advance' }, null], // round 2 news
      ['facilitator', { type: 'advance' }, null],
      ['facilitator', { type: 'advance' }, null], // moves: b, c, a
      ['b', { type: 'sign' }, null],
      ['c', { type: 'sign' }, 'sign/already_signed'],
      ['b', { type: 'sign' }, 'sign/already_signed'],
      ['a', { type: 'sign' }, null],
      ['a', { type: 'pass' }, 'game/ended'],
    ];
    const { state } = runScript(s, 11, steps);
    expect(state.phase).toBe('ended');
    expect(state.outcome).toMatchObject({
      kind: 'deal',
      round: 2,
      terms: { guard: 'p', land: 'y' },
      sequencingBroken: true,
      record: { order: 'together' },
    });
    expect(state.clauses).toEqual({
      guard: { issue: 'guard', option: 'p', round: 1, seq: 1 },
      land: { issue: 'land', option: 'y', round: 1, seq: 2 },
    });
    // The cease-fire issue (land) settled in round 1, so no war cost was ever charged.
    expect(state.warCost).toEqual({ a: 0, b: 0, c: 0 });
    expect(state.outcome!.durability).toBe(durabilityOf(s, { guard: 'p', land: 'y' }, state.meters, true));
    expectScores(s, state);
  });

  it('to no deal', () => {
    const steps: Step[] = [['facilitator', { type: 'start' }, null]];
    for (let round = 1; round <= 2; round++) {
      const order = round === 1 ? ['a', 'b', 'c'] : ['b', 'c', 'a'];
      steps.push(['facilitator', { type: 'advance' }, null], ['facilitator', { type: 'advance' }, null]);
      steps.push([order[1], { type: 'pass' }, 'move/not_your_turn']);
      for (const r of order)
        steps.push([r, round === 1 && r === 'c' ? { type: 'lever', lever: 'push' } : { type: 'pass' }, null]);
      steps.push(['facilitator', { type: 'advance' }, null]);
    }
    steps.push(['a', { type: 'ready' }, 'game/ended']);
    const { state } = runScript(s, 12, steps, { rounds: 2 });
    expect(state.outcome).toMatchObject({ kind: 'no_deal', round: 2, terms: {}, durability: null });
    expect(state.eventsDrawn).toHaveLength(2);
    expect(state.leversUsed.c).toEqual({ push: 1 });
    expect(state.walkAwayShift.a).toBe(-2 + 0); // the lever; e1/e2 never shift a
    for (const r of ['a', 'b', 'c']) expect(state.warCost[r]).toBeGreaterThan(0);
    expectScores(s, state);
  });

  it('with the sequencing mistake', () => {
    const steps: Step[] = [
      ['facilitator', { type: 'start' }, null],
      ['facilitator', { type: 'advance' }, null],
      ['facilitator', { type: 'advance' }, null], // moves: a, b, c
      ['a', { type: 'propose', to: ['b'], terms: { land: 'z' } }, null], // o1
      ['b', { type: 'accept', offer: 'o1' }, null], // land settles before the guarantee
      ['c', { type: 'propose', to: ['a'], terms: { land: 'y', guard: 'p' } }, 'offer/issue_settled'],
      ['c', { type: 'propose', to: ['a'], terms: { guard: 'p' } }, null], // o2
      ['facilitator', { type: 'advance' }, null],
      ['facilitator', { type: 'advance' }, null],
      ['facilitator', { type: 'advance' }, null], // round 2 moves: b, c, a
      ['b', { type: 'pass' }, null],
      ['c', { type: 'pass' }, null],
      ['a', { type: 'accept', offer: 'o2' }, null],
      ['facilitator', { type: 'advance' }, null],
      ['facilitator', { type: 'advance' }, null],
      ['facilitator', { type: 'advance' }, null], // round 3 moves: c, a, b
      ['c', { type: 'sign' }, null],
      ['a', { type: 'sign' }, null],
      ['b', { type: 'sign' }, null],
    ];
    const { state } = runScript(s, 13, steps);
    expect(state.sequencingBroken).toBe(true);
    expect(state.meters.support).toBe(40);
    expect(state.clauses.land.seq).toBe(1);
    expect(state.clauses.guard.seq).toBe(2);
    const o = state.outcome!;
    expect(o).toMatchObject({ kind: 'deal', round: 3, terms: { guard: 'p', land: 'z' }, sequencingBroken: true });
    expect(o.durability).toBe(durabilityOf(s, o.terms, state.meters, false) - 15);
    expectScores(s, state);
  });
});

/** The three generic scripts, written by the builder and replayed with runScript. */
function scenarioScripts(name: string, load: () => Scenario) {
  describe(`${name}: scripts`, () => {
    it('to a signed deal, one package with every issue', () => {
      const s = load();
      const ids = s.roles.map((r) => r.id);
      const pkg = consensusPackage(s);
      const b = new ScriptBuilder(s, { seed: 21, rounds: Math.min(s.rounds.max, 6) });
      b.step(ids[0], { type: 'start' }, 'seat/not_allowed');
      b.step('facilitator', { type: 'start' });
      b.step(ids[0], { type: 'chat', channel: 'public', text: 'We come to make peace.' });
      b.toMoves();
      b.step(ids[1], { type: 'pass' }, 'move/not_your_turn');
      b.step(ids[0], { type: 'sign' }, 'sign/not_ready');
      const red = s.roles[0].redLines[0];
      if (red) {
        const [issue, option] = red.split('.');
        b.step(ids[0], { type: 'propose', to: ids.slice(1), terms: { ...pkg, [issue]: option } }, 'offer/red_line');
      }
      b.step(ids[0], { type: 'propose', to: ids.slice(1), terms: pkg });
      const offer = b.state.offers.at(-1)!.id;
      b.acceptAll(offer);
      b.winMandate().signAll();
      b.step(ids[1], { type: 'pass' }, 'game/ended');

      const { state } = runScript(s, 21, b.steps, { rounds: Math.min(s.rounds.max, 6) });
      expect(state).toEqual(b.state);
      const o = state.outcome!;
      expect(o.kind).toBe('deal');
      expect(o.terms).toEqual(pkg);
      expect(Object.fromEntries(Object.values(state.clauses).map((c) => [c.issue, c.option]))).toEqual(pkg);
      // One package with every issue: the later issue settles with the first, which breaks the sequencing rule.
      const q = s.mechanics.sequencing;
      expect(o.sequencingBroken).toBe(!!q && q.first in pkg && q.later in pkg);
      expect(o.record.excludedAtFirst).toBe(!!q?.excluded && q.first in pkg);
      expect(o.durability).toBe(durabilityOf(s, pkg, state.meters, o.sequencingBroken, o.record.excludedAtFirst));
      expect([...state.signatures].sort()).toEqual([...ids].sort());
      for (const r of ids) expect(o.scores[r].dealPoints).toBe(packagePoints(s, r, pkg));
      expectScores(s, state);
    });

    it('to no deal, with a lever pulled and one refused', () => {
      const s = load();
      const ids = s.roles.map((r) => r.id);
      const rounds = Math.min(s.rounds.max, 3);
      const puller = s.roles.find((r) => r.levers.some((l) => l.uses === 1))!;
      const lever = puller.levers.find((l) => l.uses === 1)!;
      const b = new ScriptBuilder(s, { seed: 22, rounds });
      b.step('facilitator', { type: 'start' });
      b.toMoves();
      b.moveAs(puller.id, { type: 'lever', lever: lever.id });
      const phase = () => b.state.phase; // read afresh: every step replaces the state
      while (phase() === 'moves') b.step(b.t.turn(), { type: 'pass' });
      b.moveAs(puller.id, { type: 'lever', lever: lever.id }, 'lever/used_up');
      while (phase() !== 'ended') {
        if (phase() === 'moves') b.step(b.t.turn(), { type: 'pass' });
        else b.step('facilitator', { type: 'advance' });
      }
      const { state } = runScript(s, 22, b.steps, { rounds });
      expect(state).toEqual(b.state);
      expect(state.outcome).toMatchObject({
        kind: 'no_deal',
        round: rounds,
        terms: {},
        durability: null,
        warResumed: null,
      });
      expect(state.eventsDrawn).toHaveLength(rounds);
      expect(state.leversUsed[puller.id][lever.id]).toBe(1);
      for (const r of ids) expect(state.warCost[r]).toBe(r2(state.warCost[r]));
      for (const r of s.roles)
        if ((s.mechanics.costOfTime.perRound[r.id] ?? 0) > 0) expect(state.warCost[r.id]).toBeGreaterThan(0);
      expectScores(s, state);
    });

    it('with the sequencing mistake', () => {
      const s = load();
      const q = s.mechanics.sequencing;
      expect(q).toBeDefined();
      const ids = s.roles.map((r) => r.id);
      const pkg = consensusPackage(s);
      const later = s.issues.find((i) => i.id === q!.later)!;
      const [proposer, ...others] = later.signatories;
      const rounds = Math.min(s.rounds.max, 6);
      const b = new ScriptBuilder(s, { seed: 23, rounds });
      b.step('facilitator', { type: 'start' });
      b.moveAs(proposer, { type: 'propose', to: others, terms: { [q!.later]: pkg[q!.later] } });
      const first = b.state.offers.at(-1)!.id;
      // Every recipient but the last accepts; the meter is read just before the last acceptance.
      const last = others.at(-1)!;
      const firstOffer = () => b.state.offers.find((x) => x.id === first)!;
      while (
        firstOffer().status === 'open' &&
        !(
          b.state.phase === 'moves' &&
          b.t.turn() === last &&
          others.every((r) => r === last || firstOffer().answers[r])
        )
      ) {
        b.toMoves();
        const seat = b.t.turn();
        b.step(
          seat,
          seat !== last && others.includes(seat) && !firstOffer().answers[seat]
            ? { type: 'accept', offer: first }
            : { type: 'pass' },
        );
      }
      const before = b.state.meters[q!.meter];
      b.step(last, { type: 'accept', offer: first });
      const meter = s.meters.find((m) => m.id === q!.meter)!;
      const effect = later.options.find((o) => o.id === pkg[q!.later])!.effects[q!.meter] ?? 0;
      expect(b.state.sequencingBroken).toBe(true);
      expect(b.state.meters[q!.meter]).toBe(
        clamp(clamp(before + effect, meter.min, meter.max) + q!.meterDelta, meter.min, meter.max),
      );
      // The rest of the package, proposed by whoever is on turn to everyone else.
      b.toMoves();
      const next = b.t.turn();
      const rest = Object.fromEntries(Object.entries(pkg).filter(([i]) => i !== q!.later));
      b.step(next, { type: 'propose', to: ids.filter((r) => r !== next), terms: rest });
      const second = b.state.offers.at(-1)!.id;
      b.acceptAll(second);
      b.winMandate().signAll();

      const { state } = runScript(s, 23, b.steps, { rounds });
      expect(state).toEqual(b.state);
      const o = state.outcome!;
      expect(o).toMatchObject({ kind: 'deal', sequencingBroken: true, terms: pkg });
      expect(state.clauses[q!.later].seq).toBeLessThan(state.clauses[q!.first].seq);
      // The rest went to every delegation: where the scenario keeps a party away from the first issue, that costs too.
      expect(o.record.excludedAtFirst).toBe(!!q!.excluded && q!.first in rest);
      expect(o.durability).toBe(durabilityOf(s, pkg, state.meters, true, o.record.excludedAtFirst));
      expectScores(s, state);
    });
  });
}

scenarioScripts('mini', miniScenario);
const small = join(SCENARIO_DIR, 'small.json');
const ukraine = join(SCENARIO_DIR, 'ukraine.json');
scenarioScripts('harbour_dispute (small.json)', () => {
  expect(existsSync(small), 'shared/scenarios/small.json must exist').toBe(true);
  return loadScenarioFile(small);
});
scenarioScripts('ukraine_peace_talks', () => loadScenarioFile(ukraine));
