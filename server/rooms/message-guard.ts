import { decode, encode } from '@colyseus/schema';
import { Protocol } from 'colyseus';
import type { z } from 'zod';
import {
  clientMessages,
  describeZodError,
  MAX_MESSAGE_BYTES,
  type ClientMessageType,
  type ProtocolErrorCode,
} from '../../shared/protocol.js';

export interface Refusal {
  ref?: string;
  code: ProtocolErrorCode;
  message: string;
}

export interface RateLimit {
  perSecond: number;
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 10, burst: 20 };

/** A token bucket: `burst` messages at once, refilled at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private limit: RateLimit,
    now: number,
  ) {
    this.tokens = limit.burst;
    this.last = now;
  }

  take(now: number): boolean {
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.last) / 1000) * this.limit.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export const rateLimited = (): Refusal => ({
  code: 'protocol/rate_limited',
  message: 'Too many messages: slow down and try again in a moment.',
});

const tooLarge = (ref?: string): Refusal => ({
  ref,
  code: 'protocol/too_large',
  message: `The message is larger than ${MAX_MESSAGE_BYTES} bytes.`,
});

/** The `ref` of a payload, if it carries a usable one, so even a refused message can be matched by its sender. */
export function refOf(payload: unknown): string | undefined {
  const ref = payload && typeof payload === 'object' ? (payload as { ref?: unknown }).ref : undefined;
  return typeof ref === 'string' && ref.length <= 64 ? ref : undefined;
}

/** Size as JSON, the measure the protocol's limit is stated in. */
export function jsonSize(payload: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(payload) ?? '', 'utf8');
  } catch {
    return Infinity;
  }
}

export type Parsed<T extends ClientMessageType> =
  { ok: true; msg: z.infer<(typeof clientMessages)[T]> } | { ok: false; refusal: Refusal };

/**
 * A decoded msgpack value is at most this many times longer as JSON than its frame (`false,` is 6 bytes from 1; a typed
 * array's `"999":255,` 10 from 1): a frame up to MAX_MESSAGE_BYTES / JSON_GROWTH bytes cannot exceed the JSON limit.
 */
const JSON_GROWTH = 16;

/**
 * Checks one decoded message against its size limit and its schema. `frameBytes`, the size of the frame it came in,
 * spares measuring it as JSON when the frame is too small for the JSON to be over the limit.
 */
export function parseMessage<T extends ClientMessageType>(type: T, payload: unknown, frameBytes = Infinity): Parsed<T> {
  const ref = refOf(payload);
  if (frameBytes * JSON_GROWTH > MAX_MESSAGE_BYTES && jsonSize(payload) > MAX_MESSAGE_BYTES)
    return { ok: false, refusal: tooLarge(ref) };
  const r = clientMessages[type].safeParse(payload);
  if (!r.success)
    return { ok: false, refusal: { ref, code: 'protocol/bad_message', message: describeZodError(r.error) } };
  return { ok: true, msg: r.data as z.infer<(typeof clientMessages)[T]> };
}

export function isMessageType(type: unknown): type is ClientMessageType {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(clientMessages, type);
}

/** The message type of a raw room-data frame, read the way Colyseus reads it; undefined for other frames. */
export function peekType(buffer: Buffer | undefined): { type: string | number; offset: number } | undefined {
  const code = buffer?.[0];
  if (!buffer || (code !== Protocol.ROOM_DATA && code !== Protocol.ROOM_DATA_BYTES)) return undefined;
  const it = { offset: 1 };
  const type = decode.stringCheck(buffer, it) ? decode.string(buffer, it) : decode.number(buffer, it);
  return { type, offset: it.offset };
}

/**
 * The same frame addressed to another message type. Colyseus looks types up in a plain object,
 * so names like "__proto__", "*" or "__no_message_handler" must never reach that lookup.
 */
export function retarget(buffer: Buffer, bodyOffset: number, type: string): Buffer {
  const head = Buffer.alloc(4 + Buffer.byteLength(type));
  const it = { offset: 1 };
  head[0] = buffer[0];
  encode.string(head, type, it);
  return Buffer.concat([head.subarray(0, it.offset), buffer.subarray(bodyOffset)]);
}
