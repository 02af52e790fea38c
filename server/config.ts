import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { hashPassphrase, type PassphraseHash } from './access.js';

// Every environment variable the server reads, in one schema. README's "Settings" table lists the same ones.

export const DEFAULT_DATA_FILE = './data/negotiation.sqlite';
export const DEFAULT_SCENARIO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../shared/scenarios');

const number = (what: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce
    .number({ error: `must be ${what}` })
    .refine((n) => Number.isFinite(n) && n >= min && n <= max, { error: `must be ${what}` });

const flag = z
  .string()
  .transform((s) => s.toLowerCase())
  .pipe(z.enum(['1', 'true', 'yes', 'on', '0', 'false', 'no', 'off'], { error: 'must be true or false' }))
  .transform((s) => ['1', 'true', 'yes', 'on'].includes(s));

const schema = z
  .object({
    PORT: number('a port number from 0 to 65535', 0, 65535)
      .pipe(z.int({ error: 'must be a whole port number' }))
      .default(2567),
    HOST: z.string().optional(),
    DATA_FILE: z.string().default(DEFAULT_DATA_FILE),
    SQLITE_SYNC: z
      .string()
      .transform((s) => s.toLowerCase())
      .pipe(z.enum(['full', 'normal'], { error: 'must be "full" or "normal"' }))
      .default('full'),
    RETENTION_DAYS: number('a number of days, 0 or more (0 keeps finished games forever)', 0).default(0),
    RECONNECT_GRACE: number('a number of seconds, 0 or more', 0).default(60),
    BOT_DELAY_MS: number('a number of milliseconds, 0 or more', 0).default(2500),
    SCENARIO_DIR: z.string().default(DEFAULT_SCENARIO_DIR),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, { error: 'must start with postgres:// (or leave it unset to use SQLite)' })
      .optional(),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, { error: 'must start with redis:// or rediss:// (or leave it unset for one process)' })
      .optional(),
    PUBLIC_ADDRESS: z
      .string()
      .transform((s) => s.replace(/\/+$/, ''))
      .refine((s) => !/^[a-z]+:\/\//i.test(s) && !/\s/.test(s), {
        error: 'is host[:port][/path], without ws:// or http://',
      })
      .optional(),
    // Access control and abuse limits (server/access.ts, docs/protocol.md "Limits").
    INSTRUCTOR_PASSPHRASE: z
      .string()
      .min(8, { error: 'must be at least 8 characters' })
      .max(256, { error: 'must be at most 256 characters' })
      .optional(),
    SOLO_WITHOUT_PASSPHRASE: flag.default(true),
    MAX_TEAM_SIZE: number('a whole number, 1 or more', 1)
      .pipe(z.int({ error: 'must be a whole number' }))
      .default(3),
    TABLE_QUEUE_MAX: number('a whole number, 1 or more', 1)
      .pipe(z.int({ error: 'must be a whole number' }))
      .default(64),
    SEAT_PENDING_MAX: number('a whole number, 1 or more', 1)
      .pipe(z.int({ error: 'must be a whole number' }))
      .default(4),
    LIMIT_LOOKUPS_PER_HOUR: number('a whole number, 1 or more', 1)
      .pipe(z.int({ error: 'must be a whole number' }))
      .default(120),
    LIMIT_KEYS_PER_HOUR: number('a whole number, 1 or more', 1)
      .pipe(z.int({ error: 'must be a whole number' }))
      .default(20),
    LIMIT_CREATES_PER_HOUR: number('a whole number, 1 or more', 1)
      .pipe(z.int({ error: 'must be a whole number' }))
      .default(60),
    LIMIT_JOINS_PER_HOUR: number('a whole number, 1 or more', 1)
      .pipe(z.int({ error: 'must be a whole number' }))
      .default(200),
    TRUST_PROXY: z.string().max(200).optional(),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
  })
  .superRefine((e, ctx) => {
    if (!e.REDIS_URL) return;
    if (!e.PUBLIC_ADDRESS)
      ctx.addIssue({
        code: 'custom',
        path: ['REDIS_URL'],
        message:
          'needs PUBLIC_ADDRESS: the host[:port][/path] where clients reach this process (different for every process)',
      });
    if (!e.DATABASE_URL)
      ctx.addIssue({
        code: 'custom',
        path: ['REDIS_URL'],
        message: 'needs DATABASE_URL: several processes must share one PostgreSQL database',
      });
  });

export const CONFIG_VARIABLES = Object.keys(schema.shape) as (keyof typeof schema.shape)[];

/** The server's settings, read from the environment once at start (units in the names). */
export interface Config {
  port: number;
  host: string | undefined;
  /** SQLite file, or ':memory:'. Ignored when databaseUrl is set. */
  dataFile: string;
  sqliteSync: 'full' | 'normal';
  /** Finished games older than this are deleted; 0 keeps them forever. */
  retentionDays: number;
  reconnectGraceSeconds: number;
  botDelayMs: number;
  scenarioDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  publicAddress: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** scrypt hash of INSTRUCTOR_PASSPHRASE (the plaintext is not kept); null: anyone may create tables. */
  instructorPassphrase: PassphraseHash | null;
  soloWithoutPassphrase: boolean;
  maxTeamSize: number;
  tableQueueMax: number;
  seatPendingMax: number;
  limitLookupsPerHour: number;
  limitKeysPerHour: number;
  limitCreatesPerHour: number;
  limitJoinsPerHour: number;
  /** Express's 'trust proxy' (e.g. "loopback" or "1"): whose X-Forwarded-For names the client. Unset: none. */
  trustProxy: string | undefined;
}

/** A bad environment variable; the message names every one and what it must be. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the environment. Unset and blank variables take their defaults; a bad value throws
 * ConfigError naming each variable, what it must be and the value given.
 */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, string> = {};
  for (const k of CONFIG_VARIABLES) {
    const v = env[k]?.trim();
    if (v) raw[k] = v;
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const lines = r.error.issues.map((i) => {
      const name = String(i.path[0] ?? 'environment');
      const shown = raw[name] !== undefined && !SECRET.has(name) ? ` (it is "${raw[name]}")` : '';
      return `  ${name} ${i.message}${shown}`;
    });
    throw new ConfigError(
      `The server cannot start; fix these environment variables (README, "Settings"):\n${lines.join('\n')}`,
    );
  }
  const e = r.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataFile: e.DATA_FILE,
    sqliteSync: e.SQLITE_SYNC,
    retentionDays: e.RETENTION_DAYS,
    reconnectGraceSeconds: e.RECONNECT_GRACE,
    botDelayMs: e.BOT_DELAY_MS,
    scenarioDir: e.SCENARIO_DIR,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    publicAddress: e.PUBLIC_ADDRESS,
    logLevel: e.LOG_LEVEL,
    instructorPassphrase: e.INSTRUCTOR_PASSPHRASE ? hashPassphrase(e.INSTRUCTOR_PASSPHRASE) : null,
    soloWithoutPassphrase: e.SOLO_WITHOUT_PASSPHRASE,
    maxTeamSize: e.MAX_TEAM_SIZE,
    tableQueueMax: e.TABLE_QUEUE_MAX,
    seatPendingMax: e.SEAT_PENDING_MAX,
    limitLookupsPerHour: e.LIMIT_LOOKUPS_PER_HOUR,
    limitKeysPerHour: e.LIMIT_KEYS_PER_HOUR,
    limitCreatesPerHour: e.LIMIT_CREATES_PER_HOUR,
    limitJoinsPerHour: e.LIMIT_JOINS_PER_HOUR,
    trustProxy: e.TRUST_PROXY,
  };
}

// Values that may hold a password are never repeated in an error message.
const SECRET = new Set(['DATABASE_URL', 'REDIS_URL', 'INSTRUCTOR_PASSPHRASE']);

let cached: { key: string; config: Config } | undefined;

/** parseConfig(process.env), parsed again only when one of the variables changed (tests set some). */
export function config(): Config {
  const key = JSON.stringify(CONFIG_VARIABLES.map((k) => process.env[k]));
  if (cached?.key !== key) cached = { key, config: parseConfig(process.env) };
  return cached.config;
}
