// Seating for a class: who sits at which table, for which delegation. Pure and deterministic:
// the same joins in the same order always give the same seats.

export type RoleId = string;

export interface SeatingConfig {
  /** Role ids in the scenario's order; the first ones are filled first. */
  roles: RoleId[];
  /** A fixed number of tables, or 'auto': a new table opens when every seat is taken. */
  tables: number | 'auto';
  /** More than one student may share a delegation (a team) when every seat is taken. */
  teams: boolean;
  /** Upper bound on tables in 'auto' mode. */
  maxTables: number;
  /** At most this many students on one delegation (the server's team size). Default: no bound. */
  maxTeam?: number;
}

export interface Placement {
  playerId: string;
  name: string;
  /** Table index, from 0. */
  table: number;
  role: RoleId;
}

export interface Seating {
  /** Number of tables open now. */
  tables: number;
  placements: Placement[];
}

export type SeatingErrorCode =
  'seating/full' | 'seating/bad_table' | 'seating/bad_role' | 'seating/unknown_student' | 'seating/bad_student';

export type SeatingResult =
  | { ok: true; seating: Seating; placement: Placement; moved: Placement[] }
  | { ok: false; error: { code: SeatingErrorCode; message: string } };

export const DEFAULT_MAX_TABLES = 20;

/** The empty seating a class starts with. */
export function emptySeating(cfg: SeatingConfig): Seating {
  return { tables: cfg.tables === 'auto' ? 1 : cfg.tables, placements: [] };
}

export function seatOf(seating: Seating, playerId: string): Placement | null {
  return seating.placements.find((p) => p.playerId === playerId) ?? null;
}

/** How many students sit at each seat: counts[table][role]. */
export function seatCounts(seating: Seating, cfg: SeatingConfig): Record<RoleId, number>[] {
  const counts = Array.from(
    { length: seating.tables },
    () => Object.fromEntries(cfg.roles.map((r) => [r, 0])) as Record<RoleId, number>,
  );
  for (const p of seating.placements) if (counts[p.table] && p.role in counts[p.table]) counts[p.table][p.role] += 1;
  return counts;
}

/** Delegations at a table that no student holds (bots or nobody sit there). */
export function emptySeats(seating: Seating, cfg: SeatingConfig, table: number): RoleId[] {
  const c = seatCounts(seating, cfg)[table];
  return c ? cfg.roles.filter((r) => c[r] === 0) : [];
}

function fail(code: SeatingErrorCode, message: string): SeatingResult {
  return { ok: false, error: { code, message } };
}

function less(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

function total(c: Record<RoleId, number>): number {
  return Object.values(c).reduce((a, b) => a + b, 0);
}

/**
 * Places a student who joins: at the table with the fewest students, in the delegation
 * with the fewest students there. A student who is already seated keeps the seat.
 */
export function seatStudent(
  seating: Seating,
  cfg: SeatingConfig,
  student: { playerId: string; name: string },
): SeatingResult {
  if (!student.playerId || !student.name.trim())
    return fail('seating/bad_student', 'A student needs a name and a player id.');
  const existing = seatOf(seating, student.playerId);
  if (existing) return { ok: true, seating, placement: existing, moved: [] };
  let tables = seating.tables;
  let counts = seatCounts(seating, cfg);
  const hasEmptySeat = counts.some((c) => cfg.roles.some((r) => c[r] === 0));
  if (cfg.tables === 'auto' && !hasEmptySeat && tables < cfg.maxTables) {
    tables += 1;
    counts = [...counts, Object.fromEntries(cfg.roles.map((r) => [r, 0]))];
  }
  let best: { table: number; role: RoleId; key: number[] } | null = null;
  for (let t = 0; t < tables; t++) {
    const load = total(counts[t]);
    for (const role of cfg.roles) {
      const seatLoad = counts[t][role];
      if (seatLoad > 0 && !cfg.teams) continue;
      if (seatLoad >= (cfg.maxTeam ?? Infinity)) continue;
      // An empty seat anywhere beats making a team; then the emptiest table; then the smallest team.
      const key = [seatLoad === 0 ? 0 : 1, load, seatLoad];
      if (!best || less(key, best.key)) best = { table: t, role, key };
    }
  }
  if (!best)
    return fail(
      'seating/full',
      cfg.teams
        ? 'Every seat in this class is taken and every team is full.'
        : 'Every seat in this class is taken and teams are not allowed.',
    );
  const placement: Placement = {
    playerId: student.playerId,
    name: student.name.trim(),
    table: best.table,
    role: best.role,
  };
  return { ok: true, seating: { tables, placements: [...seating.placements, placement] }, placement, moved: [] };
}

/**
 * Moves a student to another seat (the instructor's drag). If the seat is held and teams are
 * not allowed, the students there swap places with the one who moves.
 */
export function moveStudent(
  seating: Seating,
  cfg: SeatingConfig,
  playerId: string,
  to: { table: number; role: RoleId },
): SeatingResult {
  const who = seatOf(seating, playerId);
  if (!who) return fail('seating/unknown_student', `No student with id "${playerId}" is seated in this class.`);
  if (!Number.isInteger(to.table) || to.table < 0 || to.table >= seating.tables)
    return fail('seating/bad_table', `There is no table number ${to.table + 1} in this class.`);
  if (!cfg.roles.includes(to.role)) return fail('seating/bad_role', `There is no delegation called "${to.role}".`);
  if (who.table === to.table && who.role === to.role) return { ok: true, seating, placement: who, moved: [] };
  const moved: Placement[] = [];
  const placements = seating.placements.map((p) => {
    if (p.playerId === playerId) {
      const np = { ...p, table: to.table, role: to.role };
      moved.push(np);
      return np;
    }
    if (!cfg.teams && p.table === to.table && p.role === to.role) {
      const np = { ...p, table: who.table, role: who.role };
      moved.push(np);
      return np;
    }
    return p;
  });
  const placement = placements.find((p) => p.playerId === playerId)!;
  return { ok: true, seating: { tables: seating.tables, placements }, placement, moved };
}

/** Takes a student out of the class (the seat becomes free). */
export function removeStudent(seating: Seating, playerId: string): Seating {
  return { tables: seating.tables, placements: seating.placements.filter((p) => p.playerId !== playerId) };
}
