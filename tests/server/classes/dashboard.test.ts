import { describe, expect, it } from 'vitest';
import { dashboardRow } from '../../../server/classes/dashboard.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { play } from '../../shared/analysis/play.js';

const s = miniScenario();
const t = { number: 1, code: 'ABCDEF', roomId: 'r1' };
const MIN = 60_000;

describe('dashboardRow', () => {
  const { state, log } = play(s, [
    ['facilitator', { type: 'start' }],
    ['a', { type: 'chat', channel: 'public', text: 'Hello.' }],
  ]);
  const lastAt = log[1].at;

  it('flags a live table as stuck when no delegation has acted for longer than the limit', () => {
    expect(dashboardRow(s, t, state, log, null, {}, lastAt + 5 * MIN, 5 * MIN).flags.stuck).toBe(false);
    expect(dashboardRow(s, t, state, log, null, {}, lastAt + 5 * MIN + 1, 5 * MIN).flags.stuck).toBe(true);
    expect(dashboardRow(s, t, state, log, null, {}, lastAt, 5 * MIN).lastMoveAt).toBe(lastAt);
  });

  it('does not flag a paused table as stuck', () => {
    const paused = play(s, [
      ['facilitator', { type: 'start' }],
      ['facilitator', { type: 'pause' }],
    ]);
    expect(dashboardRow(s, t, paused.state, paused.log, null, {}, 10 ** 9, MIN).flags.stuck).toBe(false);
  });

  it('flags seats whose students are absent', () => {
    const info = {
      roles: s.roles.map((r, i) => ({
        id: r.id,
        status: ['present', 'absent', 'free'][i],
        names: i === 0 ? ['Ann'] : [],
      })),
    } as never;
    const row = dashboardRow(s, t, state, log, info, { c: ['Cy'] }, lastAt, MIN);
    expect(row.flags).toEqual({ stuck: false, absent: ['b', 'c'], free: ['c'] });
    expect(row.seats[0]).toMatchObject({ role: 'a', status: 'present', names: ['Ann'] });
    expect(row.phase).toBe('news');
  });
});
