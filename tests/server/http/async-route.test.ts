import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asyncRoute, serverError } from '../../../server/http/async-route.js';

describe('asyncRoute', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const app = express();
    app.get(
      '/throws',
      asyncRoute(async () => {
        await Promise.resolve();
        throw new Error('secret detail');
      }),
    );
    app.get(
      '/ok',
      asyncRoute(async (_req, res) => {
        res.json({ ok: await Promise.resolve(true) });
      }),
    );
    app.use(serverError('test route error'));
    server = app.listen(0, '127.0.0.1');
    await new Promise<void>((done) => server.once('listening', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('answers 500 JSON when an async handler rejects, instead of hanging', async () => {
    const res = await fetch(`${base}/throws`, { signal: AbortSignal.timeout(5000) });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('server/error');
    expect(body.error.message).not.toContain('secret detail');
  });

  it('passes a resolved handler through untouched', async () => {
    const res = await fetch(`${base}/ok`, { signal: AbortSignal.timeout(5000) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});
