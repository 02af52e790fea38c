import type { Scenario } from '../../shared/scenario/schema.js';
import type { Storage } from '../storage/storage.js';
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
}

/** Table settings kept in TableRecord.settings. */
export interface TableSettings {
  selfStart: boolean;
  /** Several clients may share one delegation. */
  teams: boolean;
}

export function tableSettings(raw: Record<string, unknown>): TableSettings {
  return { selfStart: raw.selfStart === true, teams: raw.teams !== false };
}
