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

type Corkable = { cork(): void; uncork(): void; destroyed?: boolean };
const corked = new Set<Corkable>();
let scheduled = false;

function cork(client: Client): void {
  // ws-transport's client: `ref` is the ws WebSocket, `_socket` its net.Socket. Anything else is written as it comes.
  const socket = (client as unknown as { ref?: { _socket?: Corkable } }).ref?._socket;
  if (!socket || typeof socket.cork !== 'function' || corked.has(socket)) return;
  socket.cork();
  corked.add(socket);
  if (!scheduled) {
    scheduled = true;
    process.nextTick(uncorkAll);
  }
}

function uncorkAll(): void {
  scheduled = false;
  for (const s of corked) if (!s.destroyed) s.uncork();
  corked.clear();
}
