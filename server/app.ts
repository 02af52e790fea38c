import './ws-compat.js';
import { matchMaker, Server } from 'colyseus';
import { SpreadPingTransport } from './transport.js';
import express from 'express';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOM_NAME } from '../shared/protocol.js';
import type { Scenario } from '../shared/scenario/schema.js';
import { classRoutes } from './classes/class-routes.js';
import { config } from './config.js';
import { serveConnectionCheck } from './connection-check.js';
import { apiRouter } from './http/api.js';
import { clientFiles } from './http/static.js';
import { securityHeaders } from './security.js';
import { accessFromConfig, type AccessSettings } from './access.js';
import { httpLimiters } from './http/limits.js';
import { guardMatchmaker, oneLineLogger } from './http/matchmaker.js';
import { DEFAULT_RATE_LIMIT, type RateLimit } from './rooms/message-guard.js';
import { NegotiationRoom } from './rooms/negotiation-room.js';
import type { RoomContext } from './rooms/room-context.js';
import { DEFAULT_SCENARIO, loadScenarios } from './scenarios.js';
import type { ScaleOut } from './scale-out.js';
import { MemoryStorage } from './storage/memory.js';
import { startRetention } from './storage/retention.js';
import type { Storage } from './storage/storage.js';
import { TableService } from './tables.js';

export const DIST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../dist');

export interface StartOptions {
  /** 0 picks a free port. Default: PORT or 2567. */
  port?: number;
  /** Default: HOST, else every interface. */
  host?: string;
  storage?: Storage;
  scenarios?: Map<string, Scenario>;
  defaultScenario?: string;
  /** Seconds a dropped client keeps its seat. Default: RECONNECT_GRACE or 60. */
  graceSeconds?: number;
  /** Delete games finished more than this many days ago, at start and every retentionEveryMs. Default: RETENTION_DAYS or 0 (keep). */
  retentionDays?: number;
  /** Default hourly. */
  retentionEveryMs?: number;
  /** A finished table's room opened only to be looked at closes after this long without a client. Default 30. */
  finishedIdleSeconds?: number;
  rateLimit?: RateLimit;
  tickMs?: number;
  distDir?: string;
  /** Install SIGINT/SIGTERM handlers that shut down cleanly (the real server, not tests). */
  handleSignals?: boolean;
  /** Reopen unfinished tables from storage on start. Default true. */
  restore?: boolean;
  /** Several processes: Colyseus's Redis presence and driver, and this process's public address (see scale-out.ts). */
  scaleOut?: ScaleOut;
  /** Instructor passphrase, team size, queue bounds and per-address limits. Default: from the environment (server/access.ts). */
  access?: AccessSettings;
}

export interface RunningServer {
  port: number;
  url: string;
  http: HttpServer;
  gameServer: Server;
  storage: Storage;
  tables: TableService;
  restored: number;
  /** Closes every room and connection, then the storage. */
  stop(): Promise<void>;
}

/** Starts the web server, the API and the Colyseus game server on one port. */
export async function startServer(o: StartOptions = {}): Promise<RunningServer> {
  const env = config();
  const storage = o.storage ?? new MemoryStorage();
  const scenarios = o.scenarios ?? loadScenarios();
  const defaultScenario =
    o.defaultScenario ?? (scenarios.has(DEFAULT_SCENARIO) ? DEFAULT_SCENARIO : [...scenarios.keys()][0]);
  const tables = new TableService(storage, scenarios, defaultScenario);

  const access = o.access ?? accessFromConfig(env);
  const limit = httpLimiters(access.limits);
  const headers = securityHeaders();
  const app = express();
  app.disable('x-powered-by');
  // Behind a proxy, TRUST_PROXY says whose X-Forwarded-For names the client (the per-address limits count by it).
  if (env.trustProxy)
    app.set(
      'trust proxy',
      /^\d+$/.test(env.trustProxy) ? Number(env.trustProxy) : env.trustProxy === 'true' ? true : env.trustProxy,
    );
  // The security headers are set for every request of the HTTP server (guardMatchmaker below), Express's and Colyseus's.
  app.use('/api', classRoutes({ storage, tables, scenarios, defaultScenario, access, limit }));
  app.use('/api', apiRouter(tables, scenarios, access, limit, defaultScenario));
  app.use(clientFiles(o.distDir ?? DIST_DIR));
  const http = createServer(app);

  const gameServer = new Server({
    // Larger than MAX_MESSAGE_BYTES so an oversized message gets a coded refusal; beyond this the socket is closed.
    transport: new SpreadPingTransport({ server: http, maxPayload: 64 * 1024 }),
    gracefullyShutdown: o.handleSignals ?? false,
    greet: false,
    logger: oneLineLogger(),
    ...o.scaleOut,
    // A table's room opens in the process that asked for it, never by a remote create that could time out and open it twice.
    selectProcessIdToCreateRoom: async () => matchMaker.processId,
  });
  const ctx: RoomContext = {
    storage,
    scenarios,
    graceSeconds: o.graceSeconds ?? env.reconnectGraceSeconds,
    rateLimit: o.rateLimit ?? DEFAULT_RATE_LIMIT,
    tickMs: o.tickMs ?? 250,
    finishedIdleSeconds: o.finishedIdleSeconds ?? 30,
    access,
  };
  serveConnectionCheck(http);
  gameServer.define(ROOM_NAME, NegotiationRoom, { ctx } as never);
  // Rooms are made only by POST /api/tables; clients may join one by id or reconnect, nothing else.
  matchMaker.controller.exposedMethods = ['joinById', 'reconnect'];
  if (o.handleSignals) gameServer.onShutdown(() => storage.close());

  await gameServer.listen(o.port ?? env.port, o.host ?? env.host);
  // Colyseus answers /matchmake itself: the same headers there, and no reflected origin with credentials.
  guardMatchmaker(http, headers);
  const restored = o.restore === false ? 0 : await tables.restoreAll();
  const stopRetention = startRetention(storage, o.retentionDays ?? env.retentionDays, o.retentionEveryMs);
  const port = (http.address() as AddressInfo).port;
  let stopped = false;
  return {
    port,
    url: `http://localhost:${port}`,
    http,
    gameServer,
    storage,
    tables,
    restored,
    async stop() {
      if (stopped) return;
      stopped = true;
      stopRetention();
      await gameServer.gracefullyShutdown(false);
      await storage.close();
    },
  };
}
