import { publicScenario, type GameState, type PublicRole } from '../../shared/engine/index.js';
import type { Scenario } from '../../shared/scenario/schema.js';
import type { SeatStatus } from '../schema/seat-state.js';
import type { TableRecord } from '../storage/storage.js';
import { tableSettings } from './room-context.js';
import type { Seating } from './seating.js';

/** What anyone holding the join code may know about a table before sitting down. */
export interface TableInfo {
  code: string;
  roomId: string;
  scenario: { id: string; title: string; summary: string };
  roles: (PublicRole & { status: SeatStatus; names: string[]; bot: boolean })[];
  phase: GameState['phase'];
  round: number;
  rounds: number;
  selfStart: boolean;
  teams: boolean;
  finished: boolean;
}

export function publicInfo(table: TableRecord, scenario: Scenario, game: GameState, seating: Seating, isBot: (role: string) => boolean = () => false): TableInfo {
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
  };
}
