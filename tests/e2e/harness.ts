import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../../scripts/chromium.js';
import { startServer, type RunningServer, type StartOptions } from '../../server/app.js';
import { SqliteStorage } from '../../server/storage/sqlite.js';
import type { Scenario } from '../../shared/scenario/schema.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = join(ROOT, 'dist');
export const ARTIFACTS = join(ROOT, 'test-artifacts');
/** Browser tests run when Chromium is installed; under CI a missing Chromium is a failure, not a skip. */
export { hasChromium };
export const skipBrowser = !hasChromium && !process.env.CI;

function newest(dir: string): number {
  let t = 0;
  for (const f of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, f.name);
    t = Math.max(t, f.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds the client unless dist/ is newer than every client source. */
export async function ensureBuilt(): Promise<void> {
  const index = join(DIST, 'index.html');
  const sources = Math.max(newest(join(ROOT, 'client')), statSync(join(ROOT, 'vite.config.ts')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs > sources) return;
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.config.ts'), root: join(ROOT, 'client'), logLevel: 'warn' });
}

export interface Harness {
  server: RunningServer;
  browser: Browser;
  base: string;
  close(): Promise<void>;
}

/** The real server (SQLite in a temp folder, the built client) and a real Chromium. */
export async function startHarness(
  scenarios?: Map<string, Scenario>,
  o: Pick<StartOptions, 'graceSeconds'> = {},
): Promise<Harness> {
  await ensureBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'negotiation-e2e-'));
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    storage: new SqliteStorage(join(dir, 'e2e.sqlite')),
    scenarios,
    graceSeconds: 30,
    tickMs: 100,
    distDir: DIST,
    restore: false,
    ...o,
  });
  if (!hasChromium)
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  const browser = await launchChromium();
  return {
    server,
    browser,
    base: `http://127.0.0.1:${server.port}/`,
    async close() {
      await browser.close().catch(() => undefined);
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One person at one browser: own context (own localStorage), console errors collected. */
export class Player {
  errors: string[] = [];
  constructor(
    public page: Page,
    public context: BrowserContext,
    public label: string,
  ) {
    page.on('pageerror', (e) => this.errors.push(`${label} pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(`${label} console: ${m.text()}`);
    });
  }

  static async open(h: Harness, label: string, size = { width: 1280, height: 720 }): Promise<Player> {
    const context = await h.browser.newContext({ viewport: size });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const p = new Player(page, context, label);
    await page.goto(h.base);
    return p;
  }

  id(testid: string) {
    return this.page.getByTestId(testid);
  }

  async shot(name: string): Promise<void> {
    await this.page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  }

  /** Clicks once the button is enabled. */
  async click(testid: string): Promise<void> {
    const b = this.id(testid);
    await b.waitFor({ state: 'visible' });
    await this.page.waitForFunction(
      (t) => {
        const el = document.querySelector(`[data-testid="${t}"]`) as HTMLButtonElement | null;
        return !!el && !el.disabled;
      },
      testid,
      { polling: 50 },
    );
    await b.click();
  }

  async text(testid: string): Promise<string> {
    return (await this.id(testid).textContent()) ?? '';
  }

  /** Waits until an element's text matches. */
  async waitText(testid: string, re: RegExp): Promise<void> {
    await this.page.waitForFunction(
      ([t, src, flags]) =>
        new RegExp(src, flags).test(document.querySelector(`[data-testid="${t}"]`)?.textContent ?? ''),
      [testid, re.source, re.flags] as const,
      { polling: 50 },
    );
  }
}
