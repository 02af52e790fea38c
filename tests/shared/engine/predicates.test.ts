import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTION_RULES,
  applyAction,
  awaitsAnswer,
  counterRecipients,
  createGame,
  crossesRedLine,
  isFormal,
  isMyTurn,
  PHASES,
  publicScenario,
  readyInPhase,
  redLineKey,
  refusal,
  tableOf,
  viewFor,
  type Action,
  type GameState,
  type Seat,
} from '../../../shared/engine/index.js';
import type { Scenario } from '../../../shared/scenario/schema.js';
import { loadScenarioFile, SCENARIO_DIR } from '../../../server/scenarios.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { choice, interpret, type Choice } from './random-actions.js';

// The engine's predicates, asked of a seat's own view, agree with applyAction on the whole state.

/** Actions worth asking about in this state, beyond the step's own: every kind, naming what exists now. */
function candidates(s: Scenario, st: GameState, c: Choice, step: Action): Action[] {
  const terms =
    'terms' in step
      ? step.terms
      : { [s.issues[c.a % s.issues.length].id]: s.issues[c.a % s.issues.length].options[c.c % 2].id };
  const roles = s.roles.map((r) => r.id);
  const all: Action[] = [
    step,
    { type: 'ready' },
    { type: 'ready', phase: st.phase, round: st.round },
    { type: 'ready', phase: PHASES[c.a % PHASES.length], round: st.round + (c.b % 2) },
    { type: 'pass' },
    { type: 'sign' },
    { type: 'start' },
    { type: 'advance' },
    { type: 'pause' },
    { type: 'resume' },
    { type: 'tick' },
    { type: 'end' },
    { type: 'extend', seconds: 10 },
    { type: 'inject', event: s.events[c.b % s.events.length].id },
    { type: 'refuse_channel', with: roles[c.a % roles.length], refuse: c.b % 2 === 0 },
    { type: 'chat', channel: `bi:${[roles[0], roles[1]].sort().join(':')}`, text: 'hi' },
  ];
  for (const o of st.offers.slice(-4))
    all.push(
      { type: 'accept', offer: o.id },
      { type: 'reject', offer: o.id },
      { type: 'withdraw', offer: o.id },
      { type: 'counter', offer: o.id, terms },
    );
  for (const r of s.roles)
    for (const l of r.levers) {
      all.push({ type: 'lever', lever: l.id });
      all.push({
        type: 'propose',
        to: roles.filter((x) => x !== roles[c.c % roles.length]).slice(0, 2),
        terms,
        inReturn: { role: r.id, lever: l.id },
      });
    }
  return all;
}

const tally = { agreed: 0, accepted: 0, codes: new Set<string>() };

function playAndCompare(s: Scenario, seed: number, timed: boolean, selfStart: boolean, choices: Choice[]): void {
  const pub = publicScenario(s);
  const seats: Seat[] = [...s.roles.map((r) => r.id), 'facilitator', 'system', 'ghost'];
  let st = createGame(s, {
    seed,
    selfStart,
    phaseSeconds: timed ? { news: 5, talks: 20, moves: 10, resolution: 5 } : undefined,
  });
  let now = 0;
  for (const c of choices) {
    now += c.wait * 1000;
    const step = interpret(s, st, c);
    const all = candidates(s, st, c, step.action);
    seats.forEach((seat, i) => {
      const view = viewFor(s, st, seat);
      // The step's own action, and a rotating handful of the others (every kind comes round over a game).
      const some = [
        all[0],
        ...Array.from({ length: 8 }, (_, k) => all[1 + ((c.a + i * 7 + k * 5) % (all.length - 1))]),
      ];
      for (const action of some) {
        const r = applyAction(st, action, { scenario: s, seat, now });
        const said = refusal(view, pub, action, now);
        expect(
          said === null,
          `${seat} ${JSON.stringify(action)} in ${st.phase}: engine ${r.ok ? 'accepts' : (r as { error: { code: string } }).error.code}, view says ${said?.code ?? 'yes'}`,
        ).toBe(r.ok);
        if (!r.ok) {
          expect(said).toEqual(r.error);
          tally.codes.add(r.error.code);
        } else tally.accepted++;
        tally.agreed++;
      }
    });
    const r = applyAction(st, step.action, { scenario: s, seat: step.seat, now });
    if (r.ok) st = r.state;
  }
}

describe.each([
  ['mini', miniScenario(), 40],
  ['harbour_dispute', loadScenarioFile(join(SCENARIO_DIR, 'small.json')), 25],
] as const)('predicates on a seat view agree with applyAction (%s)', (_name, s, numRuns) => {
  it('for random reachable states, every seat and every kind of action: allowed exactly when accepted, with the same error', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.boolean(),
        fc.boolean(),
        fc.array(choice, { minLength: 20, maxLength: 80 }),
        (seed, timed, selfStart, choices) => playAndCompare(s, seed, timed, selfStart, choices),
      ),
      { numRuns, seed: 20261130 },
    );
  }, 600_000);
});

it('the comparison saw accepted actions and many kinds of refusal', () => {
  expect(tally.accepted).toBeGreaterThan(tally.agreed / 50);
  expect(tally.codes.size).toBeGreaterThan(20);
  expect(tally.codes.has('ready/stale')).toBe(true);
});

describe('the small predicates', () => {
  const s = miniScenario();

  it('ready in setup only at a self-start table; never in moves or after the end', () => {
    expect(readyInPhase({ phase: 'setup', selfStart: true })).toBe(true);
    expect(readyInPhase({ phase: 'setup', selfStart: false })).toBe(false);
    expect(readyInPhase({ phase: 'talks', selfStart: false })).toBe(true);
    expect(readyInPhase({ phase: 'moves', selfStart: true })).toBe(false);
    expect(readyInPhase({ phase: 'ended', selfStart: true })).toBe(false);
    const st = createGame(s, { seed: 1, selfStart: false });
    expect(applyAction(st, { type: 'ready' }, { scenario: s, seat: 'a', now: 0 })).toMatchObject({
      ok: false,
      error: { code: 'game/not_started' },
    });
    expect(applyAction(createGame(s, { seed: 1 }), { type: 'ready' }, { scenario: s, seat: 'a', now: 0 }).ok).toBe(
      true,
    );
  });

  it('formal moves are the six that use a delegation’s turn (signing is not one, issue 10)', () => {
    const all = Object.keys(ACTION_RULES) as Action['type'][];
    expect(all.filter(isFormal)).toEqual(['propose', 'accept', 'reject', 'counter', 'lever', 'pass']);
    expect(isFormal('toString')).toBe(false);
  });

  it('the turn, counter recipients, answers awaited and the red-line key', () => {
    let st = createGame(s, { seed: 2 });
    for (const a of [{ type: 'start' }, { type: 'advance' }, { type: 'advance' }] as Action[])
      st = (applyAction(st, a, { scenario: s, seat: 'facilitator', now: 0 }) as { state: GameState }).state;
    const onTurn = st.turnOrder[st.turn];
    expect(isMyTurn(tableOf(st, s), s, onTurn)).toBe(true);
    expect(isMyTurn(viewFor(s, st, onTurn), s, onTurn)).toBe(true);
    expect(s.roles.filter((r) => isMyTurn(tableOf(st, s), s, r.id))).toHaveLength(1);
    const offer = {
      id: 'o1',
      from: 'a',
      to: ['b', 'c'],
      terms: {},
      inReturn: null,
      note: '',
      round: 1,
      status: 'open' as const,
      answers: {},
      counterTo: null,
    };
    expect(counterRecipients(offer, 'b')).toEqual(['a', 'c']);
    expect(awaitsAnswer(offer, 'b')).toBe(true);
    expect(awaitsAnswer({ ...offer, answers: { b: 'rejected' } }, 'b')).toBe(false);
    expect(awaitsAnswer(offer, 'a')).toBe(false);
    expect(redLineKey('land', 'x')).toBe('land.x');
    expect(
      crossesRedLine(
        s.roles.find((r) => r.id === 'b')!,
        'land',
        'x',
      ),
    ).toBe(true);
    expect(
      crossesRedLine(
        s.roles.find((r) => r.id === 'a')!,
        'land',
        'x',
      ),
    ).toBe(false);
  });
});
