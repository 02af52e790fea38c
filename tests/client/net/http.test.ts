import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app.js';
import { ApiError, requestJson, requestText, sendOnce, serverAnswers } from '../../../client/net/http.js';
import {
  TABLE_IS_CLASS,
  type CreatedTable,
  type ScenarioSummary,
  type TableInfo,
} from '../../../shared/table-protocol.js';
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

  it('a class code looked up as a table: ApiError table/is_class, which the start page turns into a class page link', async () => {
    const c = await requestJson<{ classCode: string }>(`${srv.url}/api/classes`, {
      body: { scenario: 'mini', tables: 1 },
    });
    const e = await caught(requestJson(`${srv.url}/api/tables/${c.classCode.toLowerCase()}`));
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 404, code: TABLE_IS_CLASS });
    expect((e as ApiError).message).toMatch(/class code/);
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

describe('sendOnce (a form button that sends one request)', () => {
  const deferred = <T>() => {
    let resolve!: (v: T) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<T>((y, n) => ((resolve = y), (reject = n)));
    return { promise, resolve, reject };
  };

  it('sends once however often it is clicked while the request is in flight, then enables the button again', async () => {
    const button = { disabled: false };
    const d = deferred<string>();
    let sent = 0;
    const click = () =>
      sendOnce(button, () => {
        sent++;
        return d.promise;
      });
    const first = click();
    expect(button.disabled).toBe(true);
    expect(await click()).toBeUndefined();
    expect(sent).toBe(1);
    d.resolve('made');
    expect(await first).toBe('made');
    expect(button.disabled).toBe(false);
  });

  it('enables the button again when the request fails, and passes the error on', async () => {
    const button = { disabled: false };
    const err = new ApiError(400, 'protocol/bad_message', 'No.');
    await expect(sendOnce(button, () => Promise.reject(err))).rejects.toBe(err);
    expect(button.disabled).toBe(false);
  });

  it('keepDisabled: stays disabled after success (the page moves on), but not after a failure', async () => {
    const button = { disabled: false };
    expect(await sendOnce(button, async () => 1, { keepDisabled: true })).toBe(1);
    expect(button.disabled).toBe(true);
    const other = { disabled: false };
    await caught(sendOnce(other, () => Promise.reject(new Error('x')), { keepDisabled: true }));
    expect(other.disabled).toBe(false);
  });
});
