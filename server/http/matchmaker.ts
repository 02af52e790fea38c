import { matchMaker } from 'colyseus';
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { log } from '../log.js';

type Raw = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/** An Origin we answer to: only the page's own (the Host it asked). Anything else gets no CORS grant. */
export function sameOrigin(req: IncomingMessage): string | null {
  const origin = req.headers.origin;
  if (!origin || !req.headers.host) return null;
  try {
    return new URL(origin).host === req.headers.host ? origin : null;
  } catch {
    return null;
  }
}

/**
 * Colyseus answers any URL containing /matchmake before Express sees it. This puts the security
 * headers in front of every request the HTTP server gets (Express's and the matchmaker's), and
 * replaces the matchmaker's CORS (any Origin reflected, with credentials) by same-origin only, no credentials.
 * Call after gameServer.listen.
 */
export function guardMatchmaker(http: HttpServer, headers: Raw): void {
  const c = matchMaker.controller as unknown as {
    DEFAULT_CORS_HEADERS: Record<string, string>;
    getCorsHeaders: (req: IncomingMessage) => Record<string, string>;
  };
  const {
    ['Access-Control-Allow-Origin']: _o,
    ['Access-Control-Allow-Credentials']: _c,
    ...rest
  } = c.DEFAULT_CORS_HEADERS;
  c.DEFAULT_CORS_HEADERS = { ...rest, Vary: 'Origin' };
  c.getCorsHeaders = (req): Record<string, string> => {
    const origin = sameOrigin(req);
    return origin ? { 'Access-Control-Allow-Origin': origin } : {};
  };
  const listeners = http.listeners('request').slice() as ((req: IncomingMessage, res: ServerResponse) => void)[];
  http.removeAllListeners('request');
  http.on('request', (req: IncomingMessage, res: ServerResponse) =>
    headers(req, res, (err) => {
      if (err) {
        res.statusCode = 500;
        return res.end();
      }
      for (const l of listeners) l.call(http, req, res);
    }),
  );
}

/** The first line of anything logged: an error's message, not its stack. */
function line(args: unknown[]): string {
  return args
    .map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : typeof a === 'string' ? a : JSON.stringify(a)))
    .join(' ')
    .split('\n')[0]
    .slice(0, 300);
}

type Level = 'info' | 'warn' | 'error';

/**
 * Colyseus's logger: each message one line of the server's log (a refused or expired socket printed a
 * ~600-byte stack trace per attempt), the first line of an error and at most 300 characters; debug off.
 */
export function oneLineLogger(
  write: (level: Level, s: string) => void = (level, s) => log[level]({ from: 'colyseus' }, s),
) {
  return {
    debug: () => undefined,
    trace: () => undefined,
    log: (...a: unknown[]) => write('info', line(a)),
    info: (...a: unknown[]) => write('info', line(a)),
    warn: (...a: unknown[]) => write('warn', line(a)),
    error: (...a: unknown[]) => write('error', line(a)),
  };
}
