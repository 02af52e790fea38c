import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIST, ensureBuilt } from './harness.js';

/** Every script a page loads, following the imports between chunks (static and dynamic). */
function scriptsOf(page: string): string[] {
  const html = readFileSync(join(DIST, page), 'utf8');
  const seen = new Set<string>();
  const queue = [...html.matchAll(/assets\/([\w.-]+\.js)/g)].map((m) => m[1]);
  while (queue.length) {
    const f = queue.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const m of readFileSync(join(DIST, 'assets', f), 'utf8').matchAll(/["'`]\.\/([\w.-]+\.js)["'`]/g))
      queue.push(m[1]);
  }
  return [...seen];
}

describe('the classroom pages in the production build', () => {
  beforeAll(async () => {
    await ensureBuilt();
  }, 120_000);

  it('builds the console, the class page and the debrief beside the game', () => {
    for (const page of ['index.html', 'console.html', 'class.html', 'debrief.html'])
      expect([page, existsSync(join(DIST, page))]).toEqual([page, true]);
  });

  it('keeps Phaser out of the console, class and debrief pages, and Chart.js out of the game', () => {
    for (const page of ['console.html', 'class.html', 'debrief.html']) {
      const scripts = scriptsOf(page);
      expect(scripts.length).toBeGreaterThan(0);
      expect([page, scripts.filter((f) => f.startsWith('phaser-'))]).toEqual([page, []]);
    }
    const game = scriptsOf('index.html').map((f) => readFileSync(join(DIST, 'assets', f), 'utf8'));
    expect(game.some((js) => js.includes('Phaser v'))).toBe(true);
    // 'maintainAspectRatio' is a Chart.js option name that survives minification.
    expect(game.some((js) => js.includes('maintainAspectRatio'))).toBe(false);
    const debrief = scriptsOf('debrief.html').map((f) => readFileSync(join(DIST, 'assets', f), 'utf8'));
    expect(debrief.some((js) => js.includes('maintainAspectRatio'))).toBe(true);
  });
});
