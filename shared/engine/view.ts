import type { Role, Scenario } from '../scenario/schema.js';
import { walkAwayValue } from './scoring.js';
import { channelMembers } from './talk.js';
import { currentTurn } from './phases.js';
import type { ChatMessage, Clause, GameState, Offer, Outcome, Phase, RoleId, Seat, TimelineEntry } from './types.js';
import { FACILITATOR } from './types.js';

/** What one delegation alone knows about itself. */
export interface PrivateInfo {
  role: Role;
  walkAwayNow: number;
  /** Walk-away value for each round of this game, shifts included. */
  walkAwayCurve: number[];
  leversUsed: Record<string, number>;
}

/** Everything a seat may see; built only by viewFor. */
export interface View {
  seat: Seat;
  scenarioId: string;
  phase: Phase;
  round: number;
  rounds: number;
  paused: boolean;
  deadline: number | null;
  pausedLeft: number | null;
  turnOrder: RoleId[];
  turn: RoleId | null;
  moved: RoleId[];
  ready: RoleId[];
  meters: Record<string, number>;
  warCost: Record<RoleId, number>;
  event: string | null;
  eventsDrawn: GameState['eventsDrawn'];
  clauses: Record<string, Clause>;
  signatures: RoleId[];
  refusals: [RoleId, RoleId][];
  sequencingBroken: boolean;
  offers: Offer[];
  chat: ChatMessage[];
  timeline: TimelineEntry[];
  outcome: Outcome | null;
  me: PrivateInfo | null;
  /** Only for the facilitator: every delegation's private information. */
  all: Record<RoleId, PrivateInfo> | null;
}

function privateInfo(s: Scenario, state: GameState, role: Role): PrivateInfo {
  const curve: number[] = [];
  for (let r = 1; r <= state.config.rounds; r++) curve.push(walkAwayValue(s, state, role.id, r));
  return { role, walkAwayNow: walkAwayValue(s, state, role.id), walkAwayCurve: curve, leversUsed: { ...(state.leversUsed[role.id] ?? {}) } };
}

/** The view of the game for one seat: a delegation, an observer, or the facilitator. */
export function viewFor(s: Scenario, state: GameState, seat: Seat): View {
  const god = seat === FACILITATOR;
  const role = s.roles.find((r) => r.id === seat);
  const sees = (audience: RoleId[] | null) => god || audience === null || (!!role && audience.includes(role.id));
  return {
    seat,
    scenarioId: state.scenarioId,
    phase: state.phase,
    round: state.round,
    rounds: state.config.rounds,
    paused: state.paused,
    deadline: state.deadline,
    pausedLeft: state.pausedLeft,
    turnOrder: state.turnOrder,
    turn: currentTurn(state),
    moved: state.moved,
    ready: state.ready,
    meters: state.meters,
    warCost: state.warCost,
    event: state.event,
    eventsDrawn: state.eventsDrawn,
    clauses: state.clauses,
    signatures: state.signatures,
    refusals: state.refusals,
    sequencingBroken: state.sequencingBroken,
    offers: state.offers.filter((o) => sees([o.from, ...o.to])),
    // null members = the public table; an unknown channel (undefined) is shown to nobody but the facilitator.
    chat: state.chat.filter((m) => sees(channelMembers({ scenario: s }, m.channel) ?? (m.channel === 'public' ? null : []))),
    timeline: state.timeline.filter((t) => sees(t.audience)),
    outcome: state.outcome,
    me: role ? privateInfo(s, state, role) : null,
    all: god ? Object.fromEntries(s.roles.map((r) => [r.id, privateInfo(s, state, r)])) : null,
  };
}

export type PublicRole = Pick<Role, 'id' | 'name' | 'short' | 'color'> & { profile: string; source: string };
export type PublicScenario = Omit<Scenario, 'roles'> & { roles: PublicRole[] };

/** The scenario without any delegation's confidential brief, points, red lines, walk-away values or levers. */
export function publicScenario(s: Scenario): PublicScenario {
  return {
    ...s,
    roles: s.roles.map((r) => ({ id: r.id, name: r.name, short: r.short, color: r.color, profile: r.public.profile, source: r.public.source })),
  };
}
