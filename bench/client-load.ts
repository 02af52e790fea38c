// Client figures: the production build's size, and the time from navigation until the table scene is
// interactive in headless Chromium, against the real server (bench/server-child.ts) serving dist/.
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { once } from './server-load.js';

export interface BundleFigures {
  raw: number;
  gzip: number;
  files: number;
  /** What the table screen loads (index.html, its scripts and styles, and the Phaser chunk). */
  tableRaw: number;
  tableGzip: number;
  /** The Phaser chunk alone. */
  phaserRaw: number;
}

export interface LoadFigures {
  /** Fresh browser context, empty cache: ms from navigation until the table scene is interactive. */
  cold: number[];
  /** The same page reloaded (HTTP cache warm). */
  warm: number[];
  /** Cold loads: when the first view arrived, and when the DOM was ready (ms from navigation). */
  firstView: number[];
  domReady: number[];
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

function newest(dir: string): number {
  return Math.max(0, ...files(dir).map((f) => statSync(f).mtimeMs));
}

/** Builds the client (vite, production) unless dist/ is newer than every client and shared source. */
export async function ensureBuilt(): Promise<'built' | 'fresh'> {
  const index = join('dist', 'index.html');
  const sources = Math.max(newest('client'), newest('shared'), statSync('vite.config.ts').mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs > sources) return 'fresh';
  const { build } = await import('vite');
  await build({ configFile: resolve('vite.config.ts'), root: resolve('client'), logLevel: 'warn', mode: 'production' });
  return 'built';
}

export function bundleSize(): BundleFigures | null {
  if (!existsSync('dist')) return null;
  const code = files('dist').filter((f) => /\.(js|css|html)$/.test(f));
  const size = (list: string[]) => list.reduce((n, f) => n + readFileSync(f).length, 0);
  const gz = (list: string[]) => list.reduce((n, f) => n + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  // The game page: index.html and everything it references, plus Phaser, which the table screen imports.
  const html = readFileSync(join('dist', 'index.html'), 'utf8');
  const table = code.filter(
    (f) => f.endsWith(join('dist', 'index.html')) || html.includes(f.split('/').pop()!) || /phaser-[^/]*\.js$/.test(f),
  );
  const phaser = code.filter((f) => /phaser-[^/]*\.js$/.test(f));
  return {
    raw: size(code),
    gzip: gz(code),
    files: code.length,
    tableRaw: size(table),
    tableGzip: gz(table),
    phaserRaw: size(phaser),
  };
}

/**
 * Runs in the page before any of its scripts: notes when the stage holds Phaser's canvas and the seat's
 * Ready button can be pressed. A string, not a function: tsx would wrap a function in helpers the page lacks.
 */
type Probe = { __tti?: number; __firstView?: number };
const PROBE = `(() => {
  const check = () => {
    if (window.__tti !== undefined) return;
    const canvas = document.querySelector('[data-testid="stage"][data-ready="true"] canvas');
    const ready = document.querySelector('[data-testid="ready"]');
    if (ready && window.__firstView === undefined) window.__firstView = performance.now();
    if (canvas && ready && !ready.disabled && !ready.hidden) {
      window.__tti = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
})();`;

/** Seats a returning player (session in localStorage) at a fresh table; measures cold loads and reloads. */
export async function benchClientLoad(scenario: string, samples: number): Promise<LoadFigures | { skipped: string }> {
  const { CHROMIUM_PATH, hasChromium, launchChromium } = await import('../scripts/chromium.js');
  if (!hasChromium) return { skipped: `Chromium not found at ${CHROMIUM_PATH}` };
  if (!existsSync(join('dist', 'index.html'))) return { skipped: 'dist/ not built' };
  const dir = mkdtempSync(join(tmpdir(), 'negotiation-bench-client-'));
  const server = fork(resolve('bench/server-child.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, NODE_ENV: 'production', PORT: '0', DATA_FILE: join(dir, 'client.sqlite') },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const browser = await launchChromium();
  const out: LoadFigures = { cold: [], warm: [], firstView: [], domReady: [] };
  try {
    const { port } = (await once(server, 'ready', 30_000)) as unknown as { port: number };
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < samples; i++) {
      const res = await fetch(`${base}/api/tables`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scenario, selfStart: true }),
      });
      const { code } = (await res.json()) as { code: string };
      const info = (await (await fetch(`${base}/api/tables/${code}`)).json()) as { roles: { id: string }[] };
      const seat = { session: { code, role: info.roles[0].id, name: `Bench ${i}` }, player: `bench-client-${i}` };
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      await context.addInitScript(
        `localStorage.setItem('negotiation.session', ${JSON.stringify(JSON.stringify(seat.session))});` +
          `localStorage.setItem('negotiation.playerId', ${JSON.stringify(JSON.stringify(seat.player))});`,
      );
      await context.addInitScript(PROBE);
      const page = await context.newPage();
      const measure = async () => {
        // Inline arrows: Playwright runs them through the DevTools protocol, which the page's CSP allows.
        await page.waitForFunction(() => (window as unknown as Probe).__tti !== undefined, null, {
          timeout: 60_000,
          polling: 100,
        });
        return page.evaluate(() => ({
          tti: (window as unknown as Probe).__tti!,
          firstView: (window as unknown as Probe).__firstView!,
          domReady: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming)
            .domContentLoadedEventEnd,
        }));
      };
      await page.goto(base);
      const cold = await measure();
      out.cold.push(cold.tti);
      out.firstView.push(cold.firstView);
      out.domReady.push(cold.domReady);
      await page.reload();
      out.warm.push((await measure()).tti);
      await context.close();
    }
    return out;
  } finally {
    await browser.close().catch(() => undefined);
    if (server.connected) server.disconnect();
    await new Promise((r) => {
      const t = setTimeout(() => (server.kill('SIGKILL'), r(null)), 10_000);
      server.once('exit', () => (clearTimeout(t), r(null)));
    });
    rmSync(dir, { recursive: true, force: true });
  }
}
