import { describe, expect, it } from 'vitest';
import { entries, waitsOn } from '../../../shared/engine/index.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { Table } from './helpers.js';

const s = miniScenario();
const UNTIMED = { news: 0, talks: 0, moves: 0, resolution: 0 };
const roles = s.roles.map((r) => r.id);

describe('an absent delegation at an untimed table (the "away" rule)', () => {
  it('passes its turn in moves, logged for everyone, and the next delegation is on turn', () => {
    const t = new Table(s, { seed: 1, phaseSeconds: UNTIMED }).toMoves();
    const who = t.turn();
    expect(waitsOn(t.state, who)).toBe(true);
    t.ok('system', { type: 'away', role: who });
    expect(t.state.moved).toContain(who);
    expect(t.turn()).not.toBe(who);
    const last = entries(t.state.timeline).at(-1)!;
    expect(last).toMatchObject({ kind: 'away', audience: null });
    expect(last.text).toMatch(/is away: their turn passes/);
  });

  it('counts as ready in the other phases, and the phase ends when the others are ready too', () => {
    const t = new Table(s, { seed: 2, phaseSeconds: UNTIMED });
    t.ok('facilitator', { type: 'start' });
    expect(t.state.phase).toBe('news');
    const [away, ...present] = roles;
    t.ok('system', { type: 'away', role: away });
    expect(entries(t.state.timeline).some((e) => e.kind === 'away')).toBe(true);
    for (const r of present) t.ok(r, { type: 'ready' });
    expect(t.state.phase).toBe('talks');
  });

  it('is refused when the table is not waiting on that delegation: timed phases, another turn, paused, unknown, from a player', () => {
    const timed = new Table(s, { seed: 3, phaseSeconds: { news: 10, talks: 60, moves: 30, resolution: 10 } }).toMoves();
    expect(timed.state.deadline).not.toBeNull();
    expect(waitsOn(timed.state, timed.turn())).toBe(false);
    timed.err('system', { type: 'away', role: timed.turn() }, 'action/invalid');

    const t = new Table(s, { seed: 3, phaseSeconds: UNTIMED }).toMoves();
    const other = roles.find((r) => r !== t.turn())!;
    t.err('system', { type: 'away', role: other }, 'action/invalid');
    t.err('system', { type: 'away', role: 'nobody' }, 'seat/unknown');
    t.err(t.turn(), { type: 'away', role: t.turn() }, 'seat/not_allowed');
    t.ok('facilitator', { type: 'pause' });
    expect(waitsOn(t.state, t.turn())).toBe(false);
    t.err('system', { type: 'away', role: t.turn() }, 'game/paused');
  });
});
