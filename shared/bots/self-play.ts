import { applyAction, createGame, currentTurn, publicScenario, viewFor } from '../engine/index.js';
import type { Action, GameState, RoleId, Seat, View } from '../engine/index.js';
import type { Scenario } from '../scenario/schema.js';
import { strategy as makeStrategy } from './strategies.js';
import { botTurn, newBot, type BotSeat } from './turn.js';
import type { BotDecision, BotInput, Strategy } from './types.js';

export interface SelfPlayOptions {
  seed: number;
  /** One strategy per role id; roles not named play `linear`. */
  strategies?: Record<RoleId, Strategy>;
  rounds?: number;
  /** Keep each bot's public reasons (off by default, for speed). */
  keepReasons?: boolean;
  /** Scripted players: for these roles, `play` replaces the bot (null: nothing to do, as a bot's idle). */
  players?: Record<RoleId, (view: View) => Action | null>;
  /** Called before each bot decision is applied, with decide()'s own answer (for tests and tracing). */
  observe?: (state: GameState, input: BotInput, decision: BotDecision) => void;
}

export interface IllegalMove {
  seat: Seat;
  action: Action;
  code: string;
  message: string;
}

export interface SelfPlayResult {
  state: GameState;
  /** Actions the engine refused; the bots must never send one. */
  illegal: IllegalMove[];
  actions: number;
  reasons: { seat: RoleId; round: number; action: Action['type']; reason: string; privateReasoning: string }[];
}

const STEP_MS = 1000;
const MAX_ACTIONS = 10_000;

/**
 * Plays a whole game between bots, in-process, with a deterministic fake clock: a self-start table whose
 * bots take their turns through botTurn, as at a live table.
 */
export function playBotGame(s: Scenario, opts: SelfPlayOptions): SelfPlayResult {
  const pub = publicScenario(s);
  let state = createGame(s, {
    seed: opts.seed,
    rounds: opts.rounds,
    selfStart: true,
    phaseSeconds: { news: 0, talks: 0, moves: 0, resolution: 0 },
  });
  const roles = s.roles.map((r) => r.id);
  const bots: Record<RoleId, BotSeat> = Object.fromEntries(
    roles.map((r) => [r, newBot(pub, opts.seed, r, opts.strategies?.[r] ?? makeStrategy('linear'))]),
  );
  const result: SelfPlayResult = { state, illegal: [], actions: 0, reasons: [] };
  let now = 0;
  const act = (seat: Seat, action: Action): boolean => {
    now += STEP_MS;
    result.actions += 1;
    const r = applyAction(state, action, { scenario: s, seat, now });
    if (r.ok) {
      state = r.state;
      return true;
    }
    result.illegal.push({ seat, action, code: r.error.code, message: r.error.message });
    return false;
  };
  const turn = (role: RoleId): boolean => {
    const player = opts.players?.[role];
    if (player) {
      const action = player(viewFor(s, state, role));
      return action ? act(role, action) : false;
    }
    const t = botTurn(bots[role], viewFor(s, state, role), pub);
    opts.observe?.(state, t.input, t.decided);
    bots[role] = t.bot;
    const d = t.decision;
    if (!d.action) return false;
    if (opts.keepReasons)
      result.reasons.push({
        seat: role,
        round: state.round,
        action: d.action.type,
        reason: d.reason,
        privateReasoning: d.privateReasoning,
      });
    return act(role, d.action);
  };
  while (state.phase !== 'ended' && result.actions < MAX_ACTIONS) {
    if (state.phase === 'moves') {
      const seat = currentTurn(state)!;
      // A bot whose move the engine refused would stall the table: the clock makes it pass.
      if (!turn(seat)) act(seat, { type: 'pass' });
      continue;
    }
    const phase = state.phase;
    const round = state.round;
    for (const r of roles) {
      if (state.phase !== phase || state.round !== round) break;
      turn(r);
    }
    if (state.phase === phase && state.round === round) act('facilitator', { type: 'advance' });
  }
  result.state = state;
  return result;
}
