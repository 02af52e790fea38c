import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenarios } from '../../server/scenarios.js';
import type { Scenario } from '../../shared/scenario/schema.js';
import { miniScenario } from '../fixtures/mini-scenario.js';
import { DIST, ensureBuilt } from './harness.js';

function scenarios(): Scenario[] {
  try {
    return [...loadScenarios().values()];
  } catch {
    return [miniScenario()];
  }
}

describe('the production bundle', () => {
  let js = '';
  let files: string[] = [];
  beforeAll(async () => {
    await ensureBuilt();
    files = readdirSync(join(DIST, 'assets'));
    js = files
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(DIST, 'assets', f), 'utf8'))
      .join('\n');
  }, 120_000);

  it('puts Phaser in its own chunk, apart from the app', () => {
    const phaser = files.filter((f) => /^phaser-.*\.js$/.test(f));
    const entry = files.filter((f) => /^index-.*\.js$/.test(f));
    expect(phaser).toHaveLength(1);
    expect(entry).toHaveLength(1);
    expect(readFileSync(join(DIST, 'assets', entry[0]), 'utf8')).not.toContain('Phaser v');
    // The start screen does not load Phaser: only the table screen imports it.
    expect(readFileSync(join(DIST, 'index.html'), 'utf8')).not.toContain('phaser-');
  });

  it('carries no confidential scenario text', () => {
    for (const s of scenarios())
      for (const r of s.roles) {
        expect(js).not.toContain(r.confidential.brief.slice(0, 60));
        expect(js).not.toContain(r.confidential.domesticFear.slice(0, 60));
      }
  });
});
