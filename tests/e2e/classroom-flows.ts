import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

/** One browser context (its own localStorage) per person, with page errors collected. */
export async function person(
  browser: Browser,
  base: string,
  path: string,
  errors: string[],
  label: string,
): Promise<Page> {
  const ctx = await browser.newContext({ acceptDownloads: true, viewport: { width: 1600, height: 1000 } });
  watch(ctx, errors, label);
  const page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(new URL(path, base).href);
  return page;
}

/** Every page of the context reports its errors (the game tab a student opens, too). */
function watch(ctx: BrowserContext, errors: string[], label: string): void {
  const hook = (p: Page) => {
    p.on('pageerror', (e) => errors.push(`${label} ${p.url()}: ${e.message}`));
    p.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text()))
        errors.push(`${label} console: ${m.text()}`);
    });
  };
  ctx.on('page', hook);
}

/** Clicks a link or button that opens a new tab, and returns the tab. */
export async function opensTab(page: Page, target: Locator): Promise<Page> {
  const [tab] = await Promise.all([page.context().waitForEvent('page'), target.click()]);
  tab.setDefaultTimeout(15_000);
  await tab.waitForLoadState();
  return tab;
}

/** Downloads one export by clicking its button; returns the file name and text. */
export async function download(page: Page, button: Locator): Promise<{ name: string; text: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: d.suggestedFilename(), text: readFileSync((await d.path())!, 'utf8') };
}

/** Seconds from an "m:ss" timer. */
export function seconds(text: string): number {
  const m = /(\d+):(\d\d)/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
}
