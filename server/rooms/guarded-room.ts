import { Protocol, Room, type Client } from 'colyseus';
import type { Schema } from '@colyseus/schema';
import {
  clientMessages,
  type ClientMessage,
  type ClientMessageType,
  type ServerMessages,
} from '../../shared/protocol.js';
import { log as rootLog, tableLog, type Logger } from '../log.js';
import {
  isMessageType,
  parseMessage,
  peekType,
  rateLimited,
  refOf,
  retarget,
  TokenBucket,
  type RateLimit,
  type Refusal,
} from './message-guard.js';

/** 'sync' asks for a whole view (kilobytes, more on a long chat): a few at once, then one per 5 s per client. */
export const SYNC_LIMIT: RateLimit = { perSecond: 0.2, burst: 3 };

/** A token bucket per session for one dear message type; a session's bucket goes when it leaves. */
export class SyncLimit {
  private buckets = new Map<string, TokenBucket>();

  constructor(private limit: RateLimit = SYNC_LIMIT) {}

  admit(sessionId: string, now = Date.now()): boolean {
    let b = this.buckets.get(sessionId);
    if (!b) this.buckets.set(sessionId, (b = new TokenBucket(this.limit, now)));
    return b.take(now);
  }

  forget(sessionId: string): void {
    this.buckets.delete(sessionId);
  }
}

/** Internal handler name for message types nobody handles (not a valid client type: it has a space). */
const UNKNOWN = 'unknown type';

export type Handler = <T extends ClientMessageType>(client: Client, type: T, msg: ClientMessage<T>) => void;

/**
 * A room whose client messages are checked before any handler runs: unknown types, floods and
 * malformed payloads get a coded refusal and change nothing.
 */
export abstract class GuardedRoom<S extends Schema> extends Room<S> {
  private buckets = new Map<string, TokenBucket>();
  private unknownType: string | number = '';
  /** The size of the frame being handled (Colyseus calls the handler synchronously from _onMessage). */
  private frameBytes = Infinity;
  private limit: RateLimit = { perSecond: 10, burst: 20 };
  protected label = '';
  /** This table's logger (its lines carry the table id), set by guard(). */
  protected log: Logger = rootLog;

  /** Registers every client message type of the protocol; `handle` gets only well-formed, admitted ones. */
  protected guard(limit: RateLimit, label: string, handle: Handler): void {
    Object.assign(this, { limit, label, log: tableLog(label) });
    for (const type of Object.keys(clientMessages) as ClientMessageType[])
      this.onMessage(type, (c, m) => this.check(c, type, m, handle));
    this.onMessage(UNKNOWN, (c, m) => this.unknown(c, this.unknownType, m));
  }

  /** Every type we do not handle goes to one safe handler, with its original name kept for the refusal. */
  protected override _onMessage(client: Parameters<Room['_onMessage']>[0], buffer: Buffer): void {
    this.frameBytes = buffer?.length ?? Infinity;
    let peek: ReturnType<typeof peekType>;
    try {
      peek = peekType(buffer);
    } catch {
      // An unreadable frame closes the sender's connection, as Colyseus does for broken message bodies.
      return client.leave(Protocol.WS_CLOSE_WITH_ERROR);
    }
    try {
      if (!peek || isMessageType(peek.type)) return super._onMessage(client, buffer);
      this.unknownType = peek.type;
      super._onMessage(client, retarget(buffer, peek.offset, UNKNOWN));
    } catch (e) {
      this.log.error({ err: e }, 'message handling failed');
    }
  }

  /** A client left: its rate-limit bucket goes with it. */
  protected forget(sessionId: string): void {
    this.buckets.delete(sessionId);
  }

  protected refuse(client: Client, r: Refusal | ServerMessages['error']): void {
    client.send('error', { ref: r.ref, code: r.code, message: r.message } satisfies ServerMessages['error']);
  }

  private check<T extends ClientMessageType>(client: Client, type: T, payload: unknown, handle: Handler): void {
    if (!isMessageType(type) || !this.admit(client, payload)) return;
    const parsed = parseMessage(type, payload, this.frameBytes);
    this.frameBytes = Infinity;
    if (!parsed.ok) return this.refuse(client, parsed.refusal);
    handle(client, type, parsed.msg as ClientMessage<T>);
  }

  /** Token bucket per client: a flood is refused, message by message, and changes nothing. */
  private admit(client: Client, payload: unknown): boolean {
    let bucket = this.buckets.get(client.sessionId);
    if (!bucket) this.buckets.set(client.sessionId, (bucket = new TokenBucket(this.limit, Date.now())));
    if (bucket.take(Date.now())) return true;
    this.refuse(client, { ...rateLimited(), ref: refOf(payload) });
    return false;
  }

  private unknown(client: Client, type: unknown, payload: unknown): void {
    if (this.admit(client, payload))
      this.refuse(client, {
        ref: refOf(payload),
        code: 'protocol/unknown_type',
        message: `There is no message type "${String(type).slice(0, 40)}".`,
      });
  }
}
