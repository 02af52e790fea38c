import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_ALPHABET, CODE_LENGTH } from '../../../server/secrets.js';
import { call, sqliteServer, type Called } from './fixture.js';

// Issue 11, points 5 and 6: one address created tables without end and tried ~1,900 codes a second.
// The default limits (server/access.ts), on the real server; every request here comes from 127.0.0.1.
let env: Awaited<ReturnType<typeof sqliteServer>>;
beforeAll(async () => (env = await sqliteServer()));
afterAll(() => env.cleanup());

/** "limit=30, remaining=..." and "30;w=3600" as numbers. */
function policy(h: Headers): { max: number; windowSeconds: number } {
  const m = /^(\d+);w=(\d+)/.exec(h.get('ratelimit-policy') ?? '');
  if (!m) throw new Error(`no RateLimit-Policy header: ${h.get('ratelimit-policy')}`);
  return { max: Number(m[1]), windowSeconds: Number(m[2]) };
}

let studentsClass: { classId: string; classCode: string; facilitatorKey: string };
const created: string[] = [];

describe('per-address limits', () => {
  it('40 students behind one school address all join their class at once, each first asking for a seat it does not have yet', async () => {
    const { srv } = env;
    const c = await call(srv, 'POST', '/api/classes', { body: { tables: 'auto', botsFill: false } });
    expect(c.status).toBe(201);
    studentsClass = c.body;
    const t0 = Date.now();
    const results = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        // The class page first asks whether this browser is seated (404 class/not_seated: not a failed lookup).
        const before = await call(srv, 'GET', `/api/classes/${c.body.classCode}/seats/student-${i}`);
        const join = await call(srv, 'POST', `/api/classes/${c.body.classCode}/join`, {
          body: { name: `Student ${i}`, playerId: `student-${i}` },
        });
        const table = await call(srv, 'GET', `/api/tables/${join.body.tableCode}`);
        return [before.body.error?.code, join.status, table.status];
      }),
    );
    const seconds = (Date.now() - t0) / 1000;
    expect(results.every(([a, b, t]) => a === 'class/not_seated' && b === 200 && t === 200)).toBe(true);
    console.log(`40 students behind one address joined in ${seconds.toFixed(2)} s`);
  });

  it('creation: 60 tables or classes an hour from one address (the reproduction made 300 in 3-5 s)', async () => {
    const { srv } = env;
    const statuses: number[] = [];
    // One class was made above.
    for (let i = 0; i < 60; i++) {
      const r = await call(srv, 'POST', '/api/tables', { body: { rounds: 1 } });
      statuses.push(r.status);
      if (r.status === 201) created.push(r.body.code);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(59);
    const r = await call(srv, 'POST', '/api/classes', { body: { tables: 1 } });
    expect([r.status, r.body.error.code]).toEqual([429, 'limit/creates']);
    expect(r.body.error.message).toMatch(/created from this address/);
  });
  it('a code guesser gets 429 after 30 misses in a quarter-hour (120 an hour), so finding one of 50 live codes takes years', async () => {
    const { srv } = env;
    const live = { body: { code: created[0] } };
    let first429: Called | null = null;
    let misses = 0;
    for (let i = 0; i < 40 && !first429; i++) {
      const r = await call(
        srv,
        i % 2 ? 'GET' : 'POST',
        i % 2 ? `/api/tables/ZZZZ${String(i).padStart(2, '2')}` : `/api/classes/YYYY${String(i).padStart(2, '2')}/join`,
        i % 2 ? {} : { body: { name: 'g', playerId: 'g' } },
      );
      if (r.status === 429) first429 = r;
      else misses++;
    }
    expect(misses).toBe(30);
    expect(first429!.body.error.code).toBe('limit/lookups');
    // The wait is what is left of this address's quarter-hour, not an hour, and the message says it in minutes.
    const retry = Number(first429!.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(14 * 60);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    expect(first429!.body.error.message).toMatch(/try again in 15 minutes\.$/);
    // Now even a real code is refused to this address: the guesser learns nothing more this quarter-hour.
    expect((await call(srv, 'GET', `/api/tables/${live.body.code}`)).status).toBe(429);

    const { max, windowSeconds } = policy(first429!.headers);
    const space = CODE_ALPHABET.length ** CODE_LENGTH;
    // Expected guesses before a first hit among k live codes in a space of N: (N + 1) / (k + 1).
    const expectedGuesses = (space + 1) / (50 + 1);
    const months = ((expectedGuesses / max) * windowSeconds) / (3600 * 24 * 30.4);
    console.log(
      `code space ${space}, ${max} misses per ${windowSeconds} s per address: one of 50 live codes found in ~${Math.round(months)} months (${(months / 12).toFixed(0)} years)`,
    );
    expect(months).toBeGreaterThan(12 * 10);
    // Even a hundred addresses working together need about two months.
    expect(months / 100).toBeGreaterThan(1.5);
  });

  it('wrong facilitator keys: 20 an hour, then 429', async () => {
    const { srv } = env;
    const c = { body: studentsClass };
    const codes: number[] = [];
    for (let i = 0; i < 21; i++)
      codes.push((await call(srv, 'GET', `/api/classes/${c.body.classId}/dashboard`, { key: `wrong-${i}` })).status);
    expect(codes.slice(0, 20).every((s) => s === 403)).toBe(true);
    const r = await call(srv, 'GET', `/api/classes/${c.body.classId}/dashboard`, { key: c.body.facilitatorKey });
    expect([r.status, r.body.error.code]).toEqual([429, 'limit/keys']);
  });
});
