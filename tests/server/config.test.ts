import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, DEFAULT_SCENARIO_DIR, parseConfig } from '../../server/config.js';
import { runMain } from './child.js';

const dir = mkdtempSync(join(tmpdir(), 'negotiation-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseConfig', () => {
  it('gives every setting its default when the environment sets none (blank counts as unset)', () => {
    expect(parseConfig({ PORT: '', RETENTION_DAYS: '  ' })).toEqual({
      port: 2567,
      host: undefined,
      dataFile: './data/negotiation.sqlite',
      sqliteSync: 'full',
      retentionDays: 0,
      reconnectGraceSeconds: 60,
      botDelayMs: 2500,
      scenarioDir: DEFAULT_SCENARIO_DIR,
      databaseUrl: undefined,
      redisUrl: undefined,
      publicAddress: undefined,
      logLevel: 'info',
      instructorPassphrase: null,
      soloWithoutPassphrase: true,
      maxTeamSize: 3,
      tableQueueMax: 64,
      seatPendingMax: 4,
      limitLookupsPerHour: 120,
      limitKeysPerHour: 20,
      limitCreatesPerHour: 60,
      limitJoinsPerHour: 200,
      trustProxy: undefined,
    });
  });

  it('reads numbers, the sync level in any case and the scale-out trio', () => {
    const c = parseConfig({
      PORT: '8080',
      RETENTION_DAYS: '30',
      RECONNECT_GRACE: '5',
      BOT_DELAY_MS: '0',
      SQLITE_SYNC: 'NORMAL',
      REDIS_URL: 'redis://r:6379',
      PUBLIC_ADDRESS: 'game.example.org/p1/',
      DATABASE_URL: 'postgres://u:p@db/x',
      LOG_LEVEL: 'warn',
    });
    expect(c).toMatchObject({
      port: 8080,
      retentionDays: 30,
      reconnectGraceSeconds: 5,
      botDelayMs: 0,
      sqliteSync: 'normal',
      publicAddress: 'game.example.org/p1',
      logLevel: 'warn',
    });
  });

  it('refuses bad values, naming each variable, what it must be and the value (never a URL that may hold a password)', () => {
    const bad = () =>
      parseConfig({
        PORT: 'eighty',
        RETENTION_DAYS: '-1',
        BOT_DELAY_MS: 'soon',
        SQLITE_SYNC: 'off',
        LOG_LEVEL: 'loud',
        DATABASE_URL: 'mysql://u:secret@db',
      });
    expect(bad).toThrow(ConfigError);
    const message = (() => {
      try {
        bad();
      } catch (e) {
        return (e as Error).message;
      }
    })()!;
    expect(message).toMatch(/PORT must be a port number .* \(it is "eighty"\)/);
    expect(message).toMatch(/RETENTION_DAYS must be a number of days, 0 or more .* \(it is "-1"\)/);
    expect(message).toMatch(/BOT_DELAY_MS must be a number of milliseconds/);
    expect(message).toMatch(/SQLITE_SYNC must be "full" or "normal"/);
    expect(message).toMatch(/LOG_LEVEL must be one of/);
    expect(message).toMatch(/DATABASE_URL must start with postgres:\/\//);
    expect(message).not.toMatch(/secret/);
    expect(() => parseConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => parseConfig({ PORT: '80.5' })).toThrow(/PORT/);
  });

  it('README documents every variable the schema reads, and no other', () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('## Settings'), readme.indexOf('## ', readme.indexOf('## Settings') + 3));
    const documented = new Set([...table.matchAll(/`([A-Z][A-Z_]+)`/g)].map((m) => m[1]));
    expect([...documented].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });
});

describe('the server process', () => {
  it('refuses to start on a bad value, saying which variable and why', async () => {
    const p = await runMain({ RETENTION_DAYS: 'a week', DATA_FILE: join(dir, 'never.sqlite') }, dir);
    await p.stop();
    expect(p.exitCode).toBe(1);
    expect(p.output).toMatch(/RETENTION_DAYS must be a number of days, 0 or more .*\(it is "a week"\)/);
    expect(p.output).not.toMatch(/server on/i);
  });
});
