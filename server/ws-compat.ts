import WebSocket from 'ws';
import * as wsModule from 'ws';

// @colyseus/ws-transport's ES module build calls `new WebSocket.Server(...)`, which only ws's
// CommonJS entry defines; under Node's ESM loader (tsx, vitest) it is missing. Define it once.
const ws = WebSocket as unknown as { Server?: unknown };
ws.Server ??= (wsModule as unknown as { WebSocketServer: unknown }).WebSocketServer;
