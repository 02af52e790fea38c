import type { Scenario } from '../../shared/scenario/schema.js';
import { config } from '../config.js';
import type { Storage } from '../storage/storage.js';
import type { AccessSettings } from '../access.js';
import type { RateLimit } from './message-guard.js';

/** What every table room needs from the app; passed as the room type's default options. */
export interface RoomContext {
  storage: Storage;
  scenarios: Map<string, Scenario>;
  /** Seconds a dropped client keeps its seat before it is marked absent. */
  graceSeconds: number;
  rateLimit: RateLimit;
  /** How often the room checks the phase timer, ms. */
  tickMs: number;
  /** A finished table's room, reopened to be looked at, closes after this many seconds without a client. */
  finishedIdleSeconds: number;
  /** Team size and the referee's queue bounds (server/access.ts). */
  access: Pick<AccessSettings, 'maxTeamSize' | 'maxQueue' | 'maxPendingPerSeat'>;
}

/** Table settings kept in TableRecord.settings. */
export interface TableSettings {
  selfStart: boolean;
  /** Several clients may share one delegation. */
  teams: boolean;
  /** Delegations bots hold from the table's creation. */
  bots: string[];
  /** When the talks open, bots take every delegation no person holds. */
  botsFill: boolean;
  /** A delegation absent past the reconnection grace gets a bot until a person arrives. */
  standIn: boolean;
  /** Typical time a bot takes before acting, ms. */
  botDelayMs: number;
  /** Class tables: a student the class did not place here may watch. */
  observers: boolean;
}

/** Bots' typical delay when a table does not set one: BOT_DELAY_MS, else 2.5 s. */
export function defaultBotDelayMs(): number {
  return config().botDelayMs;
}

export function tableSettings(raw: Record<string, unknown>): TableSettings {
  const bots = Array.isArray(raw.bots) ? raw.bots.filter((r): r is string => typeof r === 'string') : [];
  const delay =
    typeof raw.botDelayMs === 'number' && Number.isFinite(raw.botDelayMs) && raw.botDelayMs >= 0
      ? raw.botDelayMs
      : defaultBotDelayMs();
  return {
    selfStart: raw.selfStart === true,
    teams: raw.teams !== false,
    bots: [...new Set(bots)],
    botsFill: raw.botsFill === true,
    standIn: raw.standIn === true,
    botDelayMs: delay,
    observers: raw.observers === true,
  };
}
