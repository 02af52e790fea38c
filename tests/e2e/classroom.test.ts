import express from 'express';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCORE_COLUMNS } from '../../shared/analysis/exports.js';
import { parseScenario } from '../../shared/scenario/load.js';
import { startServer, type RunningServer } from '../../server/app.js';
import { classRoutes } from '../../server/classes/class-routes.js';
import { SqliteStorage } from '../../server/storage/sqlite.js';
import { miniScenarioData } from '../fixtures/mini-scenario.js';
import { buildClassroomPages } from './classroom-pages.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts/classroom');
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) throw new Error(`Chromium is required in CI (${CHROMIUM} not found).`);

/** The mini fixture with a fourth delegation, so a table seats four students as the real scenario does. */
function fourRoleScenario() {
  const data = miniScenarioData();
  const d = { ...structuredClone(data.roles[2]), id: 'd', name: 'Role D', short: 'D', color: '#CC79A7' };
  data.roles.push(d);
  data.id = 'four';
  data.title = 'Four delegations';
  (data.mechanics.costOfTime.perRound as Record<string, number>).d = 1;
  const r = parseScenario(data, 'four.json');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

let srv: RunningServer;
let browser: Browser;
let dir: string;
let dist: string;
const pageErrors: string[] = [];

/** When the app does not mount the class routes yet, put them in front of it (same server, same port). */
function ensureClassRoutes(scenarios: Map<string, ReturnType<typeof fourRoleScenario>>): Promise<void> {
  return fetch(`${srv.url}/api/classes/NOPE/seats/x`).then(async (probe) => {
    const body = (await probe.json().catch(() => null)) as { error?: { code?: string } } | null;
    if (body?.error?.code === 'class/not_found') return;
    const mine = express().use('/api', classRoutes({ storage: srv.storage, tables: srv.tables, scenarios, defaultScenario: 'four' }));
    const [app] = srv.http.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
    srv.http.removeAllListeners('request');
    srv.http.on('request', (req: IncomingMessage, res: ServerResponse) =>
      /^\/api\/(classes|tables\/[^/]+\/(debrief|export))/.test(req.url ?? '') ? mine(req, res) : app(req, res),
    );
  });
}

async function open(url: string): Promise<Page> {
  const ctx = await browser.newContext({ acceptDownloads: true, viewport: { width: 1600, height: 1000 } });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${url}: ${e.message}`));
  await page.goto(`${srv.url}${url}`);
  return page;
}

describe.skipIf(!haveChromium)('classroom in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dist = await buildClassroomPages();
    dir = mkdtempSync(join(tmpdir(), 'classroom-db-'));
    const scenarios = new Map([['four', fourRoleScenario()]]);
    srv = await startServer({ port: 0, host: '127.0.0.1', storage: new SqliteStorage(join(dir, 'db.sqlite')), scenarios, defaultScenario: 'four', distDir: dist, restore: false, tickMs: 100 });
    await ensureClassRoutes(scenarios);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await srv?.stop();
    for (const d of [dir, dist]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('runs a class: seating, controls for all tables, the debrief and the exports; refuses pages without the key', async () => {
    // The instructor creates a class of three tables, untimed so that only the console moves the tables on.
    const con = await open('/console.html');
    await con.locator('input[name=tablesMode][value=fixed]').check();
    await con.locator('input[name=tables]').fill('3');
    await con.locator('input[name=rounds]').fill('3');
    for (const p of ['news', 'talks', 'moves', 'resolution']) await con.locator(`input[name=${p}]`).fill('0');
    await con.getByRole('button', { name: 'Create the class' }).click();
    const classCode = (await con.locator('[data-field=class-code]').textContent())!.trim();
    expect(classCode).toMatch(/^[A-Z2-9]{6}$/);
    const hash = new URLSearchParams(new URL(con.url()).hash.slice(1));
    const [classId, key] = [hash.get('class')!, hash.get('key')!];
    await expect.poll(() => con.locator('.table-card').count()).toBe(3);

    // Twelve students join with the code and are seated: four per table, one per delegation.
    const seats: { table: string; role: string }[] = [];
    for (let i = 0; i < 12; i++) {
      const st = await open('/class.html');
      await st.getByLabel('Class code').fill(classCode.toLowerCase());
      await st.getByLabel('Your name').fill(`Student ${i + 1}`);
      await st.getByRole('button', { name: 'Join' }).click();
      const card = st.locator('.seat-card');
      await card.waitFor();
      seats.push({ table: (await card.getAttribute('data-table'))!, role: (await card.getAttribute('data-role'))! });
      await st.context().close();
    }
    const byTable = new Map<string, string[]>();
    for (const s of seats) byTable.set(s.table, [...(byTable.get(s.table) ?? []), s.role]);
    expect([...byTable.values()].map((r) => r.sort())).toEqual([0, 1, 2].map(() => ['a', 'b', 'c', 'd']));
    await con.getByRole('heading', { name: 'Seating (12 students)' }).waitFor();

    // A fourth table, with nobody on it: bots take its seats.
    await con.locator('[data-act=add-table]').click();
    await expect.poll(() => con.locator('.table-card').count()).toBe(4);
    await expect.poll(() => con.locator('.seating tbody tr').nth(3).locator('.empty').allTextContents()).toEqual(['bot', 'bot', 'bot', 'bot']);

    const all = con.locator('.all [role=group][aria-label="Controls: all tables"]');
    const phases = () => con.locator('.table-card [data-field=phase]').allTextContents();
    await all.locator('[data-act=start]').click();
    await expect.poll(phases).toEqual(['News', 'News', 'News', 'News']);
    await all.locator('[data-act=pause]').click();
    await expect.poll(() => con.locator('.table-card .flag.paused').count()).toBe(4);
    await all.locator('[data-act=resume]').click();
    await expect.poll(() => con.locator('.table-card .flag.paused').count()).toBe(0);

    // An event injected into table 1 only.
    const first = con.locator('.table-card').first();
    await first.getByLabel('Event card to inject (table 1)').selectOption('e1');
    await first.locator('[data-act=inject]').click();
    await expect.poll(() => con.locator('#notice').textContent()).toContain('table 1');

    con.on('dialog', (d) => void d.accept());
    await all.locator('[data-act=end]').click();
    await expect.poll(phases).toEqual(['Ended', 'Ended', 'Ended', 'Ended']);

    // The class debrief, in a new tab, with its charts and one section per table.
    const [deb] = await Promise.all([con.context().waitForEvent('page'), con.getByRole('link', { name: 'Open the class debrief' }).click()]);
    deb.on('pageerror', (e) => pageErrors.push(`debrief: ${e.message}`));
    await expect.poll(() => deb.locator('.table-debrief').count(), { timeout: 10_000 }).toBe(4);
    expect(await deb.locator('canvas').count()).toBe(3 + 4);
    await expect.poll(() => deb.locator('.summary').textContent()).toContain('0 of 4 tables signed');

    const download = async (file: string) => {
      const [d] = await Promise.all([deb.waitForEvent('download'), deb.locator(`[data-export="${file}"]`).click()]);
      expect(d.suggestedFilename()).toBe(`class-${classCode}-${file}`);
      return readFileSync((await d.path())!, 'utf8');
    };
    const scores = (await download('scores.csv')).split('\r\n');
    expect(scores[0]).toBe(SCORE_COLUMNS.join(','));
    expect(scores.filter(Boolean)).toHaveLength(1 + 4 * 4);
    expect(scores[1].startsWith(`${classCode},`)).toBe(true);
    expect((await download('settlements.csv')).split('\r\n')[0]).toMatch(/^class_code,table_code,/);
    const log = JSON.parse(await download('events.json'));
    const injected = log.tables.map((t: { actions: { action: { type: string } }[] }) => t.actions.filter((a) => a.action.type === 'inject').length);
    expect(injected).toEqual([1, 0, 0, 0]);
    expect(log.tables[0].actions.map((a: { seat: string }) => a.seat).every((s: string) => s === 'facilitator')).toBe(true);

    // A student opens the debrief of their own table after the end.
    await deb.screenshot({ path: join(ARTIFACTS, 'class-debrief.png'), fullPage: false });
    await con.screenshot({ path: join(ARTIFACTS, 'console.png'), fullPage: true });
    const mine = await open(`/debrief.html#table=${seats[0].table}`);
    await mine.locator('.table-debrief').waitFor();
    expect(await mine.locator('.table-debrief h2').textContent()).toContain('No deal');

    // Without the key: no console, no private data.
    for (const url of [`/console.html#class=${classId}`, `/console.html#class=${classId}&key=${'x'.repeat(43)}`]) {
      const p = await open(url);
      await p.getByRole('heading', { name: 'No access' }).waitFor();
      expect(await p.locator('.table-card').count()).toBe(0);
      await p.context().close();
    }
    const thief = await open(`/debrief.html#class=${classId}&key=nope`);
    await thief.getByRole('heading', { name: 'Debrief not available' }).waitFor();
    const status = await thief.evaluate(async (id) => {
      const urls = [`/api/classes/${id}/dashboard`, `/api/classes/${id}/debrief`, `/api/classes/${id}/export/events.json`];
      return Promise.all(urls.map((u) => fetch(u).then((r) => r.status)));
    }, classId);
    expect(status).toEqual([401, 401, 401]);
    expect(key.length).toBeGreaterThan(40);
    expect(pageErrors).toEqual([]);
  }, 150_000);
});
