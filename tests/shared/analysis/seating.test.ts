import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  emptySeating,
  emptySeats,
  moveStudent,
  removeStudent,
  seatCounts,
  seatOf,
  seatStudent,
  type Seating,
  type SeatingConfig,
} from '../../../shared/analysis/seating.js';

const roles = ['russia', 'ukraine', 'usa', 'europe'];
const cfg = (over: Partial<SeatingConfig> = {}): SeatingConfig => ({
  roles,
  tables: 3,
  teams: false,
  maxTables: 20,
  ...over,
});

function joinAll(c: SeatingConfig, n: number): Seating {
  let s = emptySeating(c);
  for (let i = 0; i < n; i++) {
    const r = seatStudent(s, c, { playerId: `p${i}`, name: `Student ${i}` });
    if (!r.ok) throw new Error(r.error.message);
    s = r.seating;
  }
  return s;
}

describe('seatStudent', () => {
  it('seats twelve students at three tables, one per delegation each', () => {
    const s = joinAll(cfg(), 12);
    for (const c of seatCounts(s, cfg())) expect(Object.values(c)).toEqual([1, 1, 1, 1]);
    // Round-robin over tables: the first three students take the first delegation at each table.
    expect(s.placements.slice(0, 4).map((p) => [p.table, p.role])).toEqual([
      [0, 'russia'],
      [1, 'russia'],
      [2, 'russia'],
      [0, 'ukraine'],
    ]);
  });

  it('is deterministic', () => {
    expect(joinAll(cfg({ teams: true }), 17)).toEqual(joinAll(cfg({ teams: true }), 17));
  });

  it('keeps a returning student in the same seat', () => {
    const s = joinAll(cfg(), 5);
    const r = seatStudent(s, cfg(), { playerId: 'p3', name: 'Student 3' });
    expect(r.ok && r.placement).toEqual(seatOf(s, 'p3'));
    expect(r.ok && r.seating.placements.length).toBe(5);
  });

  it('refuses a thirteenth student when teams are not allowed, and changes nothing', () => {
    const s = joinAll(cfg(), 12);
    const r = seatStudent(s, cfg(), { playerId: 'late', name: 'Late' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('seating/full');
    expect(s.placements).toHaveLength(12);
  });

  it('forms teams when there are more students than seats, balanced across tables and delegations', () => {
    const c = cfg({ tables: 2, teams: true });
    const s = joinAll(c, 11);
    const counts = seatCounts(s, c);
    expect(counts.map((t) => Object.values(t).reduce((a, b) => a + b, 0))).toEqual([6, 5]);
    expect(counts[0]).toEqual({ russia: 2, ukraine: 2, usa: 1, europe: 1 });
    expect(counts[1]).toEqual({ russia: 2, ukraine: 1, usa: 1, europe: 1 });
  });

  it('opens a new table in auto mode only when every seat is taken', () => {
    const c = cfg({ tables: 'auto' });
    expect(joinAll(c, 4).tables).toBe(1);
    const s = joinAll(c, 5);
    expect(s.tables).toBe(2);
    expect(seatOf(s, 'p4')).toMatchObject({ table: 1, role: 'russia' });
    expect(emptySeats(s, c, 1)).toEqual(['ukraine', 'usa', 'europe']);
  });

  it('forms teams in auto mode once the largest number of tables is reached', () => {
    const c = cfg({ tables: 'auto', maxTables: 2, teams: true });
    const s = joinAll(c, 9);
    expect(s.tables).toBe(2);
    expect(seatOf(s, 'p8')).toMatchObject({ table: 0, role: 'russia' });
  });

  it('refuses a student without a name', () => {
    const r = seatStudent(emptySeating(cfg()), cfg(), { playerId: 'x', name: '  ' });
    expect(!r.ok && r.error.code).toBe('seating/bad_student');
  });

  it('keeps tables within one student of each other, whatever the numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 60 }), fc.boolean(), (tables, n, teams) => {
        const c = cfg({ tables, teams });
        let s = emptySeating(c);
        for (let i = 0; i < n; i++) {
          const r = seatStudent(s, c, { playerId: `p${i}`, name: 'n' });
          if (!r.ok) {
            expect(teams).toBe(false);
            expect(s.placements).toHaveLength(tables * roles.length);
            return;
          }
          s = r.seating;
        }
        const loads = seatCounts(s, c).map((t) => Object.values(t).reduce((a, b) => a + b, 0));
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
        for (const t of seatCounts(s, c))
          expect(Math.max(...Object.values(t)) - Math.min(...Object.values(t))).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('moveStudent', () => {
  it('moves a student to an empty seat', () => {
    const s = joinAll(cfg(), 3);
    const r = moveStudent(s, cfg(), 'p0', { table: 2, role: 'europe' });
    expect(r.ok && r.placement).toMatchObject({ playerId: 'p0', table: 2, role: 'europe' });
    expect(r.ok && r.moved).toHaveLength(1);
  });

  it('swaps two students when the seat is taken and teams are off', () => {
    const s = joinAll(cfg(), 12);
    const before = seatOf(s, 'p0')!;
    const target = seatOf(s, 'p5')!;
    const r = moveStudent(s, cfg(), 'p0', { table: target.table, role: target.role });
    if (!r.ok) throw new Error(r.error.message);
    expect(seatOf(r.seating, 'p0')).toMatchObject({ table: target.table, role: target.role });
    expect(seatOf(r.seating, 'p5')).toMatchObject({ table: before.table, role: before.role });
    expect(r.moved.map((p) => p.playerId).sort()).toEqual(['p0', 'p5']);
  });

  it('makes a team when teams are on', () => {
    const c = cfg({ teams: true });
    const s = joinAll(c, 12);
    const target = seatOf(s, 'p5')!;
    const r = moveStudent(s, c, 'p0', { table: target.table, role: target.role });
    expect(r.ok && r.moved.map((p) => p.playerId)).toEqual(['p0']);
    expect(r.ok && seatCounts(r.seating, c)[target.table][target.role]).toBe(2);
  });

  it('refuses unknown students, tables and delegations without changing anything', () => {
    const s = joinAll(cfg(), 2);
    const a = moveStudent(s, cfg(), 'nobody', { table: 0, role: 'usa' });
    const b = moveStudent(s, cfg(), 'p0', { table: 3, role: 'usa' });
    const d = moveStudent(s, cfg(), 'p0', { table: 0, role: 'mars' });
    expect([a, b, d].map((r) => !r.ok && r.error.code)).toEqual([
      'seating/unknown_student',
      'seating/bad_table',
      'seating/bad_role',
    ]);
    expect(s).toEqual(joinAll(cfg(), 2));
  });

  it('frees a seat when a student is removed', () => {
    const s = removeStudent(joinAll(cfg(), 4), 'p0');
    expect(seatOf(s, 'p0')).toBeNull();
    expect(emptySeats(s, cfg(), 0)).toContain('russia');
  });
});
