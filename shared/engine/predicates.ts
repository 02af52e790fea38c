// The rules an action must pass, written once, over the narrow shapes every caller has: the engine reads
// them from its state (tableOf), a delegation's bots and screens from their own View, the room from the
// state. applyAction refuses exactly what these refuse; tests/shared/engine/predicates.test.ts checks it
// on random games, for every seat, through each seat's own view.
import type { Issue, Scenario } from '../scenario/schema.js';
import { gameError } from './errors.js';
import { isRole, roleName } from './lookup.js';
import { currentTurn } from './phases.js';
import { FACILITATOR, SYSTEM } from './types.js';
import type { ActionType, Clause, GameError, GameState, Offer, Phase, PlayRecord, RoleId, Seat } from './types.js';
import { SIGN_PHASES } from './mechanics.js';
import { redLineKey } from './keys.js';

export { parseRedLineKey, redLineKey } from './keys.js';

/** What the rules read of the table. A seat's View has every field; the engine builds it with tableOf. */
export interface Table {
  phase: Phase;
  /** The round (0 before the talks start). */
  round: number;
  paused: boolean;
  /** The delegation on turn (moves phase only), else null. */
  turn: RoleId | null;
  ready: readonly RoleId[];
  refusals: readonly (readonly [RoleId, RoleId])[];
  clauses: Readonly<Record<string, Clause>>;
  signatures: readonly RoleId[];
  /** The public meters now (public support, war intensity...). */
  meters: Readonly<Record<string, number>>;
  /** The offers this seat may see (the engine: all of them). */
  offers: readonly Offer[];
  deadline: number | null;
  pausedLeft: number | null;
  /** Per delegation: its levers with no uses left (public: every pull is announced). */
  spentLevers: Readonly<Record<RoleId, readonly string[]>>;
  /** The delegations start the talks themselves ("ready" in setup), not the facilitator. */
  selfStart: boolean;
  /** The engine's record of the lessons' mechanics (sequencing order, leaders' channel used...). */
  record?: PlayRecord;
}

/** What the rules read of the scenario: its public part (PublicScenario and Scenario both fit). */
export interface Rules {
  roles: readonly { id: RoleId; name: string; levers: readonly { id: string; label: string }[] }[];
  issues: readonly Issue[];
  events: readonly { id: string }[];
  workingGroups: readonly { id: string; members: RoleId[] }[];
  /** The scenario's mechanics (formats, leaders' channel, sequencing...: shared/engine/mechanics.ts). */
  mechanics: Scenario['mechanics'];
  meters: Scenario['meters'];
}

/** What the rules read of the acting delegation's own brief: its red lines and its levers' uses. */
export interface Mine {
  id: RoleId;
  redLines: readonly string[];
  levers: readonly { id: string; label: string; uses: number }[];
}

/** The table as the rules see it, from the engine's state: reads the state as asked, copies nothing. */
export function tableOf(state: GameState, s: Pick<Scenario, 'roles'>): Table {
  return new StateTable(state, s);
}

/** A Table over a GameState; a class so that making one per action costs two fields (its getters are shared). */
class StateTable implements Table {
  private spent: Record<RoleId, string[]> | null = null;
  constructor(
    private readonly state: GameState,
    private readonly s: Pick<Scenario, 'roles'>,
  ) {}
  get phase() {
    return this.state.phase;
  }
  get round() {
    return this.state.round;
  }
  get paused() {
    return this.state.paused;
  }
  get turn() {
    return currentTurn(this.state);
  }
  get ready() {
    return this.state.ready;
  }
  get refusals() {
    return this.state.refusals;
  }
  get clauses() {
    return this.state.clauses;
  }
  get meters() {
    return this.state.meters;
  }
  get signatures() {
    return this.state.signatures;
  }
  get offers() {
    return this.state.offers;
  }
  get deadline() {
    return this.state.deadline;
  }
  get pausedLeft() {
    return this.state.pausedLeft;
  }
  get selfStart() {
    return this.state.config.selfStart;
  }
  get record() {
    return this.state.record;
  }
  /** Worked out only when a rule asks (offers asking a lever in return, levers). */
  get spentLevers() {
    return (this.spent ??= spentLevers(this.s, this.state.leversUsed));
  }
}

/** Per delegation, the ids of its levers pulled as often as they may be (uses, from the scenario). */
export function spentLevers(s: Pick<Scenario, 'roles'>, leversUsed: GameState['leversUsed']): Record<RoleId, string[]> {
  return Object.fromEntries(
    s.roles.map((r) => [r.id, r.levers.filter((l) => (leversUsed[r.id]?.[l.id] ?? 0) >= l.uses).map((l) => l.id)]),
  );
}

/** Whether agreeing to `option` on `issue` crosses one of this delegation's red lines. */
export function crossesRedLine(mine: Pick<Mine, 'redLines'>, issue: string, option: string): boolean {
  return mine.redLines.includes(redLineKey(issue, option));
}

/** Who receives a counter to `offer` from `seat`: the proposer and the original's other recipients. */
export function counterRecipients(offer: Pick<Offer, 'from' | 'to'>, seat: RoleId): RoleId[] {
  return [offer.from, ...offer.to.filter((r) => r !== seat)];
}

/**
 * Why `seat` may not answer (accept, reject or counter) `offer` now, or null: the offer must be open, addressed to
 * it, and not answered by it yet. The one statement of that rule: the engine's refusals and awaitsAnswer read it.
 */
export function answerRefusal(offer: Offer, seat: Seat): GameError | null {
  if (offer.status !== 'open')
    return gameError('offer/not_open', `That offer is no longer open (it was ${offer.status}).`);
  if (!offer.to.includes(seat))
    return gameError('offer/not_recipient', 'Only the recipients of an offer can answer it.');
  if (offer.answers[seat]) return gameError('offer/already_answered', 'You have already answered that offer.');
  return null;
}

/** Whether an offer waits for this delegation's answer: open, addressed to it, not answered yet (answerRefusal). */
export function awaitsAnswer(offer: Offer, seat: Seat): boolean {
  return answerRefusal(offer, seat) === null;
}

type Who = 'role' | 'facilitator' | 'clock';
/** Who may take an action, and when: formal moves in one's turn in the moves phase, others in the phases listed. */
interface ActionRule {
  who: readonly Who[];
  /** A formal move: the delegation's one move of the round, made in its turn. */
  formal?: boolean;
  phases?: readonly Phase[];
  whilePaused?: boolean;
}

const LIVE: readonly Phase[] = ['news', 'talks', 'moves', 'resolution'];
/** Phases in which a delegation may say it is ready (setup only at self-start tables, see readyInPhase). */
export const READY_PHASES: readonly Phase[] = ['setup', 'news', 'talks', 'resolution'];
/** Phases in which an offer may be withdrawn. */
export const WITHDRAW_PHASES: readonly Phase[] = ['talks', 'moves'];
const ROLE: readonly Who[] = ['role'];
const FORMAL: ActionRule = { who: ROLE, formal: true };
const FACILITATOR_LIVE: ActionRule = { who: ['facilitator'], phases: LIVE, whilePaused: true };

/** Every action: who may take it, whether it is a formal move, in which phases, and whether while paused. */
export const ACTION_RULES: { readonly [T in ActionType]: ActionRule } = {
  start: { who: ['facilitator', 'clock'], whilePaused: true },
  ready: { who: ROLE, phases: READY_PHASES },
  propose: FORMAL,
  accept: FORMAL,
  reject: FORMAL,
  counter: FORMAL,
  withdraw: { who: ROLE, phases: WITHDRAW_PHASES },
  // Not a formal move (docs/rules.md, "Signing"): the turn order never takes a signature away.
  sign: { who: ROLE, phases: SIGN_PHASES as readonly Phase[] },
  lever: FORMAL,
  pass: FORMAL,
  chat: { who: ['role', 'facilitator'], phases: ['setup', ...LIVE, 'ended'], whilePaused: true },
  refuse_channel: { who: ROLE, phases: ['setup', ...LIVE] },
  pause: FACILITATOR_LIVE,
  resume: FACILITATOR_LIVE,
  advance: { who: ['facilitator'], phases: ['setup', ...LIVE] },
  inject: FACILITATOR_LIVE,
  end: { who: ['facilitator'], phases: ['setup', ...LIVE], whilePaused: true },
  extend: FACILITATOR_LIVE,
  tick: { who: ['clock'], phases: LIVE },
  away: { who: ['clock'], phases: LIVE },
};

/** Whether `type` names an action (own keys only: "toString" or "__proto__" are not actions). */
export function isAction(type: unknown): type is ActionType {
  return typeof type === 'string' && Object.hasOwn(ACTION_RULES, type);
}

/** Formal moves (propose, accept, reject, counter, lever, pass): one per delegation per round, in its turn. */
export function isFormal(type: string): boolean {
  return isAction(type) && ACTION_RULES[type].formal === true;
}

/** Whether the phase lets a delegation say it is ready: setup only at a self-start table. */
export function readyInPhase(t: Pick<Table, 'phase' | 'selfStart'>): boolean {
  return READY_PHASES.includes(t.phase) && (t.phase !== 'setup' || t.selfStart);
}

function whoIs(s: Pick<Rules, 'roles'>, seat: Seat): Who | null {
  return seat === FACILITATOR ? 'facilitator' : seat === SYSTEM ? 'clock' : isRole(s, seat) ? 'role' : null;
}

/**
 * Whether `seat` may take an action of this type now, before what the action names is looked at:
 * the seat, the phase, the pause and, for a formal move, the turn. Returns the refusal or null.
 */
export function gateRefusal(t: Table, s: Pick<Rules, 'roles'>, seat: Seat, type: string): GameError | null {
  if (!isAction(type)) return gameError('action/unknown', `There is no action called "${type}".`);
  const rule = ACTION_RULES[type];
  const who = whoIs(s, seat);
  if (!who) return gameError('seat/unknown', `There is no seat called "${seat}".`);
  if (!rule.who.includes(who)) return gameError('seat/not_allowed', `Your seat cannot do "${type}".`);
  if (t.phase === 'ended' && type !== 'chat') return gameError('game/ended', 'The game is over.');
  if (t.paused && !rule.whilePaused) return gameError('game/paused', 'The table is paused by the facilitator.');
  if (rule.formal) {
    if (t.phase === 'setup') return gameError('game/not_started', 'The talks have not started yet.');
    if (t.phase !== 'moves') return gameError('phase/wrong_phase', 'Formal moves are made in the moves phase.');
    // A seat that has moved is never on turn again this round, so this also refuses a second move.
    if (t.turn !== seat)
      return gameError('move/not_your_turn', `It is not your turn: ${roleName(s, t.turn ?? '')} moves now.`);
    return null;
  }
  if (rule.phases && !rule.phases.includes(t.phase)) {
    if (t.phase === 'setup') return gameError('game/not_started', 'The talks have not started yet.');
    return gameError('phase/wrong_phase', `"${type}" is not possible in the ${t.phase} phase.`);
  }
  if (type === 'ready' && !readyInPhase(t)) return gameError('game/not_started', 'The facilitator starts this table.');
  return null;
}

/** Whether it is this delegation's turn to make its formal move (moves phase, on turn, table not paused or over). */
export function isMyTurn(t: Table, s: Pick<Rules, 'roles'>, seat: Seat): boolean {
  return gateRefusal(t, s, seat, 'pass') === null;
}

/**
 * Whether the table waits on this delegation with no timer to move it on: its turn in an untimed
 * moves phase, or its "ready" in an untimed news, talks or resolution phase. False while paused
 * (the facilitator holds the table), in setup and after the end. The room asks this for a
 * delegation nobody is present at (absent past the reconnection grace, or never taken).
 */
export function tableWaitsOn(
  t: Pick<Table, 'paused' | 'deadline' | 'phase' | 'turn' | 'ready'>,
  role: RoleId,
): boolean {
  if (t.paused || t.deadline !== null) return false;
  if (t.phase === 'moves') return t.turn === role;
  if (t.phase === 'news' || t.phase === 'talks' || t.phase === 'resolution') return !t.ready.includes(role);
  return false;
}
