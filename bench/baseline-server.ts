// BASELINE, NOT THE GAME. `npm run bench -- --compare` measures the project's room against this: the least a
// Colyseus 0.16 room does for the same load with the same durable storage. Each 'act' is appended to the same
// storage (SQLite group commit, or PostgreSQL), then acknowledged to its sender, then relayed to the table
// (sender, seat and action: what any multiplayer room has to pass on). No rules engine, no schema state
// (so no patches), no private views, no rate limit, no message validation, no seating rules.
// It answers the two HTTP calls the load generator makes (POST /api/tables, GET /api/tables/:code).
import '../server/ws-compat.js';
import { matchMaker, Room, Server, type Client } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import express from 'express';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { asyncRoute } from '../server/http/async-route.js';
import type { Storage } from '../server/storage/storage.js';

const ROLES = ['russia', 'ukraine', 'usa', 'europe'];
const ROOM = 'baseline';

/** One table of the baseline: store, acknowledge, relay. */
class BaselineRoom extends Room {
  private storage!: Storage;
  private seats = new Map<string, string>();

  override onCreate({ storage, tableId }: { storage: Storage; tableId: string }): void {
    this.storage = storage;
    this.roomId = tableId;
    this.autoDispose = false;
    this.onMessage('act', (client: Client, m: { ref?: string; action?: unknown }) => {
      const seat = this.seats.get(client.sessionId) ?? 'observer';
      this.storage.appendAction(tableId, { seat, at: Date.now(), action: m?.action as never }).then(
        (seq) => {
          client.send('ack', { ref: m?.ref, seq });
          this.broadcast('relay', { seat, seq, action: m?.action });
        },
        () => client.send('error', { ref: m?.ref, code: 'server/storage', message: 'not stored' }),
      );
    });
  }

  override onJoin(client: Client, o: { role?: string }): void {
    this.seats.set(client.sessionId, String(o?.role ?? 'observer'));
  }

  override onLeave(client: Client): void {
    this.seats.delete(client.sessionId);
  }
}

export interface Baseline {
  port: number;
  stop(): Promise<void>;
}

/** Starts the baseline on one port (HTTP + WebSockets), with the given storage. */
export async function startBaseline(o: { port: number; host: string; storage: Storage }): Promise<Baseline> {
  const app = express();
  app.use(express.json());
  const codes = new Map<string, string>();
  app.post(
    '/api/tables',
    asyncRoute(async (_req, res) => {
      const id = randomBytes(12).toString('base64url');
      const code = randomBytes(4).toString('hex').toUpperCase();
      await o.storage.createTable({
        id,
        code,
        scenarioId: 'baseline',
        options: { seed: 1 } as never,
        facilitatorKeyHash: null,
        classId: null,
        settings: {},
        createdAt: Date.now(),
        finishedAt: null,
      });
      await matchMaker.createRoom(ROOM, { storage: o.storage, tableId: id });
      codes.set(code, id);
      res.status(201).json({ code, roomId: id, facilitatorKey: '' });
    }),
  );
  app.get('/api/tables/:code', (req, res) => {
    const roomId = codes.get(req.params.code);
    if (!roomId) return res.status(404).json({ error: { code: 'table/not_found', message: 'no such table' } });
    res.json({ code: req.params.code, roomId, roles: ROLES.map((id) => ({ id })) });
  });
  const http = createServer(app);
  const gameServer = new Server({
    transport: new WebSocketTransport({ server: http, maxPayload: 64 * 1024 }),
    greet: false,
  });
  gameServer.define(ROOM, BaselineRoom);
  matchMaker.controller.exposedMethods = ['joinById', 'reconnect'];
  await gameServer.listen(o.port, o.host);
  return {
    port: (http.address() as AddressInfo).port,
    async stop() {
      await gameServer.gracefullyShutdown(false);
      await o.storage.close();
    },
  };
}
