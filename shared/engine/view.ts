import type { Role, Scenario } from '../scenario/schema.js';
import { entries } from './chunked.js';
import { isRole, round2 } from './lookup.js';
import { NO_RECORD } from './create.js';
import { walkAwayValue } from './scoring.js';
import { channelMembers } from './talk.js';
import { currentTurn } from './phases.js';
import { spentLevers } from './predicates.js';
import type {
  ChatMessage,
  Clause,
  GameState,
  Offer,
  Outcome,
  Phase,
  PlayRecord,
  RoleId,
  Seat,
  TimelineEntry,
} from './types.js';
import { FACILITATOR } from './types.js';

/** What one delegation alone knows about itself. */
export interface PrivateInfo {
  role: Role;
  walkAwayNow: number;
  /** Walk-away value for each round of this game, shifts included. */
  walkAwayCurve: number[];
  /** Walk-away value at the next round (what waiting one more month is worth), shifts included. */
  walkAwayNext: number;
  /** War cost this delegation has paid so far (taken off its final score, deal or no deal). */
  warCost: number;
  /** Political cost so far (the sequencing rule), also taken off its final score. */
  politicalCost: number;
  /** What walking away now would score: walk-away now less war cost and political cost. */
  noDealNow: number;
  leversUsed: Record<string, number>;
}

/** Everything a seat may see; built only by viewFor. */
export interface View {
  seat: Seat;
  scenarioId: string;
  phase: Phase;
  round: number;
  rounds: number;
  /** The delegations start the talks themselves ("ready" in setup), not the facilitator. */
  selfStart: boolean;
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
  /** Per delegation: its levers with no uses left (public: every pull is announced). */
  spentLevers: Record<RoleId, string[]>;
  sequencingBroken: boolean;
  /** The engine's record of the sequencing and format mechanics so far (public: clauses are public). */
  record: PlayRecord;
  offers: Offer[];
  chat: ChatMessage[];
  timeline: TimelineEntry[];
  /**
   * A bounded whole view (fullView with a limit) carries only the seat's last lines: how many chat lines /
   * timeline entries this seat sees come before `chat[0]` / `timeline[0]` (absent = 0). Older ones: historyPage.
   */
  chatFrom?: number;
  timelineFrom?: number;
  outcome: Outcome | null;
  me: PrivateInfo | null;
  /** Only for the facilitator: every delegation's private information. */
  all: Record<RoleId, PrivateInfo> | null;
}

export function privateInfo(s: Scenario, state: GameState, role: Role): PrivateInfo {
  const curve: number[] = [];
  for (let r = 1; r <= state.config.rounds; r++) curve.push(walkAwayValue(s, state, role.id, r));
  const walkAwayNow = walkAwayValue(s, state, role.id);
  const warCost = round2(state.warCost[role.id] ?? 0);
  const politicalCost = round2(state.politicalCost?.[role.id] ?? 0);
  return {
    role,
    walkAwayNow,
    walkAwayCurve: curve,
    walkAwayNext: walkAwayValue(s, state, role.id, Math.min(state.config.rounds, Math.max(1, state.round) + 1)),
    warCost,
    politicalCost,
    noDealNow: round2(walkAwayNow - warCost - politicalCost),
    leversUsed: { ...(state.leversUsed[role.id] ?? {}) },
  };
}

/** Whether a seat may see what is addressed to `audience` (null: everyone). */
export function seesAudience(s: Scenario, seat: Seat, audience: RoleId[] | null): boolean {
  return seat === FACILITATOR || audience === null || (isRole(s, seat) && audience.includes(seat));
}

/** Whether a seat may read a chat line: null members = the public table; an unknown channel only the facilitator. */
export function seesChat(s: Scenario, seat: Seat, m: ChatMessage): boolean {
  return seesAudience(s, seat, channelMembers({ scenario: s }, m.channel) ?? (m.channel === 'public' ? null : []));
}

export function seesEntry(s: Scenario, seat: Seat, t: TimelineEntry): boolean {
  return seesAudience(s, seat, t.audience);
}

/** Everything in a view but the two logs, which only ever grow. */
export type ViewHead = Omit<View, 'chat' | 'timeline' | 'chatFrom' | 'timelineFrom'>;

/** The view of a seat without its chat and timeline; parts that cannot have changed are taken from `prev`. */
export function viewHead(
  s: Scenario,
  state: GameState,
  seat: Seat,
  prev?: { state: GameState; head: ViewHead },
): ViewHead {
  const god = seat === FACILITATOR;
  const role = s.roles.find((r) => r.id === seat);
  const p = prev?.state;
  const samePrivate =
    !!p &&
    p.walkAwayShift === state.walkAwayShift &&
    p.leversUsed === state.leversUsed &&
    p.round === state.round &&
    p.config === state.config &&
    p.warCost === state.warCost &&
    p.politicalCost === state.politicalCost;
  return {
    seat,
    scenarioId: state.scenarioId,
    phase: state.phase,
    round: state.round,
    rounds: state.config.rounds,
    selfStart: state.config.selfStart,
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
    spentLevers: p && p.leversUsed === state.leversUsed ? prev.head.spentLevers : spentLevers(s, state.leversUsed),
    sequencingBroken: state.sequencingBroken,
    record: state.record ?? NO_RECORD,
    offers: p && p.offers === state.offers ? prev.head.offers : visibleOffers(s, state, seat),
    outcome: state.outcome,
    me: samePrivate ? prev.head.me : role ? privateInfo(s, state, role) : null,
    all: samePrivate
      ? prev.head.all
      : god
        ? Object.fromEntries(s.roles.map((r) => [r.id, privateInfo(s, state, r)]))
        : null,
  };
}

/**
 * The offers `seat` may see: those it sends or receives (all of them for the facilitator). When that is every
 * offer, the state's own list, so seats that see the same offers share one list (and one encoding of it).
 */
export function visibleOffers(s: Scenario, state: GameState, seat: Seat): Offer[] {
  const sees = (o: Offer) => seesAudience(s, seat, [o.from, ...o.to]);
  return state.offers.every(sees) ? state.offers : state.offers.filter(sees);
}

/** The view of the game for one seat: a delegation, an observer, or the facilitator. */
export function viewFor(s: Scenario, state: GameState, seat: Seat): View {
  const { offers, outcome, me, all, ...rest } = viewHead(s, state, seat);
  return {
    ...rest,
    offers,
    chat: entries(state.chat).filter((m) => seesChat(s, seat, m)),
    timeline: entries(state.timeline).filter((t) => seesEntry(s, seat, t)),
    outcome,
    me,
    all,
  };
}

/** `levers`: what each delegation can do, by name only (what a lever does stays in its brief), so an offer can ask for one in return. */
export type PublicRole = Pick<Role, 'id' | 'name' | 'short' | 'color'> & {
  profile: string;
  source: string;
  levers: { id: string; label: string }[];
};
export type PublicScenario = Omit<Scenario, 'roles'> & { roles: PublicRole[] };

/** The scenario without any delegation's confidential brief, points, red lines, walk-away values or what its levers do. */
export function publicScenario(s: Scenario): PublicScenario {
  return {
    ...s,
    roles: s.roles.map((r) => ({
      id: r.id,
      name: r.name,
      short: r.short,
      color: r.color,
      profile: r.public.profile,
      source: r.public.source,
      levers: r.levers.map((l) => ({ id: l.id, label: l.label })),
    })),
  };
}
