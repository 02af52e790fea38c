import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';

export interface OneAddress {
  port: number;
  /** How many requests and WebSocket upgrades each backend received. */
  hits: number[];
  close(): Promise<void>;
}

/**
 * What nginx or HAProxy does in front of several server processes, in a few lines for tests:
 * /pN/... goes to backend N with the prefix removed (each process's PUBLIC_ADDRESS is host:port/pN),
 * anything else goes to each backend in turn. WebSocket upgrades are passed through as raw sockets.
 */
export async function oneAddress(backends: number[]): Promise<OneAddress> {
  let next = 0;
  const hits = backends.map(() => 0);
  const route = (url: string): { port: number; path: string } => {
    const m = /^\/p(\d+)(\/.*)$/.exec(url);
    const i = m && Number(m[1]) - 1 < backends.length ? Number(m[1]) - 1 : next++ % backends.length;
    hits[i]++;
    return { port: backends[i], path: m ? m[2] : url };
  };
  const server = createServer((req, res) => {
    const { port, path } = route(req.url ?? '/');
    const up = request({ host: '127.0.0.1', port, path, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  const sockets = new Set<{ destroy(): void }>();
  server.on('upgrade', (req, socket, head) => {
    const { port, path } = route(req.url ?? '/');
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const up = connect(port, '127.0.0.1', () => {
      const headers: string[] = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      up.write(`${req.method} ${path} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
      up.write(head);
      socket.pipe(up).pipe(socket);
    });
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
