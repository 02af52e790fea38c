import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { bootServer, Player, until } from '../helpers.js';

// Issue 13: finishedAt was null in the event log of finished class tables (the class kept the
// table records it had loaded at creation).

let srv: RunningServer;
beforeAll(async () => {
  srv = await bootServer({ scenarios: new Map([['mini', miniScenario()]]), defaultScenario: 'mini' });
});
afterAll(() => srv?.stop());

async function call<T>(
  method: string,
  path: string,
  o: { body?: unknown; key?: string } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  if (o.key) headers.authorization = `Bearer ${o.key}`;
  const res = await fetch(`${srv.url}${path}`, {
    method,
    headers,
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

describe('the class event log', () => {
  it('sets finishedAt on every finished table, and leaves it null on a running one', async () => {
    const created = await call<{ classId: string; facilitatorKey: string; tables: string[] }>('POST', '/api/classes', {
      body: { scenario: 'mini', tables: 2, botsFill: false, standIn: false },
    });
    expect(created.status).toBe(201);
    const { classId, facilitatorKey: key } = created.body;
    const summary = await call<{ tables: { code: string; roomId: string }[] }>('GET', `/api/classes/${classId}`, {
      key,
    });
    const [first] = summary.body.tables;
    const boss = await Player.join(
      srv,
      first.roomId,
      { role: 'facilitator', name: 'Chair', facilitatorKey: key },
      'facilitator',
    );
    await boss.must({ type: 'start' });
    const before = Date.now();
    await boss.must({ type: 'end' });
    await until(() => boss.views.length > 0 && boss.view.phase === 'ended', 'the table to end');
    const log = await call<{ tables: { code: string; finishedAt: string | null }[] }>(
      'GET',
      `/api/classes/${classId}/export/events.json`,
      { key },
    );
    expect(log.status).toBe(200);
    const [ended, running] = log.body.tables;
    expect(ended.code).toBe(first.code);
    expect(ended.finishedAt).not.toBeNull();
    expect(Date.parse(ended.finishedAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(running.finishedAt).toBeNull();
    await boss.leave();
  });
});
