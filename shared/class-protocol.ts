import { z } from 'zod';
import { DEFAULT_MAX_TABLES } from './analysis/seating.js';
import type { Phase } from './engine/types.js';
import { playerName } from './protocol.js';

// The class API over HTTP (/api/classes...): request shapes checked by the server, answers read by the console and the class page.

const phaseSeconds = z
  .object({
    news: z.number().int().min(0).max(600),
    talks: z.number().int().min(0).max(3600),
    moves: z.number().int().min(0).max(600),
    resolution: z.number().int().min(0).max(600),
  })
  .partial()
  .strict();

export const createClassSchema = z
  .object({
    scenario: z.string().max(64).optional(),
    tables: z.union([z.number().int().min(1).max(DEFAULT_MAX_TABLES), z.literal('auto')]).default('auto'),
    rounds: z.number().int().min(1).max(20).optional(),
    phaseSeconds: phaseSeconds.optional(),
    /** When a table starts, bots take every delegation no student holds. */
    botsFill: z.boolean().default(true),
    /** A bot plays for a student who is away past the reconnection grace, until they return. */
    standIn: z.boolean().default(true),
    teams: z.boolean().default(true),
    /** Minutes without a move before a table is flagged as stuck. */
    stuckMinutes: z.number().min(1).max(60).default(5),
    seed: z.number().int().optional(),
  })
  .strict();

export const joinClassSchema = z
  .object({
    name: playerName,
    playerId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a player id is 1 to 64 letters, digits, - or _'),
  })
  .strict();

export const moveSchema = z
  .object({
    playerId: z.string().max(64),
    table: z.number().int().min(1).max(DEFAULT_MAX_TABLES),
    role: z.string().max(32),
  })
  .strict();

/** Where a student sits, as the class page shows it. */
export interface ClassSeat {
  classCode: string;
  table: number;
  tableCode: string;
  roomId: string;
  role: string;
  roleName: string;
  name: string;
}

/** One table as the facilitator's dashboard shows it. */
export interface DashboardTable {
  number: number;
  code: string;
  roomId: string;
  phase: Phase;
  round: number;
  rounds: number;
  paused: boolean;
  deadline: number | null;
  /** Seconds left on the phase (or turn) timer; null when untimed. */
  secondsLeft: number | null;
  turn: string | null;
  event: string | null;
  settled: number;
  issues: number;
  clauses: { issue: string; title: string; option: string; label: string; round: number }[];
  meters: { id: string; label: string; value: number; min: number; max: number; polarity: string }[];
  signatures: string[];
  outcome: string | null;
  /** Time of the last action any delegation had accepted (or of the start). */
  lastMoveAt: number | null;
  /** bot: a bot plays the delegation now (a person who joins takes over). */
  seats: {
    role: string;
    name: string;
    color: string;
    status: string;
    names: string[];
    students: string[];
    bot: boolean;
  }[];
  flags: { stuck: boolean; absent: string[]; free: string[] };
}

/** A class as its facilitator's console sees it. */
export interface ClassSummary {
  classId: string;
  classCode: string;
  settings: {
    scenario: string;
    tables: number | 'auto';
    rounds?: number;
    botsFill: boolean;
    teams: boolean;
    stuckMinutes: number;
  };
  scenario: {
    id: string;
    title: string;
    roles: { id: string; name: string; color: string }[];
    events: { id: string; title: string }[];
  };
  tables: { number: number; code: string; roomId: string }[];
  students: { playerId: string; name: string; table: number; role: string }[];
}
