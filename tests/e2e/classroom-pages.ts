import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const CLIENT = resolve(import.meta.dirname, '../../client');

/**
 * Builds the client with the classroom pages as inputs into a temporary folder (the project's
 * vite config may not list them yet). Without the game's own index.html, a stub stands in so the
 * server serves the folder.
 */
export async function buildClassroomPages(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'classroom-dist-'));
  const input: Record<string, string> = {};
  for (const page of ['console', 'debrief', 'class', 'index']) if (existsSync(join(CLIENT, `${page}.html`))) input[page] = join(CLIENT, `${page}.html`);
  await build({ configFile: false, root: CLIENT, base: './', logLevel: 'warn', build: { outDir, emptyOutDir: true, target: 'es2022', rolldownOptions: { input } } });
  if (!input.index) writeFileSync(join(outDir, 'index.html'), '<!doctype html><title>game</title><p>The game client is not built in this test.</p>');
  return outDir;
}
