import { expect } from 'vitest';
import {
  applyAction,
  createGame,
  type Action,
  type ErrorCode,
  type GameState,
  type LoggedAction,
  type Seat,
} from '../../../shared/engine/index.js';
import type { GameOptions } from '../../../shared/engine/create.js';
import type { Scenario } from '../../../shared/scenario/schema.js';
import { parseScenario } from '../../../shared/scenario/load.js';
import { miniScenarioData } from '../../fixtures/mini-scenario.js';

/** One scripted step: who acts, what, and the error code expected (null = accepted); optional clock. */
export type Step = [Seat, Action, ErrorCode | null] | [Seat, Action, ErrorCode | null, number];

export interface ScriptRun {
  state: GameState;
  log: LoggedAction[];
  opts: GameOptions;
}

/**
 * Replays steps on a fresh game and checks every answer: accepted steps must be ok,
 * refused steps must give the expected code and return nothing but the error (state untouched).
 */
export function runScript(s: Scenario, seed: number, steps: Step[], extra: Omit<GameOptions, 'seed'> = {}): ScriptRun {
  const opts: GameOptions = { seed, ...extra };
  let state = createGame(s, opts);
  const log: LoggedAction[] = [];
  steps.forEach((step, i) => {
    const [seat, action, expected] = step;
    const at = step[3] ?? (i + 1) * 1000;
    const before = state;
    const r = applyAction(state, action, { scenario: s, seat, now: at });
    const where = `step ${i} (${seat} ${action.type})`;
    if (expected === null) {
      expect(r.ok ? null : r.error, where).toBeNull();
      if (r.ok) {
        state = r.state;
        log.push({ seat, at, action });
      }
    } else {
      expect(r.ok ? 'ok' : r.error.code, where).toBe(expected);
      expect(state, where).toBe(before);
    }
  });
  return { state, log, opts };
}

/** A table driven step by step in tests; every call checks its outcome. */
export class Table {
  state: GameState;
  now = 1000;
  constructor(
    readonly s: Scenario,
    opts: GameOptions = { seed: 1 },
  ) {
    this.state = createGame(s, opts);
  }

  try(seat: Seat, action: Action) {
    return applyAction(this.state, action, { scenario: this.s, seat, now: this.now });
  }

  /** Applies an action that must be accepted. */
  ok(seat: Seat, action: Action): GameState {
    const r = this.try(seat, action);
    if (!r.ok) throw new Error(`${seat} ${action.type} refused: ${r.error.code} ${r.error.message}`);
    this.state = r.state;
    return r.state;
  }

  /** Applies an action that must be refused with `code`; the state must be the very same object. */
  err(seat: Seat, action: Action, code: ErrorCode): string {
    const before = this.state;
    const r = this.try(seat, action);
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
    if (r.ok) throw new Error('unreachable');
    expect(r.error.message.length).toBeGreaterThan(5);
    expect(this.state).toBe(before);
    return r.error.message;
  }

  /** From setup (or any live phase) to the moves phase of the current or next round. */
  toMoves(): this {
    if (this.state.phase === 'setup') this.ok('facilitator', { type: 'start' });
    while (this.state.phase !== 'moves') this.ok('facilitator', { type: 'advance' });
    return this;
  }

  /** Whoever is on turn passes until the phase leaves moves. */
  passRest(): this {
    while (this.state.phase === 'moves') this.ok(this.turn(), { type: 'pass' });
    return this;
  }

  /** Passes the turns until `seat` is on turn (throws if the moves phase ends first). */
  passUntil(seat: Seat): this {
    while (this.turn() !== seat) {
      if (this.state.phase !== 'moves') throw new Error(`moves phase ended before ${seat}'s turn`);
      this.ok(this.turn(), { type: 'pass' });
    }
    return this;
  }

  turn(): string {
    const t = this.state.phase === 'moves' ? this.state.turnOrder[this.state.turn] : undefined;
    if (!t) throw new Error(`nobody is on turn (phase ${this.state.phase})`);
    return t;
  }

  /** Finishes this round and goes to the next round's moves phase. */
  nextMoves(): this {
    this.passRest();
    this.ok('facilitator', { type: 'advance' });
    return this.toMoves();
  }

  lastOffer() {
    return this.state.offers[this.state.offers.length - 1];
  }
}

/** The mini scenario after an edit of its raw data (must stay valid). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function miniVariant(edit: (d: any) => void): Scenario {
  const d = miniScenarioData();
  edit(d);
  const r = parseScenario(d, 'mini-variant.json');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

/** The mini scenario plus a third, optional issue "fish" (signed by b and c, fallback f1). */
export function miniWithFish(): Scenario {
  return miniVariant((d) => {
    d.issues.push({
      id: 'fish',
      title: 'Fishing',
      description: 'Who fishes where.',
      signatories: ['b', 'c'],
      required: false,
      fallback: 'f1',
      source: 'invented-for-tests',
      options: [
        {
          id: 'f1',
          label: 'Shared',
          description: 'Both fish.',
          effects: { trust: 5 },
          durability: 2,
          source: 'invented-for-tests',
        },
        {
          id: 'f2',
          label: 'Closed',
          description: 'Nobody fishes.',
          effects: {},
          durability: 0,
          source: 'invented-for-tests',
        },
      ],
    });
    for (const r of d.roles) r.points.fish = { f1: 7, f2: 3 };
  });
}

/** Clamps like a meter. */
export function clamp(x: number, min = 0, max = 100): number {
  return Math.min(max, Math.max(min, x));
}
