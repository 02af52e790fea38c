import { publicScenario, type GameState } from '../../shared/engine/index.js';
import type { Scenario } from '../../shared/scenario/schema.js';
import type { TableInfo } from '../../shared/table-protocol.js';
import type { TableRecord } from '../storage/storage.js';
import { tableSettings } from './room-context.js';
import type { Seating } from './seating.js';

export type { TableInfo };

/** The table as GET /api/tables/:code shows it: no secrets, seat status and names, bots. */
export function publicInfo(
  table: TableRecord,
  scenario: Scenario,
  game: GameState,
  seating: Seating,
  isBot: (role: string) => boolean = () => false,
): TableInfo {
  const pub = publicScenario(scenario);
  const settings = tableSettings(table.settings);
  return {
    code: table.code,
    roomId: table.id,
    scenario: { id: pub.id, title: pub.title, summary: pub.summary },
    roles: pub.roles.map((r) => ({ ...r, status: seating.status(r.id), names: seating.names(r.id), bot: isBot(r.id) })),
    phase: game.phase,
    round: game.round,
    rounds: game.config.rounds,
    selfStart: settings.selfStart,
    teams: settings.teams,
    finished: game.phase === 'ended',
    classTable: !!table.classId,
    observers: settings.observers,
  };
}
