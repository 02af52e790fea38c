import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import './ws-compat.js';
import { CONNECTION_CHECK_PATH } from '../shared/protocol.js';

type UpgradeListener = (req: IncomingMessage, socket: Socket, head: Buffer) => void;

/**
 * Answers WebSocket upgrades to CONNECTION_CHECK_PATH itself: it accepts, sends "ok" and closes (1000).
 * The page's connection check and its blocked-network diagnosis (client/net/probe.ts) use it to learn
 * whether live connections pass the school's filter, without touching a table. Every other upgrade goes
 * on to the listeners already installed (Colyseus's transport). Call after the transport is created.
 */
export function serveConnectionCheck(http: HttpServer): void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 });
  const others = http.listeners('upgrade') as UpgradeListener[];
  http.removeAllListeners('upgrade');
  http.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    if (req.url?.split('?')[0] !== CONNECTION_CHECK_PATH) return others.forEach((l) => l.call(http, req, socket, head));
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      ws.send('ok');
      ws.close(1000, 'ok');
    });
  });
}
