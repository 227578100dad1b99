import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The engine must stay pure and deterministic (see STYLE.md): no UI libraries, no Node built-ins,
 * nothing from outside src/engine, no wall clock, no unseeded randomness, no host timers, no DOM.
 * src/engine/purity.test.ts checks the same thing independently of the linter.
 */
const ENGINE_FORBIDDEN_PACKAGES = [
  'react',
  'react-dom',
  'zustand',
  'xstate',
  '@xstate/react',
  '@xyflow/react',
  'recharts',
];

/**
 * `no-restricted-imports` patterns match the import string, not the resolved path, so "leaves
 * src/engine" depends on how deep the importing file is: from src/engine/index.ts one `../` leaves
 * the engine, from src/engine/core/rng.ts it takes two. One config block per depth.
 */
const ENGINE_MAX_DEPTH = 6;

function engineImportRules(depth) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: ENGINE_FORBIDDEN_PACKAGES.map((name) => ({
          name,
          message: 'The engine is UI-free: keep React, state and chart libraries outside src/engine.',
        })),
        patterns: [
          {
            group: ENGINE_FORBIDDEN_PACKAGES.map((name) => `${name}/*`),
            message: 'The engine is UI-free: keep React, state and chart libraries outside src/engine.',
          },
          {
            regex: `^(\\.\\./){${depth + 1},}`,
            message: 'The engine imports nothing outside src/engine (arrows point into the engine).',
          },
          {
            regex: '^node:',
            message: 'The engine runs in browsers and workers too: no Node built-ins.',
          },
        ],
      },
    ],
  };
}

const engineSource = (pattern) => ({
  files: [pattern],
  ignores: ['src/engine/**/*.test.ts', 'src/engine/test/**'],
});

const NON_DETERMINISTIC =
  'Non-deterministic or host-dependent: inject the virtual clock / seeded Rng instead.';

export default defineConfig(
  globalIgnores([
    'dist/',
    'node_modules/',
    'test-results/',
    'playwright-report/',
    'blob-report/',
    'coverage/',
    '.vite/',
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    name: 'streamlab/defaults',
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },

  {
    name: 'streamlab/browser',
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/cli/**', 'src/engine/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
  },

  {
    name: 'streamlab/react',
    files: ['src/**/*.tsx'],
    ...reactHooks.configs.flat.recommended,
  },

  {
    name: 'streamlab/node',
    files: [
      'src/cli/**',
      'scripts/**',
      'e2e/**',
      '*.config.{js,ts}',
      '**/*.test.{ts,tsx}',
      'src/engine/test/**',
    ],
    languageOptions: { globals: globals.node },
  },

  {
    name: 'streamlab/console-allowed',
    files: ['src/cli/**', 'scripts/**', 'e2e/**'],
    rules: { 'no-console': 'off' },
  },

  // The engine: pure, deterministic TypeScript (tests and the test harness are exempt).
  ...Array.from({ length: ENGINE_MAX_DEPTH }, (_, depth) => ({
    name: `streamlab/engine-imports-depth-${depth}`,
    ...engineSource(`src/engine/${'*/'.repeat(depth)}*.ts`),
    rules: engineImportRules(depth),
  })),
  {
    name: 'streamlab/engine-purity',
    ...engineSource('src/engine/**/*.ts'),
    languageOptions: { globals: globals.es2022 },
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'self',
          'navigator',
          'location',
          'localStorage',
          'performance',
          'setTimeout',
          'setInterval',
          'setImmediate',
          'clearTimeout',
          'clearInterval',
          'requestAnimationFrame',
          'queueMicrotask',
          'process',
          'crypto',
        ].map((name) => ({ name, message: `\`${name}\` is a host global. ${NON_DETERMINISTIC}` })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: `Use the engine's seeded Rng. ${NON_DETERMINISTIC}` },
        { object: 'Date', property: 'now', message: `Use the virtual clock. ${NON_DETERMINISTIC}` },
        { object: 'performance', property: 'now', message: `Use the virtual clock. ${NON_DETERMINISTIC}` },
        ...['setTimeout', 'setInterval', 'requestAnimationFrame', 'window', 'document', 'performance'].map(
          (property) => ({ object: 'globalThis', property, message: NON_DETERMINISTIC }),
        ),
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: `\`new Date()\` reads the wall clock. ${NON_DETERMINISTIC}`,
        },
      ],
      'no-console': 'error',
      // Engine.ts hands operators a collector whose `now` getter must read the engine's clock, and
      // inside an object-literal getter `this` is the collector: naming the engine is the clear way.
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['engine'] }],
    },
  },
);
