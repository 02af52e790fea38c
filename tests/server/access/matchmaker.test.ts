import { matchMaker } from 'colyseus';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { RunningServer } from '../../../server/app.js';
import { log } from '../../../server/log.js';
import { createTable } from '../helpers.js';
import { sqliteServer } from './fixture.js';

// Issue 11, point 9: any URL containing /matchmake was answered by Colyseus without our headers and
// with any Origin reflected with credentials; every refused WebSocket wrote a ~600-byte stack trace.
let env: Awaited<ReturnType<typeof sqliteServer>>;
let srv: RunningServer;
beforeAll(async () => {
  env = await sqliteServer();
  srv = env.srv;
});
afterAll(() => env.cleanup());

function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: srv.port, method, path, headers }, (res) => {
      let b = '';
      res.on('data', (d) => (b += d));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: b }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

describe('the matchmaker routes', () => {
  it('carry the security headers, and grant no other origin (the reproduction reflected any Origin with credentials)', async () => {
    const t = await createTable(srv, { scenario: 'mini' });
    for (const [method, path] of [
      ['OPTIONS', '/matchmake/joinById/x'],
      ['POST', `/matchmake/joinById/${t.roomId}`],
      ['GET', '/anything/matchmake/else'],
    ]) {
      const r = await raw(
        method,
        path,
        { Origin: 'https://evil.example', 'content-type': 'application/json' },
        method === 'POST' ? JSON.stringify({ name: 'x', role: 'observer' }) : undefined,
      );
      expect(r.headers['access-control-allow-origin'], path).toBeUndefined();
      expect(r.headers['access-control-allow-credentials'], path).toBeUndefined();
      expect(String(r.headers['content-security-policy']), path).toContain("frame-ancestors 'none'");
      expect(r.headers['x-content-type-options'], path).toBe('nosniff');
      expect(r.headers['x-frame-options'], path).toBe('DENY');
      expect(r.headers['referrer-policy'], path).toBe('no-referrer');
    }
  });

  it('still answer the page’s own origin, without credentials', async () => {
    const r = await raw('OPTIONS', '/matchmake/joinById/x', {
      Origin: `http://127.0.0.1:${srv.port}`,
      Host: `127.0.0.1:${srv.port}`,
    });
    expect(r.headers['access-control-allow-origin']).toBe(`http://127.0.0.1:${srv.port}`);
    expect(r.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('the API sends the same headers (helmet)', async () => {
    const r = await raw('GET', '/api/health', {});
    expect(String(r.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(r.headers['x-powered-by']).toBeUndefined();
  });
});

describe('a refused socket', () => {
  it('is logged as one short line, not a stack trace', async () => {
    const lines: string[] = [];
    const spies = (['error', 'warn', 'info'] as const).map((level) =>
      vi
        .spyOn(log, level)
        .mockImplementation(
          ((...a: unknown[]) =>
            void lines.push(a.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(' '))) as never,
        ),
    );
    try {
      const t = await createTable(srv, { scenario: 'mini' });
      // A socket with no seat reservation: Colyseus refuses it ("seat reservation expired").
      for (let i = 0; i < 3; i++) {
        const ws = new WebSocket(`ws://127.0.0.1:${srv.port}/${matchMaker.processId}/${t.roomId}?sessionId=forged${i}`);
        await new Promise((r) => ws.on('close', r));
      }
      const refused = lines.filter((l) => /reservation/.test(l));
      expect(refused).toHaveLength(3);
      for (const l of refused) {
        expect(l).not.toMatch(/\n| {4}at /);
        expect(l.length).toBeLessThan(200);
      }
    } finally {
      for (const s of spies) s.mockRestore();
    }
  });
});
