import type { Client } from 'colyseus';
import type { ServerMessages } from '../../shared/protocol.js';

/**
 * The room's half of the heartbeat. The page sends 'ping' every few seconds (client/net/connection.ts);
 * the room answers 'pong' at once, so the page notices a dead link. A client that has pinged once and
 * then stays silent longer than `silentMs` is cut off here, so its seat turns "reconnecting" even where
 * a proxy answers the WebSocket's own ping frames for the page (the transport's ping then sees nothing wrong).
 */
export class Heartbeat {
  private lastHeard = new Map<string, number>();

  /** silentMs: how long a pinging client may be silent before it is dropped (default HEARTBEAT_SILENT_MS). */
  constructor(private silentMs = HEARTBEAT_SILENT_MS) {}

  /** Any message from this client (a ping or anything else) proves the link is alive. */
  heard(client: Client, now = Date.now()): void {
    if (this.lastHeard.has(client.sessionId)) this.lastHeard.set(client.sessionId, now);
  }

  /** Answers a 'ping'; from now on this client is expected to keep pinging. */
  pong(client: Client, ref: string | undefined, now = Date.now()): void {
    this.lastHeard.set(client.sessionId, now);
    client.send('pong', { ref } satisfies ServerMessages['pong']);
  }

  forget(sessionId: string): void {
    this.lastHeard.delete(sessionId);
  }

  /** Drops every pinging client silent for longer than silentMs; returns how many. Call every few seconds. */
  sweep(clients: Iterable<Client>, now = Date.now()): number {
    let n = 0;
    for (const c of clients) {
      const at = this.lastHeard.get(c.sessionId);
      if (at === undefined || now - at <= this.silentMs) continue;
      this.lastHeard.delete(c.sessionId);
      terminate(c);
      n++;
    }
    return n;
  }
}

/**
 * A client that pings is dropped after this much silence, ms (the page pings every 4 s, from a worker so
 * a background tab keeps the pace). The transport's own WebSocket ping drops a dead link sooner (3 s x 2).
 */
export const HEARTBEAT_SILENT_MS = 15_000;
/** How often the room looks for silent clients, ms. */
export const HEARTBEAT_SWEEP_MS = 5_000;

/**
 * Closes the socket at once: a close handshake on a dead link would wait 30 s for an answer. The room
 * then sees an unconsented leave and holds the seat for its grace period, as for any dropped link.
 */
function terminate(c: Client): void {
  const raw = (c as unknown as { ref?: { terminate?: () => void } }).ref;
  if (raw?.terminate) raw.terminate();
  else c.leave();
}
