import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * Who may create tables and classes, and how much one address or one table may ask for.
 * Read from the environment by `accessFromEnv` (one function, to fold into server/config.ts).
 */
export interface AccessSettings {
  /** scrypt hash of the instructor passphrase; null: anyone may create tables and classes (a private server). */
  passphrase: PassphraseHash | null;
  /** With a passphrase set, a table with bots at every other delegation (solo practice) needs none. */
  soloWithoutPassphrase: boolean;
  /** At most this many clients on one delegation (a team). */
  maxTeamSize: number;
  /** Class tables admit a student not placed there as an observer (true) or refuse them (false). */
  classObservers: boolean;
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

/** Defaults: a class of 40 (or 120) behind one address joins at once; a code guesser gets 30 misses an hour. */
export const DEFAULT_LIMITS: HttpLimits = {
  lookups: { max: 30, windowMs: HOUR },
  keys: { max: 20, windowMs: HOUR },
  creates: { max: 60, windowMs: HOUR },
  joins: { max: 300, windowMs: 15 * 60_000 },
};

export const DEFAULT_ACCESS: AccessSettings = {
  passphrase: null,
  soloWithoutPassphrase: true,
  maxTeamSize: 3,
  classObservers: true,
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
export function accessSettings(o: Partial<Omit<AccessSettings, 'limits'>> & { limits?: Partial<HttpLimits> } = {}): AccessSettings {
  return { ...DEFAULT_ACCESS, ...o, limits: { ...DEFAULT_LIMITS, ...o.limits } };
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min) throw new Error(`${name} must be a whole number of at least ${min} (got "${raw}").`);
  return v;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new Error(`${name} must be true or false (got "${env[name]}").`);
}

/**
 * Access settings from the environment (README's Settings table): INSTRUCTOR_PASSPHRASE (hashed at once),
 * SOLO_WITHOUT_PASSPHRASE, MAX_TEAM_SIZE, CLASS_OBSERVERS, TABLE_QUEUE_MAX, SEAT_PENDING_MAX,
 * LIMIT_LOOKUPS_PER_HOUR, LIMIT_KEYS_PER_HOUR, LIMIT_CREATES_PER_HOUR, LIMIT_JOINS_PER_15MIN.
 * Throws with the variable's name on a bad value.
 */
export function accessFromEnv(env: NodeJS.ProcessEnv = process.env): AccessSettings {
  const pass = env.INSTRUCTOR_PASSPHRASE;
  if (pass !== undefined && pass !== '' && pass.length < 8) throw new Error('INSTRUCTOR_PASSPHRASE must be at least 8 characters.');
  return {
    passphrase: pass ? hashPassphrase(pass) : null,
    soloWithoutPassphrase: bool(env, 'SOLO_WITHOUT_PASSPHRASE', true),
    maxTeamSize: int(env, 'MAX_TEAM_SIZE', DEFAULT_ACCESS.maxTeamSize),
    classObservers: bool(env, 'CLASS_OBSERVERS', true),
    maxQueue: int(env, 'TABLE_QUEUE_MAX', DEFAULT_ACCESS.maxQueue),
    maxPendingPerSeat: int(env, 'SEAT_PENDING_MAX', DEFAULT_ACCESS.maxPendingPerSeat),
    limits: {
      lookups: { max: int(env, 'LIMIT_LOOKUPS_PER_HOUR', DEFAULT_LIMITS.lookups.max), windowMs: HOUR },
      keys: { max: int(env, 'LIMIT_KEYS_PER_HOUR', DEFAULT_LIMITS.keys.max), windowMs: HOUR },
      creates: { max: int(env, 'LIMIT_CREATES_PER_HOUR', DEFAULT_LIMITS.creates.max), windowMs: HOUR },
      joins: { max: int(env, 'LIMIT_JOINS_PER_15MIN', DEFAULT_LIMITS.joins.max), windowMs: 15 * 60_000 },
    },
  };
}
