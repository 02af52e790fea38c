import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lanAddresses } from '../../server/http/lan.js';
import { Player as Protocol } from '../server/helpers.js';
import { opensTab } from './classroom-flows.js';
import { tableReady } from './flows.js';
import { ARTIFACTS, Player, skipBrowser, startHarness, type Harness } from './harness.js';

// An instructor's first class, as README.md "Run a class" tells it, on the real server with the
// real scenarios and the production build: the console with its defaults, the console reopened
// from its bookmark and from this browser's list, students on a laptop and a phone, a table made
// on the start page that starts, an untimed table that goes on without a player who left, the Rules.

const LAPTOP = { width: 1280, height: 720 };
const PHONE = { width: 390, height: 844 };
const GRACE = 2;

describe.skipIf(skipBrowser)('an instructor’s first class in Chromium', () => {
  let h: Harness;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  async function browserPage(label: string, size = LAPTOP, phone = false): Promise<Page> {
    const ctx = await h.browser.newContext({
      viewport: size,
      deviceScaleFactor: 2,
      isMobile: phone,
      hasTouch: phone,
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    contexts.push(ctx);
    ctx.on('page', (p) => {
      p.setDefaultTimeout(15_000);
      p.on('pageerror', (e) => errors.push(`${label}: ${e.message}`));
    });
    const page = await ctx.newPage();
    return page;
  }
  const shot = (p: Page, name: string) => p.screenshot({ path: `${ARTIFACTS}/first-class-${name}.png` });
  const testid = (p: Page, id: string) => p.getByTestId(id);

  beforeAll(async () => {
    process.env.BOT_DELAY_MS = '200';
    h = await startHarness(undefined, { graceSeconds: GRACE });
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await h?.close();
    delete process.env.BOT_DELAY_MS;
  });

  it('runs a class from the console with its defaults, and the console cannot be lost', async () => {
    // 1. The console's defaults: the Ukraine talks, a 50-minute class, the total time shown.
    const con = await browserPage('console');
    await con.goto(new URL('/console.html', h.base).href);
    const scenario = con.locator('select[name=scenario]');
    await scenario.waitFor();
    expect(await scenario.inputValue()).toBe('ukraine_peace_talks');
    expect(await con.locator('input[name=preset][value=class50]').isChecked()).toBe(true);
    expect(await con.locator('input[name=rounds]').inputValue()).toBe('5');
    await expect.poll(() => con.locator('[data-field=total-time]').textContent()).toMatch(/at most 32 min \(5 rounds/);
    // The seminar preset changes rounds and lengths, and the total with them.
    await con.locator('input[name=preset][value=seminar90]').check();
    expect(await con.locator('input[name=rounds]').inputValue()).toBe('7');
    expect(await con.locator('[data-field=total-time]').textContent()).toMatch(/at most 1 h 04 min/);
    await con.locator('input[name=preset][value=class50]').check();
    await shot(con, '01-console-defaults');
    await con.getByRole('button', { name: 'Create the class' }).click();
    const classCode = (await con.locator('[data-field=class-code]').textContent())!.trim();
    expect(classCode).toMatch(/^[A-Z2-9]{6}$/);

    // 2. The bookmark step: the link with the key, a copy button; focus on the page's heading.
    const keep = con.locator('[data-field=keep-console]');
    await keep.getByRole('heading', { name: 'First: bookmark this page' }).waitFor();
    const link = await con.locator('[data-field=console-link]').inputValue();
    expect(link).toMatch(/\/console\.html#class=.+&key=.{40,}/);
    expect(link).toBe(con.url());
    expect(await con.evaluate(() => document.activeElement?.tagName)).toMatch(/^H[12]$/);
    await con.locator('[data-act=copy-link]').click();
    await expect.poll(() => keep.locator('.copied').textContent()).toMatch(/Copied/);
    expect(await con.evaluate(() => navigator.clipboard.readText())).toBe(link);
    // The projector line: opened on 127.0.0.1, it shows this machine's LAN address when it has one.
    const joinUrl = (await con.locator('[data-field=join-url]').textContent())!;
    const lan = lanAddresses();
    if (lan.length) expect(joinUrl).toBe(`http://${lan[0]}:${h.server.port}/class.html`);
    else expect(joinUrl).toContain('127.0.0.1');
    await shot(con, '02-console-created');

    // 3. The tab is closed. The bookmark opens the console again; so does console.html's list of this browser's classes.
    await con.close();
    const again = await con.context().newPage();
    await again.goto(link);
    await expect.poll(() => again.locator('[data-field=class-code]').textContent()).toBe(classCode);
    // Opened again, the bookmark step is one line (the tables come first), and opens on a click.
    await again.getByRole('heading', { name: 'Keep this console' }).waitFor();
    expect(await again.locator('[data-field=console-link]').isVisible()).toBe(false);
    await again.getByRole('heading', { name: 'Keep this console' }).click();
    expect(await again.locator('[data-field=console-link]').inputValue()).toBe(link);
    expect(await again.locator('[data-field=console-link]').isVisible()).toBe(true);
    // On a phone the console fits the screen's width: the address wraps, the table cards narrow.
    await again.setViewportSize({ width: 390, height: 844 });
    await again.locator('.table-card').first().waitFor();
    expect(await again.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(again, '03-console-phone');
    await again.setViewportSize({ width: 1280, height: 720 });
    await again.goto(new URL('/console.html', h.base).href);
    const recent = again.locator('[data-field=recent-classes]');
    await recent.waitFor();
    await shot(again, '03-console-recent');
    await recent.locator(`a[data-class="${classCode}"]`).click();
    await expect
      .poll(() => again.locator('[data-field=class-code]').textContent(), { timeout: 15_000 })
      .toBe(classCode);

    // 4. Two students join on the class page: one on a laptop, one on a phone.
    const students: Page[] = [];
    const classPages: Page[] = [];
    for (const [i, size, phone] of [
      [1, LAPTOP, false],
      [2, PHONE, true],
    ] as const) {
      const st = await browserPage(`student ${i}`, size, phone);
      await st.goto(new URL('/class.html', h.base).href);
      await st.getByLabel('Class code').fill(classCode.toLowerCase());
      await st.getByLabel('Your name').fill(`Student ${i}`);
      await st.getByRole('button', { name: 'Join' }).click();
      await st.locator('.seat-card').waitFor();
      classPages.push(st);
      const game = await opensTab(st, st.locator('[data-go=table]'));
      await testid(game, 'screen-briefing').waitFor();
      // The brief opens at its top, its heading focused.
      expect(await game.evaluate(() => window.scrollY)).toBe(0);
      expect(await game.evaluate(() => document.activeElement?.id)).toBe('brief-h');
      await testid(game, 'briefing-continue').click();
      // On a phone the picture of the table may be folded away: the table screen is what counts.
      if (phone) await testid(game, 'screen-table').waitFor();
      else await tableReady(new Player(game, game.context(), `student ${i}`));
      students.push(game);
    }
    // The instructor starts every table; bots take the empty seats.
    await again.locator('section.all [data-act=start]').click();
    for (const g of students)
      await expect.poll(() => testid(g, 'phase').textContent(), { timeout: 15_000 }).not.toBe('Waiting to start');
    const [laptop, phone] = students;
    // The first round's hint strip says what the phase is and what to do.
    await testid(laptop, 'hint-strip').waitFor();
    expect(await testid(laptop, 'hint-now').textContent()).toMatch(/Ready|Offer|turn|move/);
    expect(await laptop.locator('h1').first().textContent()).toBe('The negotiation table');
    expect(await laptop.locator('[data-testid=stage] canvas').getAttribute('aria-label')).toMatch(/The table/);
    await shot(laptop, '04-laptop-table');
    await shot(phone, '05-phone-table');

    // 5. The Rules are one click away, on a phone too (in the table's header; above the other screens).
    expect(await testid(phone, 'open-rules').isHidden()).toBe(true);
    await testid(phone, 'table-rules').click();
    const rules = testid(phone, 'rules');
    await rules.getByRole('heading', { name: 'How the game works' }).waitFor();
    expect(await rules.textContent()).toMatch(/every delegation it was sent to accepts it/);
    await shot(phone, '06-phone-rules');
    await testid(phone, 'rules-close').click();
    await rules.waitFor({ state: 'hidden' });

    // 6. The class page opened again without its code (a closed tab, a bookmark) finds the student's seat.
    await classPages[0].goto(new URL('/class.html', h.base).href);
    await classPages[0].locator('.seat-card [data-go=table]').waitFor();
    expect(new URL(classPages[0].url()).hash).toBe(`#code=${classCode}`);
    // The laptop student closes the game tab and opens it again from the class page, within the reconnection
    // grace: the page gets its brief and then the table (it once stayed on "Returning to table..." for good).
    await laptop.close();
    const reopened = await opensTab(classPages[0], classPages[0].locator('[data-go=table]'));
    await testid(reopened, 'screen-briefing').waitFor();
    await testid(reopened, 'briefing-continue').click();
    await tableReady(new Player(reopened, reopened.context(), 'student 1 again'));
    expect(await testid(reopened, 'phase').textContent()).not.toBe('Waiting to start');
    expect(errors).toEqual([]);
  }, 240_000);

  it('a table created on the start page starts: by itself by default, or by its creator from their seat', async () => {
    const p = await browserPage('creator');
    await p.goto(h.base);
    await testid(p, 'screen-start').waitFor();
    await p.waitForFunction(
      () => !!document.querySelector('[data-testid="create-scenario"] option[value="ukraine_peace_talks"]'),
    );
    expect(await testid(p, 'create-scenario').inputValue()).toBe('ukraine_peace_talks');
    expect(await testid(p, 'create-preset').inputValue()).toBe('class50');
    expect(await testid(p, 'create-selfstart').isChecked()).toBe(true);
    expect(await testid(p, 'create-start-note').textContent()).toMatch(/every delegation has pressed Ready/);
    expect(await testid(p, 'create-total').textContent()).toMatch(/at most 32 min/);
    await testid(p, 'create-selfstart').scrollIntoViewIfNeeded();
    await shot(p, '07-start-create');
    await testid(p, 'open-rules').click();
    await testid(p, 'rules').getByRole('heading', { name: 'How the game works' }).waitFor();
    await p.keyboard.press('Escape');
    await testid(p, 'rules').waitFor({ state: 'hidden' });

    // Unticked, the creator starts it from their own seat.
    await testid(p, 'create-selfstart').uncheck();
    expect(await testid(p, 'create-start-note').textContent()).toMatch(/facilitator controls beside it/);
    await testid(p, 'create-submit').click();
    await testid(p, 'created-join').click();
    await testid(p, 'join-name').fill('Creator');
    await testid(p, 'seat-ukraine').click();
    await testid(p, 'briefing-continue').click();
    await tableReady(new Player(p, p.context(), 'creator'));
    await testid(p, 'creator-start').waitFor();
    await shot(p, '08-creator-start');
    await testid(p, 'creator-start').click();
    await expect.poll(() => testid(p, 'phase').textContent(), { timeout: 15_000 }).toBe('News');
    expect(errors).toEqual([]);
  }, 120_000);

  it('an untimed table goes on without a player who closed the tab, and says why', async () => {
    // Russia and Ukraine play in Chromium; the United States and Europe through the protocol (fewer browsers on a busy machine).
    const host = await browserPage('russia');
    await host.goto(h.base);
    await testid(host, 'screen-start').waitFor();
    await p0(host);
    const code = (await testid(host, 'created-code').textContent())!.trim();
    const { roomId } = (await (await fetch(`${h.base}api/tables/${code}`)).json()) as { roomId: string };
    const watcher = await browserPage('ukraine');
    await watcher.goto(`${h.base}?code=${code}`);
    const pages: [Page, string][] = [
      [host, 'russia'],
      [watcher, 'ukraine'],
    ];
    for (const [pg, role] of pages) {
      if (pg === host) {
        await testid(pg, 'join-code').fill(code);
        await testid(pg, 'join-code').press('Enter');
      }
      await testid(pg, `seat-${role}`).waitFor();
      await testid(pg, 'join-name').fill(`Player ${role}`);
      await testid(pg, `seat-${role}`).click();
      await testid(pg, 'briefing-continue').click();
      await testid(pg, 'screen-table').waitFor();
    }
    const clients = await Promise.all(
      ['usa', 'europe'].map((role) =>
        Protocol.join(h.server, roomId, { role, name: `Client ${role}`, playerId: `client-${role}` }, role),
      ),
    );
    // Self-start (the default): everyone is ready and the talks open.
    for (const c of clients) await c.must({ type: 'ready' });
    for (const [pg] of pages) await testid(pg, 'ready').click();
    await expect.poll(() => testid(watcher, 'phase').textContent(), { timeout: 15_000 }).toBe('News');
    // Russia's player closes the tab; after the reconnection grace the table goes on without them.
    await host.context().close();
    await expect
      .poll(() => testid(watcher, 'log').textContent(), { timeout: (GRACE + 15) * 1000 })
      .toMatch(/Russia is away/);
    for (const c of clients) await c.must({ type: 'ready' });
    await testid(watcher, 'ready').click();
    await expect.poll(() => testid(watcher, 'phase').textContent(), { timeout: 15_000 }).toBe('Talks');
    await testid(watcher, 'tab-log').click();
    await shot(watcher, '09-away-log');
    for (const c of clients) await c.leave();
    expect(errors).toEqual([]);
  }, 180_000);

  /** Creates an untimed table ("My own settings", every phase 0) that starts by itself. */
  async function p0(p: Page): Promise<void> {
    await p.waitForFunction(
      () => !!document.querySelector('[data-testid="create-scenario"] option[value="ukraine_peace_talks"]'),
    );
    for (const phase of ['news', 'talks', 'moves', 'resolution']) await testid(p, `create-${phase}`).fill('0');
    expect(await testid(p, 'create-preset').inputValue()).toBe('custom');
    expect(await testid(p, 'create-total').textContent()).toMatch(/No time limit/);
    await testid(p, 'create-submit').click();
    await testid(p, 'created-code').waitFor();
  }
});
