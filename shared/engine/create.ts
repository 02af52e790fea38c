import type { Scenario } from '../scenario/schema.js';
import { seedRng } from './rng.js';
import type { GameConfig, GameState, PlayRecord } from './types.js';

export const NO_RECORD: PlayRecord = {
  order: null,
  firstRound: null,
  laterRound: null,
  excludedAtFirst: false,
  summit: false,
  lastCall: false,
};

export interface GameOptions {
  seed: number;
  rounds?: number;
  phaseSeconds?: Partial<GameConfig['phaseSeconds']>;
  /**
   * Whether "ready" in setup can start the talks (default true, so every stored log replays as it was
   * played; a room passes its table's setting).
   */
  selfStart?: boolean;
}

/** A new game at the setup phase: nothing has happened yet. */
export function createGame(s: Scenario, opts: GameOptions): GameState {
  const rounds = Math.min(s.rounds.max, Math.max(1, Math.floor(opts.rounds ?? s.rounds.default)));
  const meters: Record<string, number> = {};
  for (const m of s.meters) meters[m.id] = m.initial;
  const zero = Object.fromEntries(s.roles.map((r) => [r.id, 0]));
  return {
    scenarioId: s.id,
    config: { rounds, selfStart: opts.selfStart ?? true, phaseSeconds: { ...s.phaseSeconds, ...opts.phaseSeconds } },
    seed: opts.seed,
    rng: seedRng(opts.seed),
    phase: 'setup',
    round: 0,
    paused: false,
    deadline: null,
    pausedLeft: null,
    turnOrder: s.roles.map((r) => r.id),
    turn: 0,
    moved: [],
    ready: [],
    meters,
    walkAwayShift: { ...zero },
    warCost: { ...zero },
    deck: s.events.map((e) => e.id),
    event: null,
    eventsDrawn: [],
    offers: [],
    acceptances: {},
    clauses: {},
    signatures: [],
    leversUsed: Object.fromEntries(s.roles.map((r) => [r.id, {}])),
    refusals: [],
    chat: [],
    timeline: [],
    sequencingBroken: false,
    record: { ...NO_RECORD },
    politicalCost: { ...zero },
    outcome: null,
    nextId: 1,
    nextPrivateId: 1,
  };
}
