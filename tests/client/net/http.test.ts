import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app.js';
import { ApiError, requestJson, requestText, serverAnswers } from '../../../client/net/http.js';
import type { CreatedTable, ScenarioSummary, TableInfo } from '../../../shared/table-protocol.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { bootServer } from '../../server/helpers.js';
import { freePort } from '../../server/child.js';

// The client's one HTTP wrapper against the real server: typed answers, and every failure an ApiError.
let srv: RunningServer;
beforeAll(async () => {
  srv = await bootServer({ scenarios: new Map([['mini', miniScenario()]]) });
});
afterAll(() => srv.stop());

const caught = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

describe('requestJson / requestText', () => {
  it('GETs and POSTs JSON', async () => {
    const list = await requestJson<ScenarioSummary[]>(`${srv.url}/api/scenarios`);
    expect(list.map((s) => s.id)).toEqual(['mini']);
    const t = await requestJson<CreatedTable>(`${srv.url}/api/tables`, { body: { scenario: 'mini' } });
    const info = await requestJson<TableInfo>(`${srv.url}/api/tables/${t.code}`);
    expect(info).toMatchObject({ code: t.code, roomId: t.roomId, finished: false, classTable: false });
  });

  it("turns a refusal into ApiError with the server's status, code and message", async () => {
    const e = await caught(requestJson(`${srv.url}/api/tables/NOSUCH`));
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 404, code: 'table/not_found', message: 'There is no table with that code.' });
    const bad = await caught(requestJson(`${srv.url}/api/tables`, { body: { scenario: 7 } }));
    expect(bad).toMatchObject({ status: 400, code: 'protocol/bad_message' });
  });

  it('sends the facilitator key as a bearer token, and reads text answers', async () => {
    const c = await requestJson<{ classId: string; facilitatorKey: string }>(`${srv.url}/api/classes`, {
      body: { scenario: 'mini', tables: 1 },
    });
    const csv = await requestText(`${srv.url}/api/classes/${c.classId}/export/scores.csv`, { key: c.facilitatorKey });
    expect(csv.split('\n')[0]).toMatch(/,/);
    const e = await caught(requestText(`${srv.url}/api/classes/${c.classId}/export/scores.csv`, { key: 'wrong' }));
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 403 });
  });

  it('serverAnswers: true while the server answers, false when nothing does', async () => {
    expect(await serverAnswers(`${srv.url}/api/health`)).toBe(true);
    expect(await serverAnswers(`http://127.0.0.1:${await freePort()}/api/health`)).toBe(false);
  });

  it('says the server cannot be reached when nothing answers', async () => {
    const e = await caught(requestJson(`http://127.0.0.1:${await freePort()}/api/scenarios`));
    expect(e).toMatchObject({ status: 0, code: 'client/offline' });
  });
});
