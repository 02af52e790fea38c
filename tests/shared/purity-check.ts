import { builtinModules } from 'node:module';
import { posix } from 'node:path';

const FORBIDDEN_PACKAGES = [/^colyseus$/, /^colyseus\.js$/, /^@colyseus\//, /^phaser(\/|$)/];
const NODE_BUILTINS = new Set(builtinModules);
const IMPORT_RE = /(?:\bimport\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?|\bexport\s+(?:type\s+)?[\w*{}\s,$]+?\s+from\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;
const IMPURE: [RegExp, string][] = [
  [/\bMath\s*\.\s*random\b|\bMath\s*\[\s*['"]random['"]\s*\]/, 'uses Math.random (use the seeded RNG in shared/engine/rng.ts)'],
  [/\bDate\s*\.\s*now\b|\bDate\s*\[\s*['"]now['"]\s*\]/, 'uses Date.now (take the time from ctx.now)'],
  [/\bnew\s+Date\s*\(\s*\)/, 'reads the clock with new Date() (take the time from ctx.now)'],
  [/\bperformance\s*\.\s*now\b/, 'reads the clock with performance.now'],
  [/^(?:export\s+)?(?:let|var)\s/m, 'keeps module state (a top-level let or var)'],
];

/** Every module specifier a source file imports or re-exports. */
export function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT_RE)].map((m) => m[1]);
}

/**
 * Problems that make a file under shared/ impure. `file` is its path relative to the
 * project root (posix separators), used to resolve relative imports.
 */
export function purityProblems(source: string, file: string): string[] {
  const problems: string[] = [];
  for (const spec of importsOf(source)) {
    if (spec.startsWith('.')) {
      const target = posix.normalize(posix.join(posix.dirname(file), spec));
      if (!target.startsWith('shared/')) problems.push(`${file}: imports "${spec}", which is outside shared/`);
    } else if (FORBIDDEN_PACKAGES.some((re) => re.test(spec))) {
      problems.push(`${file}: imports "${spec}" (shared/ must not depend on colyseus or phaser)`);
    } else if (spec.startsWith('node:') || NODE_BUILTINS.has(spec.split('/')[0])) {
      problems.push(`${file}: imports the Node module "${spec}" (shared/ does no I/O)`);
    } else if (/^(server|client)(\/|$)/.test(spec)) {
      problems.push(`${file}: imports "${spec}" from ${spec.split('/')[0]}/`);
    }
  }
  for (const [re, what] of IMPURE) if (re.test(source)) problems.push(`${file}: ${what}`);
  return problems;
}
