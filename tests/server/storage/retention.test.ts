import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app.js';
import { DAY_MS } from '../../../server/storage/retention.js';
import { SqliteStorage } from '../../../server/storage/sqlite.js';
import { miniScenario, miniScenarioData } from '../../fixtures/mini-scenario.js';
import { runMain } from '../child.js';
import { bootServer, createTable, Player } from '../helpers.js';
import { chat, tableRecord } from './contract.js';

// RETENTION_DAYS through the real server and a real SQLite file: at start, then on its timer.
const dir = mkdtempSync(join(tmpdir(), 'negotiation-retention-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.map((s) => s.stop()));
  running = [];
});

/** A file holding a game finished 10 days ago, one finished yesterday and an old unfinished one. */
async function seed(file: string) {
  const s = new SqliteStorage(file);
  const now = Date.now();
  const old = tableRecord({ scenarioId: 'mini', createdAt: now - 11 * DAY_MS });
  const recent = tableRecord({ scenarioId: 'mini', createdAt: now - 2 * DAY_MS });
  const open = tableRecord({ scenarioId: 'mini', createdAt: now - 30 * DAY_MS, settings: {} });
  for (const t of [old, recent, open]) {
    await s.createTable(t);
    await s.appendAction(t.id, { ...chat('hi', t.createdAt), seat: 'a' });
  }
  await s.finishTable(old.id, now - 10 * DAY_MS);
  await s.finishTable(recent.id, now - DAY_MS);
  await s.close();
  return { old, recent, open };
}

describe('retention', () => {
  it('deletes games finished longer ago than retentionDays at start and then on its timer, nothing else', async () => {
    const file = join(dir, 'in-process.sqlite');
    const { old, recent, open } = await seed(file);
    const storage = new SqliteStorage(file);
    const srv = await bootServer({
      storage,
      scenarios: new Map([['mini', miniScenario()]]),
      retentionDays: 7,
      retentionEveryMs: 100,
    });
    running.push(srv);
    await expect.poll(() => storage.getTable(old.id)).toBeNull();
    expect(await storage.actions(old.id)).toEqual([]);
    expect(await storage.getTable(recent.id)).not.toBeNull();
    expect(await storage.getTable(open.id)).not.toBeNull();
    expect(srv.restored).toBe(1);

    // A game played to its end now is kept; one that finished long ago, written later, goes on the next sweep.
    const t = await createTable(srv, { scenario: 'mini' });
    const fac = await Player.join(
      srv,
      t.roomId,
      { role: 'facilitator', name: 'T', facilitatorKey: t.facilitatorKey },
      'fac',
    );
    await fac.must({ type: 'start' });
    await fac.must({ type: 'end' });
    const later = tableRecord({ scenarioId: 'mini' });
    await storage.createTable(later);
    await storage.finishTable(later.id, Date.now() - 8 * DAY_MS);
    await expect.poll(() => storage.getTable(later.id)).toBeNull();
    expect((await storage.getTable(t.roomId))?.finishedAt).toEqual(expect.any(Number));
    expect(await storage.getTable(recent.id)).not.toBeNull();
    await fac.leave();
  });

  it('retentionDays 0 keeps every game', async () => {
    const file = join(dir, 'keep.sqlite');
    const { old } = await seed(file);
    const storage = new SqliteStorage(file);
    running.push(
      await bootServer({
        storage,
        scenarios: new Map([['mini', miniScenario()]]),
        retentionDays: 0,
        retentionEveryMs: 50,
      }),
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(await storage.getTable(old.id)).not.toBeNull();
  });

  it('`npm start` with RETENTION_DAYS deletes old finished games from DATA_FILE', async () => {
    const scenarioDir = join(dir, 'scenarios');
    mkdirSync(scenarioDir, { recursive: true });
    writeFileSync(join(scenarioDir, 'mini.json'), JSON.stringify(miniScenarioData()));
    const file = join(dir, 'main.sqlite');
    const { old, recent, open } = await seed(file);
    const child = await runMain({ DATA_FILE: file, SCENARIO_DIR: scenarioDir, RETENTION_DAYS: '7' }, dir);
    try {
      expect(child.output).toMatch(/1 unfinished table\(s\) restored/);
      const s = new SqliteStorage(file);
      try {
        await expect.poll(() => s.getTable(old.id)).toBeNull();
        expect(await s.getTable(recent.id)).not.toBeNull();
        expect(await s.getTable(open.id)).not.toBeNull();
      } finally {
        await s.close();
      }
    } finally {
      await child.stop();
    }
  });
});
