import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app.js';
import { CONNECTION_CHECK_PATH } from '../../shared/protocol.js';
import { Relay } from '../e2e/relay.js';
import { bootServer, createTable, Player, testScenarios, until } from './helpers.js';

describe('the heartbeat and the connection check, on a real server', () => {
  let srv: RunningServer;

  beforeAll(async () => {
    srv = await bootServer({ scenarios: testScenarios(), graceSeconds: 30 });
  });

  afterAll(async () => {
    await srv?.stop();
  });

  it("answers a client's ping with a pong carrying its ref", async () => {
    const t = await createTable(srv, { scenario: 'mini' });
    const p = await Player.join(srv, t.roomId, { code: t.code, role: 'a', name: 'A', playerId: 'hb-a' });
    p.room.send('ping', { ref: 'beat-1' });
    await until(
      () => p.others.some(([type, m]) => type === 'pong' && (m as { ref?: string }).ref === 'beat-1'),
      'a pong',
    );
    expect(p.errors).toEqual([]);
    await p.leave();
  });

  it('a pinging client whose link goes silent is marked reconnecting within 15 s', async () => {
    const t = await createTable(srv, { scenario: 'mini' });
    const relay = new Relay(srv.port);
    const via = await relay.start();
    const p = await Player.join({ ...srv, url: via.replace(/\/$/, '') }, t.roomId, {
      code: t.code,
      role: 'b',
      name: 'B',
      playerId: 'hb-b',
    });
    p.room.send('ping', { ref: 'beat-2' });
    await until(() => p.others.some(([type]) => type === 'pong'), 'a pong');
    const status = async () =>
      (
        (await (await fetch(`${srv.url}/api/tables/${t.code}`)).json()) as { roles: { id: string; status: string }[] }
      ).roles.find((r) => r.id === 'b')?.status;
    expect(await status()).toBe('present');
    relay.set('silent');
    const t0 = Date.now();
    while ((await status()) === 'present') {
      expect(Date.now() - t0).toBeLessThan(15_000);
      await new Promise((r) => setTimeout(r, 200));
    }
    console.log(`server marked the silent seat ${await status()} after ${Date.now() - t0} ms`);
    await relay.stop();
  }, 30_000);

  it('answers the connection check at its own path with "ok" and a clean close, touching no table', async () => {
    const ws = new WebSocket(`${srv.url.replace('http', 'ws')}${CONNECTION_CHECK_PATH}`);
    const got = await new Promise<{ data: string; code: number }>((resolve, reject) => {
      let data = '';
      ws.on('message', (m) => (data += String(m)));
      ws.on('close', (code) => resolve({ data, code }));
      ws.on('error', reject);
    });
    expect(got).toEqual({ data: 'ok', code: 1000 });
  });
});
