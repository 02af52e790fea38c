import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, purityProblems } from './purity-check.js';

const ROOT = resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx|js|mjs|cjs)$/.test(name)) out.push(p);
  }
  return out;
}

describe('shared/ is pure', () => {
  const files = sourceFiles(join(ROOT, 'shared'));

  it('finds the engine, the scenario schema and the protocol', () => {
    const rel = files.map((f) => relative(ROOT, f).split(sep).join('/'));
    expect(rel).toEqual(expect.arrayContaining(['shared/engine/apply.ts', 'shared/scenario/schema.ts', 'shared/protocol.ts']));
  });

  it('no file under shared/ imports server, client, colyseus, phaser or Node, or reads the clock or Math.random', () => {
    const problems = files.flatMap((f) => purityProblems(readFileSync(f, 'utf8'), relative(ROOT, f).split(sep).join('/')));
    expect(problems).toEqual([]);
  });
});

describe('the purity checker', () => {
  const f = 'shared/engine/x.ts';

  it('reads every kind of import', () => {
    const src = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "import * as c from 'c';",
      "import 'side-effect';",
      "export { d } from './d.js';",
      "export * from 'e';",
      "const f = await import('f');",
      "const g = require(\"g\");",
      "import {\n  h,\n  i,\n} from 'hi';",
    ].join('\n');
    expect(importsOf(src)).toEqual(['./a.js', '../b.js', 'c', 'side-effect', './d.js', 'e', 'f', 'g', 'hi']);
  });

  it('refuses module state: a top-level let or var, not one inside a function', () => {
    expect(purityProblems('let fresh: Set<object> | null = null;\n', f)).toEqual([`${f}: keeps module state (a top-level let or var)`]);
    expect(purityProblems('export var n = 0;\n', f)).toHaveLength(1);
    expect(purityProblems('export function g() {\n  let x = 1;\n  return x;\n}\n', f)).toEqual([]);
  });

  it('accepts a pure file', () => {
    expect(purityProblems("import { z } from 'zod';\nimport { x } from '../scenario/schema.js';\nconst d = new Date(0);", f)).toEqual([]);
  });

  it.each([
    ["import { x } from '../../server/tables.js';", 'outside shared/'],
    ["import type { Y } from '../../client/net/connection.js';", 'outside shared/'],
    ["export { z } from '../../../elsewhere.js';", 'outside shared/'],
    ["import { Room } from 'colyseus';", 'colyseus or phaser'],
    ["import { Room } from '@colyseus/core';", 'colyseus or phaser'],
    ["import { Client } from 'colyseus.js';", 'colyseus or phaser'],
    ["import Phaser from 'phaser';", 'colyseus or phaser'],
    ["const p = await import('phaser');", 'colyseus or phaser'],
    ["import { readFileSync } from 'node:fs';", 'does no I/O'],
    ["import { readFileSync } from 'fs';", 'does no I/O'],
    ['const r = Math.random();', 'Math.random'],
    ["const r = Math['random']();", 'Math.random'],
    ['const t = Date.now();', 'Date.now'],
    ['const t = new Date();', 'new Date()'],
    ['const t = performance.now();', 'performance.now'],
  ])('catches %s', (src, what) => {
    const problems = purityProblems(src, f);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(f);
    expect(problems[0]).toContain(what);
  });
});
