// ESLint (flat config) with typescript-eslint. `npm run lint`.
// Besides the recommended rules: promises must be awaited or handled (type-aware), and each folder
// may import only what its place in the design allows (docs/architecture.md, "Where each rule lives").
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const NODE = `^(node:.*|(${builtinModules.filter((m) => !m.startsWith('_')).join('|')})(/.*)?)$`;
const COLYSEUS_OR_PHASER = '^(colyseus(\\.js)?|@colyseus/.*|phaser(/.*)?)$';

/**
 * shared/ is the pure core: it imports nothing outside shared/ (a relative path climbing above it),
 * no colyseus, phaser or Node module, never reads the clock or Math.random (ctx brings both), and
 * keeps no module state (no top-level let or var).
 * One block per folder depth, because a relative path's reach depends on where the file is.
 * tests/shared/purity.test.ts runs exactly these rules over shared/.
 */
export const sharedPurity = [1, 2, 3, 4, 5].map((depth) => ({
  files: [`shared/${'*/'.repeat(depth - 1)}*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { regex: `^(\\.\\./){${depth}}`, message: 'shared/ imports nothing outside shared/.' },
          { regex: COLYSEUS_OR_PHASER, message: 'shared/ must not depend on colyseus or phaser.' },
          { regex: NODE, message: 'shared/ does no I/O: no Node modules.' },
        ],
      },
    ],
    'no-restricted-properties': [
      'error',
      { object: 'Math', property: 'random', message: 'Use the seeded RNG in shared/engine/rng.ts.' },
      { object: 'Date', property: 'now', message: 'Take the time from ctx.now.' },
      { object: 'performance', property: 'now', message: 'Take the time from ctx.now.' },
    ],
    'no-restricted-syntax': [
      'error',
      {
        selector: "NewExpression[callee.name='Date'][arguments.length=0]",
        message: 'new Date() reads the clock: take the time from ctx.now.',
      },
      { selector: 'ImportExpression', message: 'shared/ imports statically (no import()).' },
      { selector: "CallExpression[callee.name='require']", message: 'shared/ imports statically (no require()).' },
      {
        selector:
          "Program > VariableDeclaration[kind!='const'], Program > ExportNamedDeclaration > VariableDeclaration[kind!='const']",
        message: 'shared/ keeps no module state (a top-level let or var).',
      },
    ],
  },
}));

export default defineConfig(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'docs/**',
      'coverage/**',
      'test-artifacts/**',
      '.vite/**',
      '.prof/**',
      '.bench-build/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  ...sharedPurity,
  {
    // The browser client: no server code, no Node; the room only through client/net/connection.ts.
    files: ['client/**/*.ts'],
    ignores: ['client/net/connection.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+server/',
              message: 'The client talks to the server over HTTP and the connection, never by import.',
            },
            { regex: NODE, message: 'The client runs in the browser: no Node modules.' },
            {
              regex: '^(colyseus|@colyseus/(core|ws-transport|redis-.*))$',
              message: 'Server packages do not belong in the client.',
            },
            { regex: '^colyseus\\.js$', message: 'Only client/net/connection.ts talks to the room.' },
          ],
        },
      ],
    },
  },
  {
    // HTTP from the browser goes through the one typed wrapper, which turns failures into ApiError.
    files: ['client/**/*.ts'],
    ignores: ['client/net/http.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Use client/net/http.ts (typed, with readable errors).' },
      ],
    },
  },
  {
    // The server is glue: no client code; its Colyseus API from `colyseus` (one copy of the matchmaker).
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(\\.\\./)+client/', message: 'The server does not import client code.' },
            { regex: '^(phaser(/.*)?|colyseus\\.js)$', message: 'Client packages do not belong in the server.' },
            {
              regex: '^@colyseus/(core|redis-driver|redis-presence)$',
              message: "Import the Colyseus API from 'colyseus'.",
            },
          ],
        },
      ],
      'no-console': 'error',
    },
  },
);
