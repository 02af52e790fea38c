// The WebSocket transport, with the keep-alive pings spread over the interval. Colyseus 0.16's transport pings
// every client in one timer callback every 3 s: one socket write per client in one turn of the event loop. With
// 2,000 clients (500 tables) that turn held the loop 25-45 ms every 3 s, which set the p99 of every action in
// flight (docs/benchmarks.md, "Third round"). Here the same pings leave in slices, one slice per
// `pingInterval / PING_SLICES` ms; a client that left unanswered `pingMaxRetries` pings is still terminated.
import { WebSocketTransport } from '@colyseus/ws-transport';
import type WebSocket from 'ws';

/** How many slices one ping interval is cut into. */
export const PING_SLICES = 30;

/** The `ws` socket as Colyseus's transport marks it: unanswered pings, reset to 0 by each pong. */
type PingedSocket = WebSocket & { pingCount: number };

const noop = () => {};

/**
 * Colyseus's WebSocketTransport (same options, same defaults: pingInterval 3000 ms, pingMaxRetries 2), whose
 * pings go out in PING_SLICES slices per interval instead of all at once. Each client is pinged once per
 * interval, give or take one slice.
 */
export class SpreadPingTransport extends WebSocketTransport {
  protected override autoTerminateUnresponsiveClients(pingInterval: number, pingMaxRetries: number): void {
    let queue: PingedSocket[] = [];
    let perSlice = 0;
    let tick = 0;
    this.pingInterval = setInterval(
      () => {
        // One interval is always PING_SLICES ticks, however few the clients: each is pinged once per interval.
        const slice = tick++ % PING_SLICES;
        if (slice === 0) {
          // A new interval: everyone connected now, a slice at a time.
          queue = [...this.wss.clients] as PingedSocket[];
          perSlice = Math.ceil(queue.length / PING_SLICES);
        }
        const end = Math.min(queue.length, (slice + 1) * perSlice);
        for (let i = slice * perSlice; i < end; i++) pingOrDrop(queue[i], pingMaxRetries);
      },
      Math.max(1, Math.floor(pingInterval / PING_SLICES)),
    );
  }
}

/** The transport's own rule, one client at a time: too many unanswered pings and the socket is terminated. */
function pingOrDrop(socket: PingedSocket, pingMaxRetries: number): void {
  if (socket.readyState !== socket.OPEN) return;
  if (socket.pingCount >= pingMaxRetries) {
    socket.terminate();
    return;
  }
  socket.pingCount++;
  socket.ping(noop);
}
