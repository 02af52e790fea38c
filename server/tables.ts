import { matchMaker } from 'colyseus';
import { randomInt } from 'node:crypto';
import type { CreateOptions, Relocation } from '../shared/protocol.js';
import type { Scenario } from '../shared/scenario/schema.js';
import type { CreatedTable, TableInfo } from '../shared/table-protocol.js';
import { replay } from '../shared/engine/index.js';
import { log } from './log.js';
import { tableSettings } from './rooms/room-context.js';
import { Seating } from './rooms/seating.js';
import { publicInfo } from './rooms/table-info.js';
import { ensureTableRoom } from './scale-out.js';
import { freeJoinCode, keyMatches, newId, newSecret, normaliseCode, sha256Hex } from './secrets.js';
import type { Storage, TableRecord } from './storage/storage.js';

export class TableError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
  ) {
    super(message);
  }
}

export type { CreatedTable };

/** The bot options of a new table, stored only when set. */
function botSettings(o: CreateOptions, base: Record<string, unknown>): Record<string, unknown> {
  const s = { ...base };
  if (o.bots?.length) s.bots = [...new Set(o.bots)];
  if (o.botsFill) s.botsFill = true;
  if (o.standIn) s.standIn = true;
  if (o.botDelayMs !== undefined) s.botDelayMs = o.botDelayMs;
  if (o.teams !== undefined) s.teams = o.teams;
  if (o.observers !== undefined) s.observers = o.observers;
  return s;
}

/** Creating tables, finding them by code, and keeping a live room for each. */
export class TableService {
  private opening = new Map<string, Promise<string>>();

  constructor(
    private storage: Storage,
    private scenarios: Map<string, Scenario>,
    private defaultScenario: string,
  ) {}

  async create(o: CreateOptions): Promise<CreatedTable> {
    const scenarioId = o.scenario ?? this.defaultScenario;
    const scenario = this.scenarios.get(scenarioId);
    if (!scenario) throw new TableError(400, 'table/unknown_scenario', `There is no scenario "${scenarioId}".`);
    const unknown = (o.bots ?? []).find((r) => !scenario.roles.some((x) => x.id === r));
    if (unknown)
      throw new TableError(400, 'seat/unknown', `There is no delegation called "${unknown}" in this scenario.`);
    if (o.classId) {
      const cls = await this.storage.getClass(o.classId);
      if (!cls || !keyMatches(cls.facilitatorKeyHash, o.facilitatorKey))
        throw new TableError(
          403,
          'seat/facilitator_only',
          'Adding a table to a class needs that class’s facilitator key.',
        );
    }
    const facilitatorKey = o.facilitatorKey ?? newSecret();
    return { ...(await this.insert(o, scenarioId, sha256Hex(facilitatorKey))), facilitatorKey };
  }

  /**
   * A table of a class, made by the class service (which has checked the class key): it takes the
   * class's key hash, so no plaintext key needs to be kept to open tables as students arrive.
   */
  async createInClass(
    classId: string,
    facilitatorKeyHash: string,
    o: Omit<CreateOptions, 'classId' | 'facilitatorKey'>,
  ): Promise<{ code: string; roomId: string }> {
    const scenarioId = o.scenario ?? this.defaultScenario;
    if (!this.scenarios.has(scenarioId))
      throw new TableError(400, 'table/unknown_scenario', `There is no scenario "${scenarioId}".`);
    return this.insert({ ...o, classId }, scenarioId, facilitatorKeyHash);
  }

  private async insert(
    o: CreateOptions,
    scenarioId: string,
    facilitatorKeyHash: string,
  ): Promise<{ code: string; roomId: string }> {
    const table: TableRecord = {
      id: newId(),
      code: await this.freeCode(),
      scenarioId,
      // selfStart is a rule of the game (ready in setup), so the log replays only with it: stored in the options too.
      options: {
        seed: o.seed ?? randomInt(2 ** 31),
        rounds: o.rounds,
        phaseSeconds: o.phaseSeconds,
        selfStart: o.selfStart ?? false,
      },
      facilitatorKeyHash,
      classId: o.classId ?? null,
      settings: botSettings(o, { selfStart: o.selfStart ?? false }),
      createdAt: Date.now(),
      finishedAt: null,
    };
    await this.storage.createTable(table);
    const roomId = await this.open(table);
    return { code: table.code, roomId };
  }

  private async freeCode(): Promise<string> {
    const code = await freeJoinCode(this.storage);
    if (!code) throw new TableError(503, 'table/no_code', 'Could not find a free table code; try again.');
    return code;
  }

  /** The live room of a table, opened (and rebuilt from its log) if needed. */
  open(table: TableRecord): Promise<string> {
    let p = this.opening.get(table.id);
    if (!p) {
      p = (async () => {
        await ensureTableRoom(table.id);
        return table.id;
      })().finally(() => this.opening.delete(table.id));
      this.opening.set(table.id, p);
    }
    return p;
  }

  async find(rawCode: string): Promise<TableRecord | null> {
    return this.storage.findTableByCode(normaliseCode(rawCode));
  }

  /** Whether a code is a class's join code (a student who typed it where a table code goes is told so). */
  async isClassCode(rawCode: string): Promise<boolean> {
    return (await this.storage.findClassByCode(normaliseCode(rawCode))) !== null;
  }

  /**
   * Public information about a table by its join code. By default the table's room is opened (the
   * start screen's caller may be about to join it; a finished table's room then closes again on its
   * own). With `reopen: false` (the facilitator's dashboard, which polls), a finished table whose room
   * is closed is described from storage instead, and stays closed.
   */
  async info(rawCode: string, { reopen = true }: { reopen?: boolean } = {}): Promise<TableInfo | null> {
    const table = await this.find(rawCode);
    if (!table) return null;
    if (!reopen && table.finishedAt !== null && !(await matchMaker.getRoomById(table.id)))
      return this.closedInfo(table);
    const roomId = await this.open(table);
    return (await matchMaker.remoteRoomCall(roomId, 'info')) as TableInfo;
  }

  /** A finished table as its room would describe it on reopening (seats from storage), without opening it. */
  private async closedInfo(table: TableRecord): Promise<TableInfo | null> {
    const scenario = this.scenarios.get(table.scenarioId);
    if (!scenario) return null;
    const game = replay(
      scenario,
      { ...table.options, selfStart: tableSettings(table.settings).selfStart },
      await this.storage.actions(table.id),
    );
    const settings = tableSettings(table.settings);
    const seating = new Seating(
      scenario.roles.map((r) => r.id),
      settings.teams,
    );
    seating.restore(await this.storage.seats(table.id));
    return publicInfo(table, scenario, game, seating, (r) => settings.bots.includes(r));
  }

  /** Tells an open table that these players now sit elsewhere; a closed table has nobody to tell. */
  async relocate(table: TableRecord, moves: Relocation[]): Promise<void> {
    if (moves.length === 0 || (await matchMaker.query({ roomId: table.id })).length === 0) return;
    await matchMaker.remoteRoomCall(table.id, 'relocate', [moves]);
  }

  /** Reopens every unfinished table after a restart, so its code keeps working. */
  async restoreAll(): Promise<number> {
    const tables = await this.storage.unfinishedTables();
    for (const t of tables) {
      try {
        await this.open(t);
      } catch (e) {
        log.error({ err: e, table: t.id, code: t.code }, 'could not restore a table');
      }
    }
    return tables.length;
  }
}
