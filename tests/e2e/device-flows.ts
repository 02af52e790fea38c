import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS } from './harness.js';

export interface Seated {
  page: Page;
  context: BrowserContext;
  errors: string[];
}

/** Creates a table through the API (the real scenario unless told), returns its code. */
export async function newTable(apiBase: string, o: { selfStart?: boolean; scenario?: string } = {}): Promise<string> {
  const r = await fetch(`${apiBase}api/tables`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ selfStart: o.selfStart ?? true, ...(o.scenario ? { scenario: o.scenario } : {}) }),
  });
  if (r.status !== 201) throw new Error(`create table: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { code: string }).code;
}

/** A student opens `base?code=…` on a device of this size and ratio and takes `role`'s seat, up to the table screen. */
export async function seat(
  browser: Browser,
  base: string,
  code: string,
  role: string,
  device: { width: number; height: number; dpr?: number; mobile?: boolean },
  name = `Student ${role}`,
): Promise<Seated> {
  const context = await browser.newContext({
    viewport: { width: device.width, height: device.height },
    deviceScaleFactor: device.dpr ?? 1,
    isMobile: device.mobile ?? false,
    hasTouch: device.mobile ?? false,
  });
  const page = await context.newPage();
  // Generous: this 2-core machine is shared by several engineers running browsers at once.
  page.setDefaultTimeout(45_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(`${base}?code=${code}`);
  await page.getByTestId(`seat-${role}`).waitFor();
  await page.getByTestId('join-name').fill(name);
  await page.getByTestId(`seat-${role}`).click();
  if (role !== 'observer') {
    await page.getByTestId('screen-briefing').waitFor();
    await page.getByTestId('briefing-continue').click();
  }
  await page.getByTestId('screen-table').waitFor();
  await page.locator('[data-testid="stage"][data-ready="true"] canvas').waitFor({ state: 'attached' });
  return { page, context, errors };
}

export async function shot(page: Page, name: string, fullPage = false): Promise<string> {
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/** Canvas backing pixels per device pixel, across and down (1 means crisp), and its CSS box. */
export async function canvasDensity(
  page: Page,
): Promise<{ x: number; y: number; cssWidth: number; cssHeight: number; dpr: number }> {
  return page.evaluate(() => {
    const c = document.querySelector('[data-testid="stage"] canvas') as HTMLCanvasElement;
    const r = c.getBoundingClientRect();
    const dpr = window.devicePixelRatio;
    return {
      x: c.width / (r.width * dpr),
      y: c.height / (r.height * dpr),
      cssWidth: r.width,
      cssHeight: r.height,
      dpr,
    };
  });
}

/** Anything wider than the screen, or buttons and fields that stick out of it on either side. */
export async function overflow(page: Page): Promise<{ scrollX: number; outside: string[] }> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const outside: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, input, select, textarea, canvas, a, [role=tab]')) {
      const r = el.getBoundingClientRect();
      if (
        r.width === 0 ||
        r.height === 0 ||
        el.closest('[hidden]') ||
        el.closest('.sr-only') ||
        el.classList.contains('skip')
      )
        continue;
      if (r.left < -1 || r.right > vw + 1)
        outside.push(
          `${el.tagName.toLowerCase()}[${el.getAttribute('data-testid') ?? el.textContent?.slice(0, 20)}] ${Math.round(r.left)}..${Math.round(r.right)} of ${vw}`,
        );
    }
    return { scrollX: document.documentElement.scrollWidth - vw, outside };
  });
}

/**
 * How many distinct colours the canvas shows on screen (a black or blank canvas shows one). Reads the
 * composited page through a screenshot, decoded in the page itself, so it works for WebGL canvases.
 */
export async function canvasColours(page: Page): Promise<number> {
  const box = await page.locator('[data-testid="stage"] canvas').boundingBox();
  if (!box || box.width < 2 || box.height < 2) return 0;
  const png = await page.screenshot({
    clip: { x: box.x, y: box.y, width: Math.min(box.width, 600), height: Math.min(box.height, 400) },
  });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length; i += 4 * 7) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return seen.size;
  }, png.toString('base64'));
}
