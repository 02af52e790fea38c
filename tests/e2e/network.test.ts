import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTable, seat, shot } from './device-flows.js';
import { skipBrowser, startHarness, type Harness } from './harness.js';
import { Relay } from './relay.js';

// School networks between the page and the server: a link that stalls without closing (20 s, then
// 90 s, longer than the server's 30 s grace), and filters that refuse or ignore WebSocket upgrades.
// The page, the API and the live connection all go through a relay on loopback (tests/e2e/relay.ts).
describe.skipIf(skipBrowser)('dead links and blocked WebSockets', () => {
  let h: Harness;
  let relay: Relay;
  let via = '';

  beforeAll(async () => {
    h = await startHarness();
    relay = new Relay(h.server.port);
    via = await relay.start();
  }, 120_000);

  afterAll(async () => {
    await relay?.stop();
    await h?.close();
  });

  /** The seat's status as the server reports it to the start page. */
  const seatStatus = async (code: string, role: string) => {
    const t = (await (await fetch(`${h.base}api/tables/${code}`)).json()) as {
      roles: { id: string; status: string; bot: boolean }[];
    };
    return t.roles.find((r) => r.id === role)!;
  };
  const waitFor = async (what: () => Promise<boolean>, ms: number, step = 250): Promise<number> => {
    const t0 = Date.now();
    while (Date.now() - t0 < ms) {
      if (await what()) return Date.now() - t0;
      await new Promise((r) => setTimeout(r, step));
    }
    throw new Error(`not within ${ms} ms`);
  };

  /** Stalls the link for `ms`; returns when the page said so, when the server did, and how soon the page was back. */
  async function outage(code: string, page: import('playwright-core').Page, ms: number, role: string) {
    const conn = page.getByTestId('connection');
    await page.waitForFunction(() => document.querySelector('[data-testid=connection]')?.textContent === 'Connected');
    const t0 = Date.now();
    relay.set('silent');
    const serverSaw = waitFor(async () => (await seatStatus(code, role)).status !== 'present', 20_000, 100);
    await untilReconnecting(page, 20_000);
    const pageNoticed = Date.now() - t0;
    const serverNoticed = await serverSaw;
    await shot(page, `network-reconnecting-${ms / 1000}s`);
    // A move made now is refused at once, next to its button, and says nothing was sent.
    const ready = page.getByTestId('ready');
    if (await ready.isVisible()) {
      await ready.click();
      await page.waitForFunction(
        () => /nothing was sent/.test(document.querySelector('[data-testid=action-error]')?.textContent ?? ''),
        null,
        { timeout: 2_000 },
      );
    }
    await new Promise((r) => setTimeout(r, Math.max(0, ms - (Date.now() - t0))));
    const t1 = Date.now();
    relay.set('open');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=connection]')?.textContent === 'Connected',
      null,
      { timeout: 5_000, polling: 100 },
    );
    const back = Date.now() - t1;
    expect(await conn.textContent()).toBe('Connected');
    return { pageNoticed, serverNoticed, back };
  }

  it('a link silent for 20 s: the page says reconnecting within 20 s and is back at its seat within 5 s, no click', async () => {
    const code = await newTable(h.base);
    const s = await seat(h.browser, via, code, 'ukraine', { width: 1280, height: 720 });
    const r = await outage(code, s.page, 20_000, 'ukraine');
    console.log(
      `20 s outage: page noticed after ${r.pageNoticed} ms, server after ${r.serverNoticed} ms, back ${r.back} ms after the link returned`,
    );
    expect(r.pageNoticed).toBeLessThan(16_000);
    expect(r.serverNoticed).toBeLessThan(16_000);
    expect(r.back).toBeLessThan(5_000);
    await waitFor(async () => (await seatStatus(code, 'ukraine')).status === 'present', 3_000);
    // The seat is still ours and works: Ready goes through.
    await s.page.getByTestId('ready').click();
    await s.page.waitForFunction(() =>
      /Ready ✓/.test(document.querySelector('[data-testid=ready]')?.textContent ?? ''),
    );
    await shot(s.page, 'network-back-20s');
    expect(s.errors).toEqual([]);
    await s.context.close();
  }, 90_000);

  it('a link silent for 90 s (past the grace; a stand-in bot plays): back within 5 s by playerId, told what the bot did', async () => {
    const r0 = await fetch(`${h.base}api/tables`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // Slow bots and long phases: the table is still in play when the student comes back.
      body: JSON.stringify({
        selfStart: true,
        bots: ['russia', 'usa', 'europe'],
        standIn: true,
        botDelayMs: 6000,
        rounds: 20,
        phaseSeconds: { news: 5, talks: 15, moves: 12, resolution: 5 },
      }),
    });
    const { code } = (await r0.json()) as { code: string };
    const s = await seat(h.browser, via, code, 'ukraine', { width: 1280, height: 720 });
    await s.page.getByTestId('ready').click();
    await s.page.waitForFunction(
      () => !/Waiting to start/.test(document.querySelector('[data-testid=phase]')?.textContent ?? ''),
      null,
      { timeout: 15_000 },
    );
    let botSat = false;
    const watch = setInterval(
      () =>
        void seatStatus(code, 'ukraine').then(
          (x) => (botSat ||= x.bot),
          () => undefined,
        ),
      1000,
    );
    const r = await outage(code, s.page, 90_000, 'ukraine');
    clearInterval(watch);
    console.log(
      `90 s outage: page noticed after ${r.pageNoticed} ms, server after ${r.serverNoticed} ms, back ${r.back} ms after the link returned; stand-in bot sat: ${botSat}`,
    );
    expect(r.pageNoticed).toBeLessThan(16_000);
    expect(r.back).toBeLessThan(5_000);
    expect(botSat).toBe(true);
    expect(await s.page.getByTestId('my-seat').textContent()).toMatch(/Ukraine/);
    // The person took the seat back from the bot, and sees what it did in their name.
    await waitFor(async () => !(await seatStatus(code, 'ukraine')).bot, 5_000);
    await s.page.getByTestId('away-recap').waitFor({ timeout: 5_000 });
    expect(await s.page.getByTestId('away-recap').textContent()).toMatch(/While you were away/);
    await shot(s.page, 'network-back-90s');
    expect(s.errors).toEqual([]);
    await s.context.close();
  }, 150_000);

  it('a laptop that wakes (focus), or a browser that goes offline, on a dead link checks it at once: reconnecting within 5 s, not 10', async () => {
    const code = await newTable(h.base);
    const s = await seat(h.browser, via, code, 'europe', { width: 1280, height: 720 });
    await s.page.waitForFunction(() => document.querySelector('[data-testid=connection]')?.textContent === 'Connected');
    await s.page.waitForTimeout(1000);
    relay.set('silent');
    const t0 = Date.now();
    await s.page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await untilReconnecting(s.page, 8_000);
    const noticed = Date.now() - t0;
    console.log(`focus on a dead link: reconnecting after ${noticed} ms`);
    expect(noticed).toBeLessThan(6_500);
    relay.set('open');
    // Back online: the 'online' event tries at once.
    await s.page.evaluate(() => window.dispatchEvent(new Event('online')));
    await s.page.waitForFunction(
      () => document.querySelector('[data-testid=connection]')?.textContent === 'Connected',
      null,
      { timeout: 5_000 },
    );
    // The browser says the network went ('offline'): the link is checked at once too.
    await s.page.waitForTimeout(1000);
    relay.set('silent');
    const t1 = Date.now();
    await s.page.evaluate(() => window.dispatchEvent(new Event('offline')));
    await untilReconnecting(s.page, 8_000);
    expect(Date.now() - t1).toBeLessThan(6_500);
    relay.set('open');
    await s.context.close();
  }, 60_000);

  for (const mode of ['refuse-upgrade', 'ignore-upgrade'] as const) {
    it(`a network that ${mode === 'refuse-upgrade' ? 'refuses' : 'never answers'} the WebSocket upgrade: the page says so within 5 s, with host and port`, async () => {
      const code = await newTable(h.base);
      relay.set(mode);
      const context = await h.browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      await page.goto(`${via}?code=${code}`);
      await page.getByTestId('seat-ukraine').waitFor();
      await page.getByTestId('join-name').fill('Blocked student');
      const t0 = Date.now();
      await page.getByTestId('seat-ukraine').click();
      await page.waitForFunction(
        () => /blocking live connections/.test(document.querySelector('[data-testid=join-error]')?.textContent ?? ''),
        null,
        { timeout: 5_000, polling: 100 },
      );
      const took = Date.now() - t0;
      const text = (await page.getByTestId('join-error').textContent()) ?? '';
      console.log(`${mode}: message after ${took} ms: ${text}`);
      expect(text).toContain(`127.0.0.1 on port ${relay.port}`);
      expect(took).toBeLessThan(5_000);
      await shot(page, `network-${mode}`);
      // The connection check on the start page says the same, in words.
      await page.getByTestId('connection-check').click();
      await page.waitForFunction(
        () =>
          /blocking live connections/.test(
            document.querySelector('[data-testid=connection-check-result]')?.textContent ?? '',
          ),
        null,
        { timeout: 5_000 },
      );
      relay.set('open');
      await page.getByTestId('connection-check').click();
      await page.waitForFunction(
        () =>
          /Live connections work/.test(
            document.querySelector('[data-testid=connection-check-result]')?.textContent ?? '',
          ),
        null,
        { timeout: 5_000 },
      );
      await context.close();
    }, 60_000);
  }

  it('the class page has the connection check too', async () => {
    relay.set('refuse-upgrade');
    const context = await h.browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
    });
    const page = await context.newPage();
    await page.goto(`${via}class.html`);
    await page.getByTestId('connection-check').click();
    await page.waitForFunction(
      () =>
        /blocking live connections/.test(
          document.querySelector('[data-testid=connection-check-result]')?.textContent ?? '',
        ),
      null,
      { timeout: 5_000 },
    );
    await shot(page, 'network-class-check');
    relay.set('open');
    await context.close();
  });
});

/** Waits until the page's header says it is reconnecting (polled every 100 ms). */
function untilReconnecting(page: import('playwright-core').Page, timeout: number) {
  return page.waitForFunction(
    () => /reconnecting/i.test(document.querySelector('[data-testid=connection]')?.textContent ?? ''),
    null,
    { timeout, polling: 100 },
  );
}
