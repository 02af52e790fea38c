import type { Scenario } from '../scenario/schema.js';
import type { Chunked } from './chunked.js';
import type { TalkAct } from './talk-act.js';

export type RoleId = string;
export const FACILITATOR = 'facilitator' as const;
export const SYSTEM = 'system' as const;
/** Who acts: a delegation, the instructor, or the server's clock. */
export type Seat = RoleId | typeof FACILITATOR | typeof SYSTEM;

export const PHASES = ['setup', 'news', 'talks', 'moves', 'resolution', 'ended'] as const;
export type Phase = (typeof PHASES)[number];

/** issueId -> optionId */
export type Terms = Record<string, string>;

export type OfferStatus = 'open' | 'accepted' | 'rejected' | 'withdrawn' | 'countered' | 'lapsed';

export interface Offer {
  id: string;
  from: RoleId;
  to: RoleId[];
  terms: Terms;
  /** What the proposer asks in return: a lever the recipients should pull. */
  inReturn: { role: RoleId; lever: string } | null;
  note: string;
  round: number;
  status: OfferStatus;
  /** Each recipient's answer so far. */
  answers: Record<RoleId, 'accepted' | 'rejected'>;
  /** The offer this one counters, if any. */
  counterTo: string | null;
  /** Made through the leaders' channel (see mechanics.leaders). */
  summit?: boolean;
}

export interface Clause {
  issue: string;
  option: string;
  round: number;
  /** Order in which clauses settled, from 1. */
  seq: number;
}

export type Channel = string; // 'public' | 'bi:<a>:<b>' (sorted) | 'wg:<groupId>'

export interface ChatMessage {
  id: string;
  from: Seat;
  channel: Channel;
  text: string;
  at: number;
  round: number;
  /** A structured question, "what if" package or reply (shared/engine/talk-act.ts); absent on plain lines. */
  talk?: TalkAct;
}

export interface TimelineEntry {
  at: number;
  round: number;
  phase: Phase;
  seat: Seat;
  kind: string;
  text: string;
  /** Roles who may see this entry; null means everyone. */
  audience: RoleId[] | null;
}

/** The engine's own record of what happened to the lessons' mechanics (the debrief tells its story from this). */
export interface PlayRecord {
  /** How the sequenced issues settled: `first` before `later`, both in one accepted package, or `later` first. */
  order: 'first_then_later' | 'together' | 'later_first' | null;
  firstRound: number | null;
  laterRound: number | null;
  /** The excluded party (mechanics.sequencing.excluded) was party to an accepted offer on `first`. */
  excludedAtFirst: boolean;
  /** The leaders' channel has been used. */
  summit: boolean;
  /** The last round's signing step was given (the text was complete but not signed by all). */
  lastCall: boolean;
}

export interface RoleScore {
  role: RoleId;
  dealPoints: number | null;
  walkAway: number;
  warCost: number;
  score: number;
  /** What walking away would have scored at the end: walk-away value less the war's cost (and any political cost). */
  noDealScore: number;
  /** The one gain definition: score - noDealScore (0 without a deal). Read by the end screen, debrief and exports. */
  gain: number;
}

export interface Outcome {
  kind: 'deal' | 'no_deal' | 'ended';
  round: number;
  /** The whole package in force (settled clauses plus fallbacks), empty without a deal. */
  terms: Terms;
  durability: number | null;
  scores: Record<RoleId, RoleScore>;
  sequencingBroken: boolean;
  record: PlayRecord;
  /** Whether snap-back fired in the aftermath (the war resumed with a snap-back option in force). */
  snapBack: boolean;
  aftermath: string[];
  warResumed: boolean | null;
}

export interface GameConfig {
  rounds: number;
  /** Whether the delegations start the talks themselves, all saying "ready" in setup; else the facilitator starts them. */
  selfStart: boolean;
  phaseSeconds: { news: number; talks: number; moves: number; resolution: number };
}

export interface GameState {
  scenarioId: string;
  config: GameConfig;
  seed: number;
  /** Seeded RNG state (mulberry32), advanced by the engine only. */
  rng: number;
  phase: Phase;
  round: number;
  paused: boolean;
  /** Server time at which the phase (or the current turn, in moves) ends; null when untimed. */
  deadline: number | null;
  /** Remaining ms of a paused deadline. */
  pausedLeft: number | null;
  turnOrder: RoleId[];
  turn: number;
  /** Roles that made their formal move this round. */
  moved: RoleId[];
  ready: RoleId[];
  meters: Record<string, number>;
  walkAwayShift: Record<RoleId, number>;
  warCost: Record<RoleId, number>;
  deck: string[];
  event: string | null;
  eventsDrawn: { round: number; id: string; injected: boolean }[];
  offers: Offer[];
  /** acceptances[issueId][roleId] = optionId that role has accepted. */
  acceptances: Record<string, Record<RoleId, string>>;
  clauses: Record<string, Clause>;
  signatures: RoleId[];
  leversUsed: Record<RoleId, Record<string, number>>;
  refusals: [RoleId, RoleId][];
  /** Append-only, in chunks (shared/engine/chunked.ts). */
  chat: Chunked<ChatMessage>;
  /** Append-only, in chunks (shared/engine/chunked.ts). */
  timeline: Chunked<TimelineEntry>;
  sequencingBroken: boolean;
  record: PlayRecord;
  /** Political cost (sequencing rule) taken off each role's final score. */
  politicalCost: Record<RoleId, number>;
  outcome: Outcome | null;
  /** Ids of what everyone sees (public chat). */
  nextId: number;
  /** Ids of what only some see (private chat, offers): a separate sequence, so public ids do not count private activity. */
  nextPrivateId: number;
}

export type Action =
  | { type: 'start' }
  /**
   * `phase` and `round`: the moment the delegation pressed Ready (the client sends both). A Ready for a phase
   * that has since ended is refused ('ready/stale') rather than counted for the next one.
   */
  | { type: 'ready'; phase?: Phase; round?: number }
  | {
      type: 'propose';
      to: RoleId[];
      terms: Terms;
      inReturn?: { role: RoleId; lever: string } | null;
      note?: string;
      summit?: boolean;
    }
  | { type: 'accept'; offer: string }
  | { type: 'reject'; offer: string }
  | { type: 'counter'; offer: string; terms: Terms; inReturn?: { role: RoleId; lever: string } | null; note?: string }
  | { type: 'withdraw'; offer: string }
  | { type: 'sign' }
  | { type: 'lever'; lever: string }
  | { type: 'pass' }
  | { type: 'chat'; channel: Channel; text: string; talk?: TalkAct }
  | { type: 'refuse_channel'; with: RoleId; refuse: boolean }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'advance' }
  | { type: 'inject'; event: string }
  | { type: 'end' }
  | { type: 'extend'; seconds: number }
  | { type: 'tick' }
  /** Server clock only: a delegation nobody is present at stops holding an untimed table (absence.ts). */
  | { type: 'away'; role: RoleId };

export type ActionType = Action['type'];

export interface Ctx {
  scenario: Scenario;
  seat: Seat;
  /** Server clock, ms. */
  now: number;
}

export type ErrorCode =
  | 'action/unknown'
  | 'action/invalid'
  | 'seat/unknown'
  | 'seat/not_allowed'
  | 'game/not_started'
  | 'game/already_started'
  | 'game/ended'
  | 'game/paused'
  | 'game/not_paused'
  | 'phase/wrong_phase'
  | 'ready/stale'
  | 'move/not_your_turn'
  | 'offer/unknown'
  | 'offer/not_open'
  | 'offer/not_recipient'
  | 'offer/not_yours'
  | 'offer/already_answered'
  | 'offer/empty'
  | 'offer/bad_recipient'
  | 'offer/unknown_issue'
  | 'offer/unknown_option'
  | 'offer/issue_settled'
  | 'offer/no_signatory'
  | 'offer/red_line'
  | 'offer/channel_refused'
  | 'offer/bad_return'
  | 'offer/too_early'
  | 'sign/not_ready'
  | 'sign/already_signed'
  | 'sign/no_mandate'
  | 'lever/unknown'
  | 'lever/used_up'
  | 'chat/empty'
  | 'chat/too_long'
  | 'chat/bad_channel'
  | 'chat/channel_refused'
  | 'chat/bad_talk'
  | 'event/unknown'
  | 'timer/not_due';

export interface GameError {
  code: ErrorCode;
  message: string;
}

export type Result = { ok: true; state: GameState } | { ok: false; error: GameError };

export const CHAT_MAX = 500;
export const NOTE_MAX = 280;
