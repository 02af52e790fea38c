import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP relay on loopback between the browser and the game server, standing in for a school network:
 * - 'open': forwards everything;
 * - 'silent': a stalled link: accepts connections, forwards nothing either way and closes nothing (bytes
 *   are dropped); when it opens again, every connection that lived through the silence is reset, as a
 *   router that lost its state would;
 * - 'refuse-upgrade': pages and API pass, WebSocket upgrades get "403 Forbidden" (a filtering proxy);
 * - 'ignore-upgrade': pages and API pass, WebSocket upgrades are never answered.
 */
export type RelayMode = 'open' | 'silent' | 'refuse-upgrade' | 'ignore-upgrade';

interface Pair {
  client: Socket;
  server: Socket;
  /** Lived through a silence: reset when the link opens again. */
  stale: boolean;
}

export class Relay {
  private server: Server;
  private pairs = new Set<Pair>();
  mode: RelayMode = 'open';
  port = 0;

  constructor(private targetPort: number) {
    this.server = createServer((c) => this.accept(c));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return `http://127.0.0.1:${this.port}/`;
  }

  set(mode: RelayMode): void {
    const wasSilent = this.mode === 'silent';
    this.mode = mode;
    if (mode === 'silent') for (const p of this.pairs) p.stale = true;
    if (wasSilent && mode !== 'silent') for (const p of [...this.pairs]) if (p.stale) this.drop(p);
  }

  async stop(): Promise<void> {
    for (const p of [...this.pairs]) this.drop(p);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    const server = connect(this.targetPort, '127.0.0.1');
    const pair: Pair = { client, server, stale: this.mode === 'silent' };
    this.pairs.add(pair);
    let first = true;
    client.on('data', (buf) => {
      if (this.mode === 'silent') return;
      if (first) {
        first = false;
        const upgrade = /^GET [^\r\n]* HTTP\/1\.1\r\n[\s\S]*upgrade:\s*websocket/i.test(buf.toString('latin1'));
        if (upgrade && this.mode === 'refuse-upgrade') {
          client.end(
            'HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: 24\r\nConnection: close\r\n\r\nWebSockets are blocked.\n',
          );
          return this.drop(pair, false);
        }
        if (upgrade && this.mode === 'ignore-upgrade') return void this.swallow.add(client);
      }
      if (this.swallow.has(client)) return;
      server.write(buf);
    });
    server.on('data', (buf) => {
      if (this.mode === 'silent' || this.swallow.has(client)) return;
      client.write(buf);
    });
    const closed = () => {
      // A stalled link passes on no close either; the reset comes when it opens again.
      if (this.mode === 'silent' && pair.stale) return;
      this.drop(pair);
    };
    client.on('close', closed);
    server.on('close', closed);
    client.on('error', () => undefined);
    server.on('error', () => undefined);
  }

  /** Connections whose WebSocket upgrade is being ignored. */
  private swallow = new Set<Socket>();

  private drop(p: Pair, reset = true): void {
    this.pairs.delete(p);
    this.swallow.delete(p.client);
    if (reset) p.client.resetAndDestroy();
    else p.client.destroySoon();
    p.server.destroy();
  }
}
