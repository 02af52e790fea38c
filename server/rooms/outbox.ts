import { Packr } from '@colyseus/msgpackr';
import { getMessageBytes, Protocol, type Client } from 'colyseus';

/**
 * Sending to clients with as few writes as possible.
 *
 * `encode` turns one message into the bytes Colyseus would send (msgpack, ROOM_DATA), so a message meant for
 * several clients (a seat's delta to a team) is encoded once. `sendEncoded` writes those bytes to a client with
 * its socket corked until the end of this tick: everything the room sends one client while handling one batch
 * (a group commit settles many actions at once) leaves in one write to the socket instead of one per message.
 */

// Colyseus's own settings (its Protocol.ts): plain msgpack maps, which every msgpack decoder reads.
const packr = new Packr({ useRecords: false });
/** msgpackr's flag (its pack.js) to keep the low byte's count of bytes free before the body; its Node entry does not export it. */
const RESERVE_START_SPACE = 2048;

/** Per message type: its head (the ROOM_DATA code and the type), as Colyseus writes it. */
const heads = new Map<string, Buffer>();

function headOf(type: string): Buffer {
  let h = heads.get(type);
  if (!h) heads.set(type, (h = Buffer.from(getMessageBytes.raw(Protocol.ROOM_DATA, type))));
  return h;
}

/**
 * The bytes of `client.send(type, message)`: the same head and msgpack body as Colyseus's getMessageBytes.raw,
 * without its look-up of process.env on every message (0.25 us). msgpackr's buffer is shared by every Packr, and
 * Colyseus packs over it from its start each time: so do we (no new 8 KiB buffer every few messages), and the
 * bytes are copied out.
 */
export function encode(type: string, message: unknown): Buffer {
  const head = headOf(type);
  packr.position = 0;
  const packed = packr.pack(message, RESERVE_START_SPACE | head.length);
  head.copy(packed, 0);
  return Buffer.from(packed);
}

/** The msgpack map header at `at` (fixmap, map16 or map32): its entry count and its size in bytes; null otherwise. */
function mapHeader(b: Buffer, at: number): { count: number; size: number } | null {
  if (at < 0 || at >= b.length) return null;
  const x = b[at];
  if (x >= 0x80 && x <= 0x8f) return { count: x - 0x80, size: 1 };
  if (x === 0xde && at + 3 <= b.length) return { count: b.readUInt16BE(at + 1), size: 3 };
  if (x === 0xdf && at + 5 <= b.length) return { count: b.readUInt32BE(at + 1), size: 5 };
  return null;
}

/**
 * A message of type `type` made by `encode` whose body is a map, with one more entry written straight into a copy of
 * its bytes: `key` (a short ASCII name), then at most `size` bytes of msgpack that `write` puts at an offset and
 * returns the offset after. Null when the body is not a map with room for one more entry.
 */
function withEntry(
  type: string,
  a: Buffer,
  key: string,
  size: number,
  write: (out: Buffer, i: number) => number,
): Buffer | null {
  const at = headOf(type).length;
  const ha = mapHeader(a, at);
  if (!ha || ha.count >= 0xffff) return null;
  const ea = a.length - at - ha.size;
  // head, map16 header, a's entries, the key, the value.
  const out = Buffer.allocUnsafe(at + 3 + ea + 1 + key.length + size);
  a.copy(out, 0, 0, at);
  out[at] = 0xde;
  out.writeUInt16BE(ha.count + 1, at + 1);
  a.copy(out, at + 3, at + ha.size);
  return out.subarray(0, write(out, fixstr(out, at + 3 + ea, key)));
}

/**
 * `encode(type, { ...message, [key]: value })` from `a = encode(type, message)` and `value` packed once beforehand
 * (`packed`): a large value sent to many clients (the public scenario in every 'welcome') is not packed again.
 */
export function withPacked(type: string, a: Buffer, key: string, value: Buffer): Buffer | null {
  return withEntry(type, a, key, value.length, (out, i) => i + value.copy(out, i));
}

/** A value's msgpack bytes, as `encode` writes a message's body: for withPacked. */
export function packed(value: unknown): Buffer {
  return Buffer.from(packr.pack(value));
}

/**
 * A message of type `type` made by `encode` whose body is a map, with one more entry, `ack: { ref, seq }` (the
 * sender's acknowledgement), written straight into the copy: `{ ...message, ack }` without encoding the message
 * again, and without encoding the ack through msgpack (which cost as much as the whole delta, about 1.7 us).
 * Null when the body is not a map, or `seq` is not a whole number below 2^32: then encode the merged object instead.
 */
export function withAck(type: string, a: Buffer, ack: { ref?: string; seq: number }): Buffer | null {
  const { ref, seq } = ack;
  if (!Number.isInteger(seq) || seq < 0 || seq > 0xffffffff) return null;
  const refBytes = ref === undefined ? 0 : Buffer.byteLength(ref);
  if (refBytes > 0xffff) return null;
  // A map of 1-2 entries, "ref" + a str16 at most, "seq" + a uint32 at most.
  return withEntry(type, a, 'ack', 1 + (4 + 3 + refBytes) + (4 + 5), (out, i) => {
    out[i++] = 0x80 | (ref === undefined ? 1 : 2);
    if (ref !== undefined) {
      i = fixstr(out, i, 'ref');
      if (refBytes < 32) out[i++] = 0xa0 | refBytes;
      else if (refBytes < 0x100) {
        out[i++] = 0xd9;
        out[i++] = refBytes;
      } else {
        out[i++] = 0xda;
        i = out.writeUInt16BE(refBytes, i);
      }
      i += out.write(ref, i, 'utf8');
    }
    i = fixstr(out, i, 'seq');
    if (seq < 0x80) out[i++] = seq;
    else if (seq < 0x100) {
      out[i++] = 0xcc;
      out[i++] = seq;
    } else if (seq < 0x10000) {
      out[i++] = 0xcd;
      i = out.writeUInt16BE(seq, i);
    } else {
      out[i++] = 0xce;
      i = out.writeUInt32BE(seq, i);
    }
    return i;
  });
}

/** A short ASCII string (msgpack fixstr) at `i`; returns the offset after it. */
function fixstr(out: Buffer, i: number, s: string): number {
  out[i++] = 0xa0 | s.length;
  return i + out.write(s, i, 'latin1');
}

/** Sends bytes made by `encode` to one client, coalesced with the rest of this tick's messages to it. */
export function sendEncoded(client: Client, bytes: Buffer): void {
  cork(client);
  client.enqueueRaw(bytes);
}

/** Sends one message, coalesced with the rest of this tick's messages to the same client. */
export function sendCorked(client: Client, type: string, message: unknown): void {
  cork(client);
  client.send(type, message);
}

/**
 * Runs `flush` (a room's broadcastPatch) once at the end of this tick, just before the corked sockets are written:
 * the schema patch joins the same write as the deltas, and runs outside whatever called this (Colyseus's patch
 * also ticks the room's clock, whose timers must not run in the middle of a publish).
 */
export function beforeUncork(flush: () => void): void {
  flushes.add(flush);
  schedule();
}

/** Marks a client whose socket is corked until the end of this tick (a flag on the client: cheaper than on its socket). */
const CORKED = Symbol('corked');
type Corkable = { cork(): void; uncork(): void; destroyed?: boolean };
// ws-transport's client: `ref` is the ws WebSocket, `_socket` its net.Socket. Anything else is written as it comes.
type CorkableClient = { ref?: { _socket?: Corkable }; [CORKED]?: Corkable | null };
const corked: CorkableClient[] = [];
const flushes = new Set<() => void>();
let scheduled = false;

function cork(client: Client): void {
  const c = client as unknown as CorkableClient;
  if (c[CORKED]) return;
  const socket = c.ref?._socket;
  if (!socket || typeof socket.cork !== 'function') return;
  socket.cork();
  c[CORKED] = socket;
  corked.push(c);
  schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  process.nextTick(uncorkAll);
}

function uncorkAll(): void {
  scheduled = false;
  for (const f of flushes) {
    flushes.delete(f);
    try {
      f();
    } catch {
      // A room's patch failing must not keep every other socket corked; Colyseus retries it on its interval.
    }
  }
  for (const c of corked) {
    const s = c[CORKED]!;
    c[CORKED] = null;
    if (!s.destroyed) s.uncork();
  }
  corked.length = 0;
}
