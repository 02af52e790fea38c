import { ESLint, type Linter } from 'eslint';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// shared/ is pure: these are the very rules `npm run lint` applies to it (eslint.config.js, `sharedPurity`),
// run here without type information so the test is quick.
const ROOT = resolve(__dirname, '../..');
let eslint: ESLint;

beforeAll(async () => {
  const { sharedPurity } = (await import(pathToFileURL(resolve(ROOT, 'eslint.config.js')).href)) as {
    sharedPurity: Linter.Config[];
  };
  eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser } },
      ...sharedPurity,
    ],
  });
});

async function problems(source: string, file: string): Promise<string[]> {
  const [r] = await eslint.lintText(source, { filePath: resolve(ROOT, file) });
  return r.messages.map((m) => `${file}:${m.line} ${m.ruleId}: ${m.message}`);
}

describe('shared/ is pure', () => {
  it('every source file under shared/ is covered by the purity rules, and none breaks them', async () => {
    const results = await eslint.lintFiles(['shared/**/*.ts']);
    const files = results.map((r) => r.filePath.slice(ROOT.length + 1));
    expect(files).toEqual(
      expect.arrayContaining(['shared/engine/apply.ts', 'shared/scenario/schema.ts', 'shared/protocol.ts']),
    );
    for (const f of results)
      expect(
        (await eslint.calculateConfigForFile(f.filePath)).rules?.['no-restricted-imports'],
        f.filePath,
      ).toBeDefined();
    expect(results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.message}`))).toEqual([]);
  });
});

describe('the purity rules', () => {
  const f = 'shared/engine/x.ts';

  it('accept a pure file: imports inside shared/, zod, a fixed date', async () => {
    expect(
      await problems(
        "import { z } from 'zod';\nimport { x } from '../scenario/schema.js';\nimport type { Y } from './y.js';\nconst d = new Date(0);\nexport { x, z, d };",
        f,
      ),
    ).toEqual([]);
    expect(
      await problems("import { applyAction } from './engine/index.js';\nexport { applyAction };", 'shared/protocol.ts'),
    ).toEqual([]);
  });

  it('allow a let inside a function', async () => {
    expect(await problems('export function g() {\n  let x = 1;\n  x += 1;\n  return x;\n}', f)).toEqual([]);
  });

  it.each([
    ["import { x } from '../../server/tables.js';", f, 'outside shared/'],
    ["import type { Y } from '../../client/net/connection.js';", f, 'outside shared/'],
    ["export { z } from '../../../elsewhere.js';", f, 'outside shared/'],
    ["import { x } from '../server/tables.js';", 'shared/protocol.ts', 'outside shared/'],
    ["import { x } from '../../../server/tables.js';", 'shared/bots/deep/x.ts', 'outside shared/'],
    ["import { Room } from 'colyseus';", f, 'colyseus or phaser'],
    ["import { Room } from '@colyseus/core';", f, 'colyseus or phaser'],
    ["import { Client } from 'colyseus.js';", f, 'colyseus or phaser'],
    ["import Phaser from 'phaser';", f, 'colyseus or phaser'],
    ["const p = await import('phaser');", f, 'no import()'],
    ["const g = require('g');", f, 'no require()'],
    ["import { readFileSync } from 'node:fs';", f, 'no Node modules'],
    ["import { readFileSync } from 'fs';", f, 'no Node modules'],
    ["import { join } from 'path/posix';", f, 'no Node modules'],
    ['const r = Math.random();', f, 'seeded RNG'],
    ["const r = Math['random']();", f, 'seeded RNG'],
    ['const t = Date.now();', f, 'ctx.now'],
    ['const t = new Date();', f, 'ctx.now'],
    ['const t = performance.now();', f, 'ctx.now'],
    ['let fresh: Set<object> | null = null;', f, 'module state'],
    ['export var n = 0;', f, 'module state'],
  ])('catch %s in %s', async (src, file, what) => {
    const found = await problems(`${src}\nexport {};`, file);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(what);
  });
});
