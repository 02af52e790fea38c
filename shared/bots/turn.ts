import { NOTE_MAX, isMyTurn, type PublicScenario, type RoleId, type View } from '../engine/index.js';
import { seedRng } from '../engine/rng.js';
import { decide } from './bot.js';
import { NO_MEMORY, type BotDecision, type BotInput, type BotMemory, type Strategy } from './types.js';

// How a bot takes a turn, the same at live tables (server/rooms/bot-seats.ts) and in self-play
// (self-play.ts), so the simulator's figures come from the loop the live tables run.

/** One bot at one delegation: its strategy, what it remembers and its RNG state (plain JSON). */
export interface BotSeat {
  role: RoleId;
  strategy: Strategy;
  memory: BotMemory;
  rng: number;
}

/**
 * The RNG seed of the bot at a delegation: from the game's seed and the delegation's index in the
 * scenario's role list, so a table's bots (and a self-play game's) are reproducible.
 */
export function botSeed(gameSeed: number, roleIndex: number): number {
  return seedRng((gameSeed * 31 + roleIndex * 7919 + 1) | 0);
}

/** A fresh bot for delegation `role` of a game seeded `gameSeed`; `role` must be one of the scenario's roles. */
export function newBot(s: Pick<PublicScenario, 'roles'>, gameSeed: number, role: RoleId, strategy: Strategy): BotSeat {
  return {
    role,
    strategy,
    memory: NO_MEMORY,
    rng: botSeed(
      gameSeed,
      s.roles.findIndex((r) => r.id === role),
    ),
  };
}

/** One bot turn: what it decided (as decide() returned it), the move it makes, and the bot after it. */
export interface BotTurn {
  input: BotInput;
  /** decide()'s own answer, for tracing. */
  decided: BotDecision;
  /** The move the bot makes: on its turn with nothing better it passes; an offer carries its public reason as its note. */
  decision: BotDecision;
  bot: BotSeat;
}

/** Decides the bot's next move from its own view only; pure (same bot, view and scenario, same turn). */
export function botTurn(bot: BotSeat, view: View, s: PublicScenario): BotTurn {
  const input: BotInput = { view, scenario: s, strategy: bot.strategy, memory: bot.memory, rng: bot.rng };
  const decided = decide(input);
  let decision = decided;
  // A bot with nothing better on its turn passes rather than stall the table.
  if (!decision.action && isMyTurn(view, s, bot.role))
    decision = { ...decision, action: { type: 'pass' }, reason: 'We hold our position this round.' };
  const a = decision.action;
  // An offer carries its reason as its note, seen by exactly the offer's parties.
  if (a && (a.type === 'propose' || a.type === 'counter') && !a.note)
    decision = { ...decision, action: { ...a, note: decision.reason.slice(0, NOTE_MAX) } };
  return { input, decided, decision, bot: { ...bot, memory: decided.memory, rng: decided.rng } };
}
