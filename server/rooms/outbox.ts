import { getMessageBytes, Protocol, type Client } from 'colyseus';

/**
 * Sending to clients with as few writes as possible.
 *
 * `encode` turns one message into the bytes Colyseus would send (msgpack, ROOM_DATA), so a message meant for
 * several clients (a seat's delta to a team) is encoded once. `sendEncoded` writes those bytes to a client with
 * its socket corked until the end of this tick: everything the room sends one client while handling one batch
 * (a group commit settles many actions at once) leaves in one write to the socket instead of one per message.
 */
export function encode(type: string, message: unknown): Buffer {
  return getMessageBytes.raw(Protocol.ROOM_DATA, type, message);
}

/** Per message type: the length of its encoded head (the ROOM_DATA code and the type), i.e. where the body starts. */
const heads = new Map<string, number>();

function headLength(type: string): number {
  let n = heads.get(type);
  if (n === undefined) {
    const empty = encode(type, {});
    n = empty.length - (mapHeader(empty, empty.length - 1)?.size ?? mapHeader(empty, empty.length - 3)?.size ?? 0);
    heads.set(type, n);
  }
  return n;
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
 * A message of type `type` made by `encode` whose body is a map, with one more entry, `ack: { ref, seq }` (the
 * sender's acknowledgement), written straight into the copy: `{ ...message, ack }` without encoding the message
 * again, and without encoding the ack through msgpack (which cost as much as the whole delta, about 1.7 us).
 * Null when the body is not a map, or `seq` is not a whole number below 2^32: then encode the merged object instead.
 */
export function withAck(type: string, a: Buffer, ack: { ref?: string; seq: number }): Buffer | null {
  const at = headLength(type);
  const ha = mapHeader(a, at);
  const { ref, seq } = ack;
  if (!ha || ha.count >= 0xffff || !Number.isInteger(seq) || seq < 0 || seq > 0xffffffff) return null;
  const refBytes = ref === undefined ? 0 : Buffer.byteLength(ref);
  if (refBytes > 0xffff) return null;
  const ea = a.length - at - ha.size;
  // head, map16 header, a's entries, "ack", a map of 1-2 entries, "ref" + a str16 at most, "seq" + a uint32 at most.
  const out = Buffer.allocUnsafe(at + 3 + ea + 4 + 1 + (4 + 3 + refBytes) + (4 + 5));
  a.copy(out, 0, 0, at);
  out[at] = 0xde;
  out.writeUInt16BE(ha.count + 1, at + 1);
  a.copy(out, at + 3, at + ha.size);
  let i = at + 3 + ea;
  i = fixstr(out, i, 'ack');
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
  return out.subarray(0, i);
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
