import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { parseConfig, type Config } from './config.js';

/**
 * Who may create tables and classes, and how much one address or one table may ask for.
 * Read from the environment through server/config.ts (`accessFromConfig`).
 */
export interface AccessSettings {
  /** scrypt hash of the instructor passphrase; null: anyone may create tables and classes (a private server). */
  passphrase: PassphraseHash | null;
  /** With a passphrase set, a table with bots at every other delegation (solo practice) needs none. */
  soloWithoutPassphrase: boolean;
  /** At most this many clients on one delegation (a team). */
  maxTeamSize: number;
  /** Per-table: actions waiting for the referee, all seats together. */
  maxQueue: number;
  /** Per-table: actions one seat may have waiting. */
  maxPendingPerSeat: number;
  limits: HttpLimits;
}

/** Per-address HTTP limits (express-rate-limit), each `max` requests per `windowMs`. */
export interface HttpLimits {
  /** Failed lookups: unknown table or class codes, unknown seats (only failures count). */
  lookups: Window;
  /** Wrong or missing facilitator keys and passphrases (only failures count). */
  keys: Window;
  /** Tables and classes created. */
  creates: Window;
  /** Class joins (a whole class behind one school address must fit). */
  joins: Window;
}

export interface Window {
  max: number;
  windowMs: number;
}

export interface PassphraseHash {
  salt: Buffer;
  hash: Buffer;
}

const HOUR = 3_600_000;

/**
 * Misses of codes are counted in quarter-hours: an address gets a quarter of its hourly allowance in any 15 minutes.
 * A school whose students mistyped codes together then waits at most 15 minutes, not the rest of the hour, and a
 * guesser still gets no more than the hourly figure.
 */
export const LOOKUP_WINDOW_MS = HOUR / 4;

/** The lookups window for `perHour` misses an hour: ceil(perHour / 4) misses per LOOKUP_WINDOW_MS. */
export function lookupsWindow(perHour: number): Window {
  return { max: Math.ceil(perHour * (LOOKUP_WINDOW_MS / HOUR)), windowMs: LOOKUP_WINDOW_MS };
}

/**
 * Defaults (docs/protocol.md "Limits"): several classes behind one school address join at once; a code guesser
 * gets 120 misses an hour, 30 in any quarter-hour.
 */
export const DEFAULT_LIMITS: HttpLimits = {
  lookups: lookupsWindow(120),
  keys: { max: 20, windowMs: HOUR },
  creates: { max: 60, windowMs: HOUR },
  joins: { max: 200, windowMs: HOUR },
};

export const DEFAULT_ACCESS: AccessSettings = {
  passphrase: null,
  soloWithoutPassphrase: true,
  maxTeamSize: 3,
  maxQueue: 64,
  maxPendingPerSeat: 4,
  limits: DEFAULT_LIMITS,
};

/** Hashes a passphrase with scrypt and a random salt; the plaintext is not kept. */
export function hashPassphrase(passphrase: string): PassphraseHash {
  const salt = randomBytes(16);
  return { salt, hash: scryptSync(passphrase.normalize('NFKC'), salt, 32) };
}

/** Checks a presented passphrase against the stored hash in constant time. */
export function passphraseMatches(stored: PassphraseHash, presented: string | undefined): boolean {
  if (!presented || presented.length > 256) return false;
  const h = scryptSync(presented.normalize('NFKC'), stored.salt, 32);
  return timingSafeEqual(h, stored.hash);
}

/** Access settings with some changed (tests, and startServer's options). */
export function accessSettings(
  o: Partial<Omit<AccessSettings, 'limits'>> & { limits?: Partial<HttpLimits> } = {},
): AccessSettings {
  return { ...DEFAULT_ACCESS, ...o, limits: { ...DEFAULT_LIMITS, ...o.limits } };
}

/**
 * Access settings from the server's config (server/config.ts reads the environment: INSTRUCTOR_PASSPHRASE,
 * hashed at once, SOLO_WITHOUT_PASSPHRASE, MAX_TEAM_SIZE, TABLE_QUEUE_MAX, SEAT_PENDING_MAX,
 * LIMIT_LOOKUPS_PER_HOUR, LIMIT_KEYS_PER_HOUR, LIMIT_CREATES_PER_HOUR, LIMIT_JOINS_PER_HOUR).
 */
export function accessFromConfig(c: Config): AccessSettings {
  return {
    passphrase: c.instructorPassphrase,
    soloWithoutPassphrase: c.soloWithoutPassphrase,
    maxTeamSize: c.maxTeamSize,
    maxQueue: c.tableQueueMax,
    maxPendingPerSeat: c.seatPendingMax,
    limits: {
      lookups: lookupsWindow(c.limitLookupsPerHour),
      keys: { max: c.limitKeysPerHour, windowMs: HOUR },
      creates: { max: c.limitCreatesPerHour, windowMs: HOUR },
      joins: { max: c.limitJoinsPerHour, windowMs: HOUR },
    },
  };
}

/** Access settings from an environment; throws ConfigError naming a bad variable. */
export function accessFromEnv(env: NodeJS.ProcessEnv = process.env): AccessSettings {
  return accessFromConfig(parseConfig(env));
}
