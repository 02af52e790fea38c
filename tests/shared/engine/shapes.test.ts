import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * The engine's states stay in V8's fast-properties mode: an object that goes into dictionary mode (a key deleted
 * after it was added, as the old hidden draft mark was) makes every later read of it slower on the server's hot
 * path, for the rest of the game (docs/benchmarks.md, "Eighth round"). V8's own %HasFastProperties tells, in a
 * child process with natives syntax on.
 */
describe('the shapes of game states', () => {
  it('after a whole bot game, no object of the state or of a view is in dictionary mode', () => {
    const r = spawnSync(
      process.execPath,
      ['--allow-natives-syntax', '--import', 'tsx', 'tests/fixtures/fast-properties.ts'],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } },
    );
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { actions: number; objects: number; slow: string[] };
    expect(out.actions).toBeGreaterThan(50);
    expect(out.objects).toBeGreaterThan(100);
    expect(out.slow).toEqual([]);
  }, 60_000);
});
