import type { Action, PublicScenario, View } from '../engine/index.js';

/** How a bot concedes over time (Faratin et al. time-dependent tactics, plus a tit-for-tat). */
export type StrategyName = 'boulware' | 'conceder' | 'linear' | 'tft';

export interface Strategy {
  name: StrategyName;
  /** The sequencing role's bot, when careful, never lets `later` settle before `first`. */
  careful: boolean;
}

/** What a bot remembers between its decisions (plain JSON). */
export interface BotMemory {
  /** Terms (canonical keys) of this bot's own offers that were turned down. */
  rebuffed: string[];
  proposals: number;
  /** Packages it called acceptable in the talks (promiseKey): proposed as floated, it accepts them first. */
  promised?: string[];
}

export interface BotInput {
  /** The bot's own view: viewFor(scenario, state, itsRole). */
  view: View;
  scenario: PublicScenario;
  strategy: Strategy;
  memory: BotMemory | null;
  /** Seeded RNG state (mulberry32, as in the engine). */
  rng: number;
}

export interface BotDecision {
  action: Action | null;
  /** One public line, fit to show every delegation. */
  reason: string;
  /** For the facilitator only: the numbers behind the move. */
  privateReasoning: string;
  memory: BotMemory;
  rng: number;
}

export const NO_MEMORY: BotMemory = { rebuffed: [], proposals: 0 };
