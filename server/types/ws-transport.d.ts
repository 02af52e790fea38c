// @colyseus/ws-transport 0.16 ships types but its package.json "exports" hides them from
// "moduleResolution": "Bundler"; this mirrors build/WebSocketTransport.d.ts.
declare module '@colyseus/ws-transport' {
  import type { Transport } from 'colyseus';
  import type { ServerOptions } from 'ws';

  export interface TransportOptions extends ServerOptions {
    pingInterval?: number;
    pingMaxRetries?: number;
  }

  export class WebSocketTransport extends Transport {
    constructor(options?: TransportOptions);
    listen(port: number, hostname?: string, backlog?: number, listeningListener?: () => void): this;
    shutdown(): void;
    simulateLatency(milliseconds: number): void;
    /** The underlying `ws` server. */
    protected wss: import('ws').WebSocketServer;
    /** The keep-alive timer; the transport clears it when its HTTP server closes. */
    protected pingInterval: ReturnType<typeof setInterval>;
    /** Starts the keep-alive pings once the HTTP server listens (only when pingInterval and pingMaxRetries are > 0). */
    protected autoTerminateUnresponsiveClients(pingInterval: number, pingMaxRetries: number): void;
  }
}
