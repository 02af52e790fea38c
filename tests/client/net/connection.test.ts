import { describe, expect, it } from 'vitest';
import { backoffMs, BACKOFF_MAX_MS, BACKOFF_MIN_MS, serverRefusal } from '../../../client/net/connection.js';
import { blockedMessage, hostAndPort, probeReport } from '../../../client/net/probe.js';

describe('reconnection backoff', () => {
  it('doubles from the minimum, stays within [half, whole] of each step, and never passes the maximum', () => {
    expect(backoffMs(0, () => 0)).toBe(BACKOFF_MIN_MS / 2);
    expect(backoffMs(0, () => 1)).toBe(BACKOFF_MIN_MS);
    expect(backoffMs(1, () => 1)).toBe(BACKOFF_MIN_MS * 2);
    for (let n = 0; n < 100; n++) {
      const d = backoffMs(n);
      expect(d).toBeGreaterThanOrEqual(Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** n) / 2);
      expect(d).toBeLessThanOrEqual(BACKOFF_MAX_MS);
    }
  });

  it('jitters: many clients dropped together do not retry in step', () => {
    const delays = new Set(Array.from({ length: 30 }, () => backoffMs(5)));
    expect(delays.size).toBeGreaterThan(10);
  });
});

describe('what counts as the server refusing (stop using the token, or give up the seat)', () => {
  it('a matchmaking error code or a join refusal is the server speaking; a network failure is not', () => {
    expect(serverRefusal(Object.assign(new Error('reconnection token invalid or expired.'), { code: 4214 }))).toMatch(
      /expired/,
    );
    expect(
      serverRefusal(Object.assign(new Error('seat/taken: That delegation already has a player'), { code: 4409 })),
    ).toMatch(/^seat\//);
    expect(serverRefusal(new TypeError('Failed to fetch'))).toBeNull();
    expect(serverRefusal(Object.assign(new Error('Bad Gateway'), { code: 502 }))).toBeNull();
    expect(serverRefusal(Object.assign(new Error(''), { code: 1006 }))).toBeNull();
  });
});

describe('the blocked-network sentence', () => {
  const loc = { protocol: 'http:', hostname: 'game.school.example', port: '2567' };
  it('names the host and port to allow, and whether the upgrade was refused or unanswered', () => {
    expect(blockedMessage({ ok: false, reason: 'refused', ms: 10 }, loc)).toMatch(
      /refused.*ws:\/\/.*game\.school\.example on port 2567/,
    );
    expect(blockedMessage({ ok: false, reason: 'silent', ms: 3500 }, loc)).toMatch(/got no answer/);
    expect(hostAndPort({ protocol: 'https:', hostname: 'x.example', port: '' })).toEqual({
      host: 'x.example',
      port: '443',
    });
    expect(probeReport({ ok: true, ms: 12 }, loc)).toMatch(/Live connections work.*12 ms/);
  });
});
