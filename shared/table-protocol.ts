import type { Phase } from './engine/types.js';
import type { PublicRole } from './engine/view.js';

// The table API over HTTP (/api/scenarios, /api/tables...): answers the server sends and the client reads.
// Game state itself travels through the room (shared/protocol.ts), not here.

/** Who holds a delegation: free (nobody), present (a client connected), reconnecting (dropped, within the grace period), absent. */
export type SeatStatus = 'free' | 'present' | 'reconnecting' | 'absent';

/** One scenario as GET /api/scenarios lists it (no confidential text). Times in seconds. */
export interface ScenarioSummary {
  id: string;
  title: string;
  summary: string;
  rounds: { default: number; max: number };
  phaseSeconds: { news: number; talks: number; moves: number; resolution: number };
  roles: PublicRole[];
  /** How many issues are on the agenda. */
  issues: number;
}

/** What anyone holding the join code may know about a table before sitting down (GET /api/tables/:code). */
export interface TableInfo {
  code: string;
  roomId: string;
  scenario: { id: string; title: string; summary: string };
  /** `bot`: a bot plays the delegation now; a person who joins takes it over. */
  roles: (PublicRole & { status: SeatStatus; names: string[]; bot: boolean })[];
  phase: Phase;
  round: number;
  rounds: number;
  selfStart: boolean;
  teams: boolean;
  finished: boolean;
  /** The table belongs to a class: students sit where the class placed them, joining from the class page. */
  classTable: boolean;
  /** Whether anyone with the code may watch (at a class table, others than its placed students). */
  observers: boolean;
}

/** GET /api/tables/:code's 404 error code when the code is a class's join code (students join it on the class page). */
export const TABLE_IS_CLASS = 'table/is_class';

/** The answer to POST /api/tables: the join code, the secret facilitator key (shown once) and the room to join. */
export interface CreatedTable {
  code: string;
  facilitatorKey: string;
  roomId: string;
}
