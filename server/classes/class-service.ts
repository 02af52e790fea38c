import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import {
  classDebrief,
  publicTableDebrief,
  tableDebrief,
  type ClassDebrief,
  type TableDebrief,
} from '../../shared/analysis/debrief.js';
import { paretoFrontier, type Frontier } from '../../shared/analysis/pareto.js';
import {
  DEFAULT_MAX_TABLES,
  emptySeating,
  moveStudent,
  seatOf,
  seatStudent,
  type Placement,
  type Seating,
  type SeatingConfig,
} from '../../shared/analysis/seating.js';
import { entries, replay, type GameState, type LoggedAction } from '../../shared/engine/index.js';
import {
  createClassSchema,
  joinClassSchema,
  moveSchema,
  type ClassSeat,
  type ClassSummary,
  type DashboardTable,
} from '../../shared/class-protocol.js';
import type { Relocation } from '../../shared/protocol.js';
import type { Scenario } from '../../shared/scenario/schema.js';
import { SerialQueue } from '../rooms/serial-queue.js';
import { freeJoinCode, keyMatches, newId, newSecret, normaliseCode, sha256Hex } from '../secrets.js';
import type { TableService } from '../tables.js';
import type { ClassRecord, SeatRecord, Storage, TableRecord } from '../storage/storage.js';
import { dashboardRow } from './dashboard.js';
import { kickedFrom } from '../rooms/admission.js';
import { LRUCache } from 'lru-cache';
import type { AccessSettings } from '../access.js';

export class ClassError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
  ) {
    super(message);
  }
}

export type ClassSettings = z.output<typeof createClassSchema> & { scenario: string; seed: number };

interface LiveClass {
  record: ClassRecord;
  settings: ClassSettings;
  scenario: Scenario;
  tables: TableRecord[];
  seating: Seating;
  queue: SerialQueue;
}

/** Classes: many tables run by one instructor, with seating, a dashboard, the debrief and exports. */
export class ClassService {
  // Bounded caches (no plaintext keys anywhere: class tables are opened with the class's key hash).
  /** Classes in use; an evicted one is rebuilt from storage (its seats are stored before any answer). */
  private live = new LRUCache<string, Promise<LiveClass>>({ max: 256 });
  /** Replayed states of tables, keyed by table id and valid for one log length. */
  private states = new LRUCache<string, { n: number; state: GameState; log: LoggedAction[] }>({ max: 512 });
  private frontiers = new LRUCache<string, Frontier>({ max: 32 });

  constructor(
    private storage: Storage,
    private tables: TableService,
    private scenarios: Map<string, Scenario>,
    private defaultScenario: string,
    private access?: Pick<AccessSettings, 'maxTeamSize'>,
  ) {}

  async create(
    input: z.input<typeof createClassSchema>,
    now = Date.now(),
  ): Promise<{ classId: string; classCode: string; facilitatorKey: string; tables: string[] }> {
    const o = createClassSchema.parse(input);
    const scenarioId = o.scenario ?? this.defaultScenario;
    const scenario = this.scenarios.get(scenarioId);
    if (!scenario) throw new ClassError(400, 'class/unknown_scenario', `There is no scenario "${scenarioId}".`);
    const key = newSecret();
    // One seed for the whole class: every table draws the same news, so results compare fairly.
    const settings: ClassSettings = { ...o, scenario: scenarioId, seed: o.seed ?? randomInt(2 ** 31) };
    const record: ClassRecord = {
      id: newId(),
      code: await this.freeCode(),
      facilitatorKeyHash: sha256Hex(key),
      settings,
      createdAt: now,
    };
    await this.storage.createClass(record);
    const n = o.tables === 'auto' ? 1 : o.tables;
    for (let i = 0; i < n; i++) await this.openTable(record, settings);
    const c = await this.load(record.id);
    return { classId: record.id, classCode: record.code, facilitatorKey: key, tables: c.tables.map((t) => t.code) };
  }

  /** Checks the facilitator key of a class; throws 401 without a key and 403 with a wrong one. */
  async authorise(classId: string, key: string | undefined): Promise<LiveClass> {
    if (!key) throw new ClassError(401, 'auth/key_required', 'This needs the facilitator key of the class.');
    const rec = await this.storage.getClass(classId);
    if (!rec || !keyMatches(rec.facilitatorKeyHash, key))
      throw new ClassError(403, 'auth/forbidden', 'The facilitator key is wrong for this class.');
    return this.load(classId);
  }

  /** Seats a student who joins with the class code; the same playerId always gets its seat back. */
  async join(rawCode: string, input: unknown, now = Date.now()): Promise<ClassSeat> {
    const p = joinClassSchema.safeParse(input);
    if (!p.success)
      throw new ClassError(400, 'protocol/bad_message', p.error.issues[0]?.message ?? 'Malformed request.');
    const c = await this.byCode(rawCode);
    return c.queue.run(async () => {
      const known = seatOf(c.seating, p.data.playerId);
      const r = seatStudent(c.seating, this.config(c), p.data);
      if (!r.ok) throw new ClassError(409, r.error.code, r.error.message);
      // A student already placed keeps the stored record as it is (a kick at their table stands).
      if (known) return this.seatView(c, known);
      if (r.placement.table >= c.tables.length) await this.openTable(c.record, c.settings, c);
      c.seating = { ...r.seating, tables: Math.max(r.seating.tables, c.tables.length) };
      await this.persist(c, [r.placement], now);
      return this.seatView(c, r.placement);
    });
  }

  /** Where a student sits now (the class page polls this, so a move reaches the student). */
  async seat(rawCode: string, playerId: string): Promise<ClassSeat & { ended: boolean }> {
    const c = await this.byCode(rawCode);
    const p = seatOf(c.seating, playerId);
    if (!p) throw new ClassError(404, 'class/not_seated', 'You are not seated in this class yet.');
    // The class page shows the table's debrief once its game has ended.
    const t = await this.storage.getTable(c.tables[p.table].id);
    return { ...this.seatView(c, p), ended: t?.finishedAt != null };
  }

  /** The instructor moves a student to another seat or table (swapping if the seat is held and teams are off). */
  async move(c: LiveClass, input: unknown, now = Date.now()): Promise<{ moved: ClassSeat[] }> {
    const m = moveSchema.safeParse(input);
    if (!m.success)
      throw new ClassError(400, 'protocol/bad_message', m.error.issues[0]?.message ?? 'Malformed request.');
    return c.queue.run(async () => {
      const r = moveStudent(c.seating, this.config(c), m.data.playerId, { table: m.data.table - 1, role: m.data.role });
      if (!r.ok)
        throw new ClassError(r.error.code === 'seating/unknown_student' ? 404 : 400, r.error.code, r.error.message);
      const before = c.seating;
      c.seating = r.seating;
      await this.persist(c, r.moved, now, before);
      await this.relocateLive(c, r.moved, before);
      return { moved: r.moved.map((p) => this.seatView(c, p)) };
    });
  }

  /** Adds one more table to the class (bots fill it when the class says so). */
  async addTable(c: LiveClass): Promise<{ number: number; code: string; roomId: string }> {
    return c.queue.run(async () => {
      if (c.tables.length >= DEFAULT_MAX_TABLES)
        throw new ClassError(409, 'class/too_many_tables', `A class has at most ${DEFAULT_MAX_TABLES} tables.`);
      await this.openTable(c.record, c.settings, c);
      c.seating = { ...c.seating, tables: c.tables.length };
      const t = c.tables[c.tables.length - 1];
      return { number: c.tables.length, code: t.code, roomId: t.id };
    });
  }

  summary(c: LiveClass): ClassSummary {
    return {
      classId: c.record.id,
      classCode: c.record.code,
      settings: c.settings,
      scenario: {
        id: c.scenario.id,
        title: c.scenario.title,
        roles: c.scenario.roles.map((r) => ({ id: r.id, name: r.name, color: r.color })),
        events: c.scenario.events.map((e) => ({ id: e.id, title: e.title })),
      },
      tables: c.tables.map((t, i) => ({ number: i + 1, code: t.code, roomId: t.id })),
      students: c.seating.placements.map((p) => ({
        playerId: p.playerId,
        name: p.name,
        table: p.table + 1,
        role: p.role,
      })),
    };
  }

  async dashboard(c: LiveClass, now = Date.now()): Promise<{ now: number; tables: DashboardTable[] }> {
    const rows = await Promise.all(
      c.tables.map(async (t, i) => {
        const { state, log } = await this.stateOf(c.scenario, t);
        const info = await this.tables.info(t.code, { reopen: false }).catch(() => null);
        return dashboardRow(
          c.scenario,
          { number: i + 1, code: t.code, roomId: t.id },
          state,
          log,
          info,
          this.studentsAt(c, i),
          now,
          c.settings.stuckMinutes * 60_000,
        );
      }),
    );
    return { now, tables: rows };
  }

  async classDebrief(c: LiveClass): Promise<ClassDebrief> {
    const inputs = await Promise.all(
      c.tables.map(async (t, i) => ({
        code: t.code,
        state: (await this.stateOf(c.scenario, t)).state,
        players: this.studentsAt(c, i),
      })),
    );
    return classDebrief(c.scenario, inputs, this.frontier(c.scenario));
  }

  /** A table's debrief: the full one for its facilitator, the public one for anyone once the game has ended. */
  async tableDebrief(rawCode: string, key: string | undefined): Promise<TableDebrief> {
    const { table, scenario } = await this.table(rawCode);
    const { state } = await this.stateOf(scenario, table);
    const full = !!key && keyMatches(table.facilitatorKeyHash, key);
    if (!full && state.phase !== 'ended')
      throw new ClassError(409, 'table/not_ended', 'The debrief opens when the game at this table has ended.');
    const d = tableDebrief(
      scenario,
      { code: table.code, state, players: await this.playersOf(table, scenario) },
      this.frontier(scenario),
    );
    return full ? d : publicTableDebrief(d);
  }

  /** Records for exports: tables with their logs, players and debriefs. Facilitator only. */
  async exportData(tables: TableRecord[], scenario: Scenario) {
    const frontier = this.frontier(scenario);
    return Promise.all(
      tables.map(async (t) => {
        const { state, log } = await this.stateOf(scenario, t);
        const players = await this.playersOf(t, scenario);
        return {
          log: {
            code: t.code,
            scenarioId: t.scenarioId,
            options: t.options,
            createdAt: t.createdAt,
            finishedAt: await this.finishedAt(t, state),
            players,
            actions: log,
          },
          debrief: tableDebrief(scenario, { code: t.code, state, players }, frontier),
        };
      }),
    );
  }

  /**
   * When a table finished: the stored time (the class keeps its table records from creation, so read
   * it fresh), else, for a game that has ended, the time of the engine's own "end" entry. Null while it runs.
   */
  private async finishedAt(t: TableRecord, state: GameState): Promise<number | null> {
    const stored = t.finishedAt ?? (await this.storage.getTable(t.id))?.finishedAt ?? null;
    if (stored !== null || state.phase !== 'ended') return stored;
    return [...entries(state.timeline)].reverse().find((e) => e.kind === 'end')?.at ?? null;
  }

  /** A table by code, checked against its own facilitator key (a class table's key is the class key). */
  async authoriseTable(
    rawCode: string,
    key: string | undefined,
  ): Promise<{ table: TableRecord; scenario: Scenario; classCode: string | null }> {
    if (!key) throw new ClassError(401, 'auth/key_required', 'This needs the facilitator key of the table.');
    const t = await this.table(rawCode);
    if (!keyMatches(t.table.facilitatorKeyHash, key))
      throw new ClassError(403, 'auth/forbidden', 'The facilitator key is wrong for this table.');
    const cls = t.table.classId ? await this.storage.getClass(t.table.classId) : null;
    return { ...t, classCode: cls?.code ?? null };
  }

  private async table(rawCode: string): Promise<{ table: TableRecord; scenario: Scenario }> {
    const table = await this.storage.findTableByCode(normaliseCode(rawCode.slice(0, 16)));
    const scenario = table ? this.scenarios.get(table.scenarioId) : undefined;
    if (!table || !scenario) throw new ClassError(404, 'table/not_found', 'There is no table with that code.');
    return { table, scenario };
  }

  frontier(s: Scenario): Frontier {
    let f = this.frontiers.get(s.id);
    if (!f) this.frontiers.set(s.id, (f = paretoFrontier(s)));
    return f;
  }

  private async stateOf(s: Scenario, t: TableRecord): Promise<{ state: GameState; log: LoggedAction[] }> {
    const log = await this.storage.actions(t.id);
    const cached = this.states.get(t.id);
    if (cached && cached.n === log.length) return cached;
    const entry = { n: log.length, state: replay(s, t.options, log), log };
    this.states.set(t.id, entry);
    return entry;
  }

  private studentsAt(c: LiveClass, table: number): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const p of c.seating.placements) if (p.table === table) (out[p.role] ??= []).push(p.name);
    return out;
  }

  private async playersOf(t: TableRecord, s: Scenario): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const r of await this.storage.seats(t.id))
      if (s.roles.some((x) => x.id === r.seat)) (out[r.seat] ??= []).push(r.name);
    return out;
  }

  private config(c: LiveClass): SeatingConfig {
    const auto = c.settings.tables === 'auto';
    return {
      roles: c.scenario.roles.map((r) => r.id),
      tables: auto ? 'auto' : c.tables.length,
      teams: c.settings.teams,
      maxTables: auto ? DEFAULT_MAX_TABLES : c.tables.length,
      maxTeam: this.access?.maxTeamSize,
    };
  }

  private seatView(c: LiveClass, p: Placement): ClassSeat {
    const t = c.tables[p.table];
    return {
      classCode: c.record.code,
      table: p.table + 1,
      tableCode: t.code,
      roomId: t.id,
      role: p.role,
      roleName: c.scenario.roles.find((r) => r.id === p.role)?.name ?? p.role,
      name: p.name,
    };
  }

  /** Seats are kept as the rooms keep them, so a restart finds them and a room lets the student reclaim the seat. */
  private async persist(c: LiveClass, moved: Placement[], now: number, before?: Seating): Promise<void> {
    for (const p of moved) {
      const old = before ? seatOf(before, p.playerId) : null;
      if (old && old.table !== p.table)
        await this.storage.upsertSeat(this.seatRecord(c.tables[old.table], p, 'observer', now));
      await this.storage.upsertSeat(this.seatRecord(c.tables[p.table], p, p.role, now + 1));
    }
  }

  /** Players already at a table when moved: their pages there are sent to the new seat. */
  private async relocateLive(c: LiveClass, moved: Placement[], before: Seating): Promise<void> {
    const byTable = new Map<number, Relocation[]>();
    for (const p of moved) {
      const old = seatOf(before, p.playerId);
      if (!old || (old.table === p.table && old.role === p.role)) continue;
      const t = c.tables[p.table];
      byTable.set(old.table, [
        ...(byTable.get(old.table) ?? []),
        { playerId: p.playerId, code: t.code, roomId: t.id, role: p.role },
      ]);
    }
    for (const [i, moves] of byTable) await this.tables.relocate(c.tables[i], moves);
  }

  private seatRecord(t: TableRecord, p: Placement, seat: string, now: number): SeatRecord {
    return { tableId: t.id, playerId: p.playerId, name: p.name, seat, updatedAt: now };
  }

  private async openTable(rec: ClassRecord, s: ClassSettings, c?: LiveClass): Promise<void> {
    // Classes made before the bot settings existed have none: their tables keep to people only.
    // The class's teams setting reaches its tables; students not placed at a table may not watch it.
    const o = {
      scenario: s.scenario,
      rounds: s.rounds,
      phaseSeconds: s.phaseSeconds,
      seed: s.seed,
      botsFill: s.botsFill === true,
      standIn: s.standIn === true,
      teams: s.teams !== false,
      observers: false,
    };
    await this.tables.createInClass(rec.id, rec.facilitatorKeyHash, o);
    if (c) c.tables = await this.storage.tablesOfClass(rec.id);
  }

  private async byCode(rawCode: string): Promise<LiveClass> {
    const rec = await this.storage.findClassByCode(normaliseCode(String(rawCode).slice(0, 16)));
    if (!rec) throw new ClassError(404, 'class/not_found', 'There is no class with that code.');
    return this.load(rec.id);
  }

  /** A class in memory; after a restart it is rebuilt from storage (its tables and their seats). */
  private load(classId: string): Promise<LiveClass> {
    let p = this.live.get(classId);
    if (!p) {
      p = this.rebuild(classId);
      this.live.set(classId, p);
      p.catch(() => this.live.delete(classId));
    }
    return p;
  }

  private async rebuild(classId: string): Promise<LiveClass> {
    const record = await this.storage.getClass(classId);
    if (!record) throw new ClassError(404, 'class/not_found', 'There is no class with that id.');
    const settings = record.settings as ClassSettings;
    const scenario = this.scenarios.get(settings.scenario);
    if (!scenario)
      throw new ClassError(
        500,
        'class/unknown_scenario',
        `The class uses a scenario this server does not have ("${settings.scenario}").`,
      );
    const tables = await this.storage.tablesOfClass(classId);
    const roles = new Set(scenario.roles.map((r) => r.id));
    const latest = new Map<string, Placement & { at: number }>();
    for (const [i, t] of tables.entries())
      for (const r of await this.storage.seats(t.id)) {
        const prev = latest.get(r.playerId);
        // A student kicked from a table keeps the placement (the table lets them only watch until the instructor moves them).
        if (!prev || r.updatedAt > prev.at)
          latest.set(r.playerId, {
            playerId: r.playerId,
            name: r.name,
            table: i,
            role: kickedFrom(r.seat) ?? r.seat,
            at: r.updatedAt,
          });
      }
    const placements = [...latest.values()]
      .filter((p) => roles.has(p.role))
      .sort((a, b) => a.at - b.at)
      .map(({ at: _at, ...p }) => p);
    const seating = {
      ...emptySeating({ roles: [...roles], tables: tables.length, teams: true, maxTables: DEFAULT_MAX_TABLES }),
      placements,
    };
    return { record, settings, scenario, tables, seating, queue: new SerialQueue() };
  }

  private async freeCode(): Promise<string> {
    const code = await freeJoinCode(this.storage);
    if (!code) throw new ClassError(503, 'class/no_code', 'Could not find a free class code; try again.');
    return code;
  }
}
