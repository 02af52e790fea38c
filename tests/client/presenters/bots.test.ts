import { describe, expect, it } from 'vitest';
import { botControls, botNoteLine, soloTable } from '../../../client/presenters/bots.js';
import { createOptionsSchema } from '../../../shared/protocol.js';
import { Game } from '../game.js';

type Status = 'free' | 'present' | 'absent' | 'reconnecting';
const table = (seats: Record<string, { status: Status; bot?: boolean }>) => ({
  seats: Object.fromEntries(
    Object.entries(seats).map(([role, s]) => [role, { role, status: s.status, names: [], bot: s.bot }]),
  ),
  observers: 0,
  facilitators: 1,
  serverTime: 0,
  selfStart: false,
});

describe('bot switches for the facilitator', () => {
  it('offer a bot for empty and absent seats, its removal where one plays, and nothing over a present player', () => {
    const { pub } = new Game();
    const c = botControls(
      pub,
      table({ a: { status: 'present' }, b: { status: 'absent', bot: true }, c: { status: 'free' } }),
      'talks',
    );
    expect(c.map((x) => [x.role, x.bot, x.next, x.enabled])).toEqual([
      ['a', false, true, false],
      ['b', true, false, true],
      ['c', false, true, true],
    ]);
    expect(c[0].reason).toContain('Role A');
    expect(c[1].label).toContain('take the bot out');
    expect(c[2].label).toContain('seat a bot');
  });

  it('are all off once the talks have ended, and read a missing table as empty seats', () => {
    const { pub } = new Game();
    expect(botControls(pub, null, 'ended').every((x) => !x.enabled && x.reason === 'The talks are over.')).toBe(true);
    expect(botControls(pub, null, 'setup').every((x) => x.enabled && !x.bot)).toBe(true);
  });
});

describe('solo practice', () => {
  it('creates a self-starting table with bots in every other delegation, valid for POST /api/tables', () => {
    const { pub } = new Game();
    const o = soloTable(pub, 'b', 4);
    expect(o).toEqual({ scenario: 'mini', rounds: 4, selfStart: true, bots: ['a', 'c'] });
    expect(createOptionsSchema.safeParse(o).success).toBe(true);
    expect(() => soloTable(pub, 'zz')).toThrow(/no delegation/);
  });
});

describe('bot notes for the facilitator', () => {
  it('name the delegation and keep the private reasoning apart from the public line', () => {
    const { pub } = new Game();
    const l = botNoteLine(pub, {
      seat: 'b',
      round: 2,
      phase: 'moves',
      action: 'pass',
      reason: 'We hold our position.',
      reasoning: 'linear: t=0.40',
      at: 0,
    });
    expect(l.summary).toBe('Round 2, Role B (bot) pass: We hold our position.');
    expect(l.reasoning).toBe('linear: t=0.40');
    expect(
      botNoteLine(null, { seat: 'zz', round: 1, phase: 'moves', action: 'sign', reason: 'r', reasoning: 'x', at: 0 })
        .summary,
    ).toContain('zz (bot)');
  });
});
