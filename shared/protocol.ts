import { z } from 'zod';
import type { ErrorCode, HistoryPage, View, ViewDelta, PublicScenario } from './engine/index.js';
import { CHAT_MAX, NOTE_MAX, PHASES } from './engine/types.js';

// Every message between client and server, typed once and used by both sides.
// Shapes are checked here; game rules are checked by the engine.

export const ROOM_NAME = 'negotiation';
/** Largest message a client may send, in bytes. */
export const MAX_MESSAGE_BYTES = 8 * 1024;

const roleId = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/);
const ref = z.string().max(64).optional();

/** The most lines one 'history' answer carries. */
export const HISTORY_PAGE_MAX = 100;
const terms = z.record(roleId, roleId).refine((t) => Object.keys(t).length <= 20, 'too many issues in one offer');
const inReturn = z.object({ role: roleId, lever: roleId }).strict().nullable().optional();
const offerId = z.string().max(32);
/** The structured part of a chat line (shared/engine/talk-act.ts): a question, a "what if" package, or a reply. */
export const talkSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('need'), issue: roleId, to: roleId.optional() }).strict(),
  z.object({ kind: z.literal('live_with'), issue: roleId, option: roleId, to: roleId.optional() }).strict(),
  z.object({ kind: z.literal('in_return'), issue: roleId, option: roleId, to: roleId.optional() }).strict(),
  z.object({ kind: z.literal('what_if'), terms, to: roleId.optional() }).strict(),
  z
    .object({
      kind: z.literal('reply'),
      re: z.string().max(32),
      verdict: z.enum(['yes', 'change', 'no', 'red_line']).optional(),
    })
    .strict(),
]);

export const actionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start') }).strict(),
  z
    .object({
      type: z.literal('ready'),
      phase: z.enum(PHASES).optional(),
      round: z.number().int().min(0).max(1000).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('propose'),
      to: z.array(roleId).min(1).max(8),
      terms,
      inReturn,
      note: z.string().max(NOTE_MAX).optional(),
      summit: z.boolean().optional(),
    })
    .strict(),
  z.object({ type: z.literal('accept'), offer: offerId }).strict(),
  z.object({ type: z.literal('reject'), offer: offerId }).strict(),
  z
    .object({ type: z.literal('counter'), offer: offerId, terms, inReturn, note: z.string().max(NOTE_MAX).optional() })
    .strict(),
  z.object({ type: z.literal('withdraw'), offer: offerId }).strict(),
  z.object({ type: z.literal('sign') }).strict(),
  z.object({ type: z.literal('lever'), lever: roleId }).strict(),
  z.object({ type: z.literal('pass') }).strict(),
  z
    .object({
      type: z.literal('chat'),
      channel: z.string().max(80),
      text: z.string().max(CHAT_MAX * 2),
      talk: talkSchema.optional(),
    })
    .strict(),
  z.object({ type: z.literal('refuse_channel'), with: roleId, refuse: z.boolean() }).strict(),
  z.object({ type: z.literal('pause') }).strict(),
  z.object({ type: z.literal('resume') }).strict(),
  z.object({ type: z.literal('advance') }).strict(),
  z.object({ type: z.literal('inject'), event: roleId }).strict(),
  z.object({ type: z.literal('end') }).strict(),
  z.object({ type: z.literal('extend'), seconds: z.number().int().min(10).max(3600) }).strict(),
]);

/** Client -> server messages (Colyseus message type -> payload). */
export const clientMessages = {
  /** Any game action; `ref` comes back on the ack or the error. */
  act: z.object({ ref, action: actionSchema }).strict(),
  /** Facilitator only: remove a client from the table. */
  kick: z.object({ ref, sessionId: z.string().max(64) }).strict(),
  /** Facilitator only: move a seat's clients elsewhere, or free an absent seat. */
  reassign: z.object({ ref, from: roleId, to: z.union([roleId, z.literal('observer')]) }).strict(),
  /** Ask the server to send the private view again (bounded: the last chat lines and timeline entries). */
  sync: z.object({ ref }).strict(),
  /**
   * Older chat lines (channel 'chat', the default) or timeline entries this seat sees: up to `limit` just before
   * index `before` of the seat's list (a view's `chatFrom` / `timelineFrom`). Answered with 'history'.
   */
  history: z
    .object({
      ref,
      channel: z.enum(['chat', 'timeline']).optional(),
      before: z.number().int().min(0).max(1_000_000),
      limit: z.number().int().min(1).max(HISTORY_PAGE_MAX).optional(),
    })
    .strict(),
  /** Facilitator only: lift a removal, so that player may take a seat again. */
  unkick: z.object({ ref, playerId: z.string().min(1).max(64) }).strict(),
  /**
   * Facilitator (or anyone holding the facilitator key): a bot takes (`on: true`) or leaves (`on: false`)
   * a delegation's seat. Refused on a seat a connected person holds.
   */
  bot: z.object({ ref, role: roleId, on: z.boolean(), facilitatorKey: z.string().max(128).optional() }).strict(),
  /** Heartbeat: the server answers with 'pong' carrying the same `ref` (server/rooms/heartbeat.ts). */
  ping: z.object({ ref }).strict(),
} as const;

export type ClientMessageType = keyof typeof clientMessages;
export type ClientMessage<T extends ClientMessageType> = z.infer<(typeof clientMessages)[T]>;
export type ActionMessage = z.infer<typeof actionSchema>;

/** What a player whose name is empty, or only spaces, is told. */
export const MISSING_NAME = 'Type your name first.';

/** A player's name as they typed it, trimmed: 1 to 40 characters once the spaces around it are gone. */
export const playerName = z.string().trim().min(1, MISSING_NAME).max(40);

/** Options a client passes when creating or joining a table. */
export const joinOptionsSchema = z
  .object({
    code: z.string().max(12).optional(),
    role: z.union([roleId, z.literal('observer'), z.literal('facilitator')]).optional(),
    name: playerName,
    facilitatorKey: z.string().max(128).optional(),
    /** Stable id the browser keeps, so a reload finds its seat again. */
    playerId: z.string().max(64).optional(),
  })
  .strict();

export const createOptionsSchema = z
  .object({
    scenario: z.string().max(64).optional(),
    rounds: z.number().int().min(1).max(20).optional(),
    phaseSeconds: z
      .object({
        news: z.number().int().min(0).max(600).optional(),
        talks: z.number().int().min(0).max(3600).optional(),
        moves: z.number().int().min(0).max(600).optional(),
        resolution: z.number().int().min(0).max(600).optional(),
      })
      .strict()
      .optional(),
    seed: z.number().int().optional(),
    facilitatorKey: z.string().min(16).max(128).optional(),
    classId: z.string().max(32).optional(),
    /** Start when every seat has a delegation present and ready, without a facilitator. */
    selfStart: z.boolean().optional(),
    /** Delegations bots hold from the start (solo practice: every role but the player's). */
    bots: z.array(roleId).max(8).optional(),
    /** When the talks open, a bot takes every delegation no person holds. */
    botsFill: z.boolean().optional(),
    /** A delegation left absent past the reconnection grace gets a bot until a person arrives. */
    standIn: z.boolean().optional(),
    /** Several clients may share one delegation (up to the server's MAX_TEAM_SIZE). Default true. */
    teams: z.boolean().optional(),
    /** Class tables only: a student the class did not place here may join as an observer. Default false. */
    observers: z.boolean().optional(),
    /** Typical time a bot takes before acting, ms (default: BOT_DELAY_MS or 2500). */
    botDelayMs: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();

export type JoinOptions = z.infer<typeof joinOptionsSchema>;
export type CreateOptions = z.infer<typeof createOptionsSchema>;

/** The WebSocket path the server answers with "ok" and a close: the page's connection check. */
export const CONNECTION_CHECK_PATH = '/connection-check';

/** Server -> client messages. */
export interface ServerMessages {
  /** Sent once after joining: who you are at this table. */
  welcome: { seat: string; code: string; scenario: PublicScenario; sessionId: string; name: string };
  /** This seat's whole view: after joining, a reconnection, a 'sync', or when the client missed a change. */
  view: View;
  /**
   * What changed in this seat's view since the last 'view' or 'delta' (shared/engine/view-delta.ts). To the client
   * whose action caused it, it also carries that action's acknowledgement (`ack`): one message, view first.
   */
  delta: ViewDelta & { ack?: ServerMessages['ack'] };
  /** The answer to 'history': `items` are the seat's entries `from` .. `from + items.length - 1`, oldest first. */
  history: HistoryPage & { ref?: string };
  /** An accepted message whose acknowledgement did not travel with a delta. */
  ack: { ref?: string; seq: number };
  error: { ref?: string; code: ErrorCode | ProtocolErrorCode; message: string };
  /** Facilitator only: why a bot made a formal move (its public line and its private figures). */
  botNote: BotNote;
  /** To the people who take a delegation over from a stand-in bot: what the bot said and did meanwhile. */
  botRecap: BotRecap;
  /** The instructor moved this player to another seat or table: join it (the old seat is gone). */
  moved: Relocation & { message: string };
  /** The answer to a client's 'ping': the link is alive both ways. */
  pong: { ref?: string };
}

/** A new seat for a player, as the class service hands it to the table the player leaves. */
export interface Relocation {
  playerId: string;
  code: string;
  roomId: string;
  role: string;
}

export interface BotNote {
  seat: string;
  round: number;
  phase: string;
  /** A formal move's type, or 'talk' for a line in the talks. */
  action: string;
  /** For 'talk': the channel the line went to. */
  channel?: string;
  /** The public one-line reason, as the table saw it. */
  reason: string;
  /** The bot's private reasoning: never sent to a delegation. */
  reasoning: string;
  at: number;
}

export interface BotRecap {
  seat: string;
  text: string;
}

export type ProtocolErrorCode =
  | 'protocol/bad_message'
  | 'protocol/too_large'
  | 'protocol/rate_limited'
  | 'protocol/unknown_type'
  | 'seat/taken'
  | 'seat/facilitator_only'
  | 'seat/team_full'
  | 'seat/not_placed'
  | 'seat/kicked'
  | 'table/busy'
  | 'seat/too_many_pending'
  | 'server/storage'
  | 'table/not_found';

/** How a refusal names a message's field to a player (describeZodError); other fields go by their key. */
const FIELD_WORDS: Record<string, string> = { text: 'message', to: 'list of recipients', channel: 'channel name' };

/**
 * Turns a zod error into one readable sentence. A text or list over its limit says so in words a player reads
 * ("The message is too long: at most 1000 characters."); anything else names the field and zod's reason.
 */
export function describeZodError(err: z.ZodError): string {
  const first = err.issues[0];
  if (!first) return 'The message is malformed.';
  const path = first.path.length ? first.path.join('.') : 'message';
  if (first.message === MISSING_NAME) return MISSING_NAME;
  if (first.code === 'too_big' && (first.origin === 'string' || first.origin === 'array')) {
    const key = String(first.path.at(-1) ?? 'message');
    const field = FIELD_WORDS[key] ?? key;
    const unit = first.origin === 'string' ? 'characters' : 'items';
    return `The ${field} is too long: at most ${String(first.maximum)} ${unit}.`;
  }
  return `Malformed ${path}: ${first.message}.`;
}
