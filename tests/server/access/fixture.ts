import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accessSettings, type AccessSettings } from '../../../server/access.js';
import type { RunningServer, StartOptions } from '../../../server/app.js';
import { SqliteStorage } from '../../../server/storage/sqlite.js';
import { miniScenario } from '../../fixtures/mini-scenario.js';
import { bootServer, Player } from '../helpers.js';

export interface Delays {
  /** ms added to each seat write */
  seat?: number;
  /** ms added to each action appended to the log */
  action?: number;
}

const wait = (ms = 0) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

/** Real SQLite whose writes take longer (a slow disk or a remote database). */
class SlowSqlite extends SqliteStorage {
  constructor(
    file: string,
    private delays: Delays,
  ) {
    super(file);
  }

  override async upsertSeat(s: Parameters<SqliteStorage['upsertSeat']>[0]): Promise<void> {
    await wait(this.delays.seat);
    return super.upsertSeat(s);
  }

  override async appendAction(...a: Parameters<SqliteStorage['appendAction']>): Promise<number> {
    await wait(this.delays.action);
    return super.appendAction(...a);
  }
}

/**
 * A real server on a real SQLite file in a temporary folder, with the mini scenario and the given access settings.
 * `delays` slow its writes down.
 */
export async function sqliteServer(
  access: Parameters<typeof accessSettings>[0] = {},
  o: StartOptions = {},
  delays: Delays = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'negotiation-access-'));
  const file = join(dir, 'game.sqlite');
  const settings: AccessSettings = accessSettings(access);
  const boot = (storage: SqliteStorage = new SlowSqlite(file, delays)) =>
    bootServer({
      storage,
      scenarios: new Map([['mini', miniScenario()]]),
      defaultScenario: 'mini',
      access: settings,
      ...o,
    });
  const srv = await boot();
  return {
    srv,
    file,
    boot,
    async cleanup(s: RunningServer = srv) {
      await s.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read JSON replies loosely, field by field */
export interface Called<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** One HTTP call with JSON in and out; `key` goes in the Authorization header. */
export async function call<T = any>(
  srv: RunningServer,
  method: string,
  path: string,
  o: { body?: unknown; key?: string; headers?: Record<string, string> } = {},
): Promise<Called<T>> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  if (o.key) headers.authorization = `Bearer ${o.key}`;
  const res = await fetch(`${srv.url}${path}`, {
    method,
    headers,
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
  });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  /* eslint-enable @typescript-eslint/no-explicit-any */
  return { status: res.status, body, headers: res.headers };
}

/** Joins and expects a refusal; returns the server's "code: message". */
export async function refusedJoin(
  srv: RunningServer,
  roomId: string,
  options: Record<string, unknown>,
): Promise<string> {
  try {
    const p = await Player.join(srv, roomId, options);
    await p.leave();
  } catch (e) {
    return String((e as Error).message);
  }
  throw new Error(`join ${JSON.stringify(options)} was admitted`);
}
