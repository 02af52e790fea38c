import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { matchMaker, Room, Server } from 'colyseus';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PING_SLICES, SpreadPingTransport } from '../../server/transport.js';
import { until } from './helpers.js';

/** A room that only seats clients: the transport is what is under test. */
class Lobby extends Room {
  override maxClients = 200;
  override onJoin(): void {}
}

const PING_MS = 600;

/** A raw WebSocket seated in a Lobby room, recording when each ping arrives. */
async function seat(port: number, autoPong = true) {
  const room = (await matchMaker.query({ name: 'lobby' }))[0] ?? (await matchMaker.createRoom('lobby', {}));
  const r = await matchMaker.reserveSeatFor(room, {});
  const ws = new WebSocket(`ws://127.0.0.1:${port}/${r.room.processId}/${r.room.roomId}?sessionId=${r.sessionId}`, {
    autoPong,
  });
  const pings: number[] = [];
  ws.on('ping', () => pings.push(Date.now()));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return { ws, pings, closed: new Promise((resolve) => ws.once('close', resolve)) };
}

describe('SpreadPingTransport, on a real Colyseus server', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    const http = createServer();
    server = new Server({
      transport: new SpreadPingTransport({ server: http, pingInterval: PING_MS, pingMaxRetries: 2 }),
      greet: false,
    });
    server.define('lobby', Lobby);
    await server.listen(0, '127.0.0.1');
    port = (http.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await server.gracefullyShutdown(false);
  });

  it('pings every client once per interval, in slices spread over the interval rather than in one burst', async () => {
    const clients = await Promise.all(Array.from({ length: 60 }, () => seat(port)));
    const t0 = Date.now();
    await until(() => clients.every((c) => c.pings.length >= 3), 'three pings for every client', 6 * PING_MS);
    // With everyone seated, each client's pings are one interval apart (give or take a slice and a timer's drift).
    for (const c of clients) expect(c.pings[2] - c.pings[1]).toBeGreaterThan(PING_MS * 0.8);
    for (const c of clients) expect(c.pings[2] - c.pings[1]).toBeLessThan(PING_MS * 1.5);
    // The first pings of the 60 clients arrive over most of the interval, not within a few milliseconds.
    const firsts = clients.map((c) => c.pings[0]);
    expect(Math.max(...firsts) - Math.min(...firsts)).toBeGreaterThan(PING_MS / 2);
    expect(new Set(firsts.map((t) => Math.floor((t - t0) / (PING_MS / PING_SLICES)))).size).toBeGreaterThan(5);
    clients.forEach((c) => c.ws.close());
  }, 10_000);

  it('pings a lone client once per interval too, not once per slice', async () => {
    const lone = await seat(port);
    await new Promise((r) => setTimeout(r, 2.5 * PING_MS));
    // Two or three pings in two and a half intervals (once per slice would be some seventy).
    expect(lone.pings.length).toBeGreaterThanOrEqual(2);
    expect(lone.pings.length).toBeLessThanOrEqual(3);
    lone.ws.close();
    await lone.closed;
  });

  it('still terminates a client that leaves its pings unanswered, and keeps one that answers', async () => {
    const silent = await seat(port, false);
    const alive = await seat(port, true);
    let closedAt = 0;
    void silent.closed.then(() => (closedAt = Date.now()));
    const t0 = Date.now();
    await until(() => closedAt > 0, 'the silent client to be terminated', 6 * PING_MS);
    // Two unanswered pings, then terminated at the third turn: two to three intervals.
    expect(closedAt - t0).toBeGreaterThan(PING_MS);
    expect(silent.pings.length).toBeGreaterThanOrEqual(2);
    expect(alive.ws.readyState).toBe(WebSocket.OPEN);
    alive.ws.close();
  }, 10_000);
});
