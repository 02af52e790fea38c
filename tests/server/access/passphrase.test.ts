import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFromEnv, hashPassphrase, passphraseMatches } from '../../../server/access.js';
import { call, sqliteServer } from './fixture.js';

// Issue 11, point 3: anyone could create a table (and read every brief with its facilitator key). With a passphrase set, only instructors can.
const PASS = 'correct horse battery staple';

// One server at a time: Colyseus's matchmaker is one per process.
describe('a server with an instructor passphrase', () => {
  let env: Awaited<ReturnType<typeof sqliteServer>>;
  let srv: Awaited<ReturnType<typeof sqliteServer>>['srv'];
  beforeAll(async () => {
    env = await sqliteServer({ passphrase: hashPassphrase(PASS) });
    srv = env.srv;
  });
  afterAll(() => env.cleanup());

  it('says so in GET /api/server, which the create forms read', async () => {
    expect((await call(srv, 'GET', '/api/server')).body).toEqual({
      passphraseRequired: true,
      soloWithoutPassphrase: true,
      maxTeamSize: 3,
    });
  });

  it('refuses a table without the passphrase or with a wrong one (the reproduction: POST /api/tables {} answered 201 with a key)', async () => {
    const none = await call(srv, 'POST', '/api/tables', { body: {} });
    expect([none.status, none.body.error.code]).toEqual([401, 'auth/passphrase_required']);
    expect(none.body.facilitatorKey).toBeUndefined();
    const wrong = await call(srv, 'POST', '/api/tables', { body: { passphrase: 'guess-guess' } });
    expect([wrong.status, wrong.body.error.code]).toEqual([403, 'auth/passphrase_wrong']);
    const ok = await call(srv, 'POST', '/api/tables', { body: { passphrase: PASS, rounds: 2 } });
    expect(ok.status).toBe(201);
    expect(ok.body.facilitatorKey).toMatch(/^[\w-]{43}$/);
  });

  it('refuses a class without it too', async () => {
    const none = await call(srv, 'POST', '/api/classes', { body: { tables: 1 } });
    expect([none.status, none.body.error.code]).toEqual([401, 'auth/passphrase_required']);
    const ok = await call(srv, 'POST', '/api/classes', { body: { tables: 1, passphrase: PASS } });
    expect(ok.status).toBe(201);
  });

  it('still allows solo practice (bots at every other delegation) without it', async () => {
    const solo = await call(srv, 'POST', '/api/tables', { body: { bots: ['b', 'c'], selfStart: true } });
    expect(solo.status).toBe(201);
    // Two free delegations is not solo practice; neither is a table in a class.
    expect((await call(srv, 'POST', '/api/tables', { body: { bots: ['c'] } })).status).toBe(401);
    expect((await call(srv, 'POST', '/api/tables', { body: { bots: ['b', 'c'], classId: 'x' } })).status).toBe(401);
  });
});

describe('a server that allows no solo practice without the passphrase', () => {
  let env: Awaited<ReturnType<typeof sqliteServer>>;
  beforeAll(async () => (env = await sqliteServer({ passphrase: hashPassphrase(PASS), soloWithoutPassphrase: false })));
  afterAll(() => env.cleanup());

  it('refuses solo tables without it', async () => {
    expect((await call(env.srv, 'POST', '/api/tables', { body: { bots: ['b', 'c'] } })).status).toBe(401);
    expect((await call(env.srv, 'GET', '/api/server')).body.soloWithoutPassphrase).toBe(false);
  });
});

describe('a server without a passphrase (a laptop)', () => {
  let env: Awaited<ReturnType<typeof sqliteServer>>;
  beforeAll(async () => (env = await sqliteServer()));
  afterAll(() => env.cleanup());

  it('creates tables and classes as before, and ignores a passphrase sent anyway', async () => {
    expect((await call(env.srv, 'GET', '/api/server')).body.passphraseRequired).toBe(false);
    expect((await call(env.srv, 'POST', '/api/tables', { body: {} })).status).toBe(201);
    expect((await call(env.srv, 'POST', '/api/tables', { body: { passphrase: 'anything' } })).status).toBe(201);
    expect((await call(env.srv, 'POST', '/api/classes', { body: { tables: 1 } })).status).toBe(201);
  });
});

describe('the settings', () => {
  it('keep only a salted scrypt hash of the passphrase', () => {
    const a = accessFromEnv({ INSTRUCTOR_PASSPHRASE: PASS });
    expect(JSON.stringify(a)).not.toContain('horse');
    expect(a.passphrase!.hash.length).toBe(32);
    expect(passphraseMatches(a.passphrase!, PASS)).toBe(true);
    expect(passphraseMatches(a.passphrase!, `${PASS} `)).toBe(false);
    expect(hashPassphrase(PASS).salt.equals(hashPassphrase(PASS).salt)).toBe(false);
  });

  it('refuse bad values at start, naming the variable', () => {
    expect(() => accessFromEnv({ INSTRUCTOR_PASSPHRASE: 'short' })).toThrow(/INSTRUCTOR_PASSPHRASE/);
    expect(() => accessFromEnv({ MAX_TEAM_SIZE: '0' })).toThrow(/MAX_TEAM_SIZE/);
    expect(() => accessFromEnv({ SOLO_WITHOUT_PASSPHRASE: 'maybe' })).toThrow(/SOLO_WITHOUT_PASSPHRASE/);
    expect(() => accessFromEnv({ LIMIT_LOOKUPS_PER_HOUR: '1.5' })).toThrow(/LIMIT_LOOKUPS_PER_HOUR/);
    expect(accessFromEnv({}).passphrase).toBeNull();
    expect(accessFromEnv({ MAX_TEAM_SIZE: '5' }).maxTeamSize).toBe(5);
  });

  it('count code misses by quarter-hour: a quarter of the hourly figure, rounded up, in any 15 minutes', () => {
    const quarter = 15 * 60_000;
    expect(accessFromEnv({}).limits.lookups).toEqual({ max: 30, windowMs: quarter });
    expect(accessFromEnv({ LIMIT_LOOKUPS_PER_HOUR: '10' }).limits.lookups).toEqual({ max: 3, windowMs: quarter });
    expect(accessFromEnv({ LIMIT_LOOKUPS_PER_HOUR: '1' }).limits.lookups).toEqual({ max: 1, windowMs: quarter });
    // The other limits stay hourly.
    expect(accessFromEnv({}).limits.keys).toEqual({ max: 20, windowMs: 4 * quarter });
  });
});
