// Lint rules record architecture decisions; every ban says what to use instead.
// Layers (see ../README.md and each src/<layer>/README.md):
//   core, contracts  → pure; import only core and contracts
//   ingest           → core, contracts
//   db               → core, contracts, ingest; the only importer of DuckDB
//   solver           → core, contracts; the only importer of HiGHS
//   workers          → core, contracts
//   services         → core, contracts, ingest, db, solver, workers (use cases shared by server and cli)
//   server, cli      → everything in src/; only server imports Fastify
//   web              → src/contracts (types) only; talks to the server over HTTP
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const layers = [
  'core',
  'contracts',
  'ingest',
  'db',
  'solver',
  'workers',
  'services',
  'server',
  'cli',
]
const allowed = {
  core: ['core', 'contracts'],
  contracts: ['core', 'contracts'],
  ingest: ['core', 'contracts', 'ingest'],
  db: ['core', 'contracts', 'ingest', 'db'],
  solver: ['core', 'contracts', 'solver'],
  workers: ['core', 'contracts', 'workers'],
  services: ['core', 'contracts', 'ingest', 'db', 'solver', 'workers', 'services'],
  server: layers,
  cli: layers,
}
const owners = [
  {
    pkgs: ['@duckdb/*'],
    owner: 'db',
    message: 'Only src/db imports DuckDB: use the Store from src/db.',
  },
  {
    pkgs: ['highs'],
    owner: 'solver',
    message: 'Only src/solver imports HiGHS: call it through src/solver.',
  },
  {
    pkgs: ['fastify', 'fastify-*', '@fastify/*'],
    owner: 'server',
    message: 'Only src/server imports Fastify.',
  },
]
const pure = ['core', 'contracts']

function importRule(layer) {
  const banned = layers.filter((l) => !allowed[layer].includes(l))
  const patterns = banned.map((name) => ({
    group: [`**/${name}/*`, `**/${name}`],
    message: `src/${layer} may import only ${allowed[layer].map((l) => `src/${l}`).join(', ')}.`,
  }))
  for (const o of owners)
    if (o.owner !== layer) patterns.push({ group: o.pkgs, message: o.message })
  if (pure.includes(layer)) {
    patterns.push({
      group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'http', 'commander'],
      message: 'src/core does no IO: read files at the edge (src/ingest) and pass the data in.',
    })
  }
  return ['error', { patterns }]
}

const pureRules = {
  'no-restricted-globals': [
    'error',
    { name: 'setTimeout', message: 'src/core has no timers: the caller schedules.' },
    { name: 'setInterval', message: 'src/core has no timers: the caller schedules.' },
    { name: 'fetch', message: 'src/core does no IO.' },
    { name: 'process', message: 'src/core reads no environment: pass options in.' },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Use the seeded Rng from src/core/shared/rng.' },
    { object: 'Date', property: 'now', message: 'Pass a clock or an as-of date in.' },
    { object: 'describe', property: 'only', message: 'Remove .only before committing.' },
    { object: 'it', property: 'only', message: 'Remove .only before committing.' },
  ],
  'no-restricted-syntax': [
    'error',
    {
      selector: "NewExpression[callee.name='Date'][arguments.length=0]",
      message: 'new Date() reads the clock: pass the date in.',
    },
  ],
}

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'coverage',
      'test-results',
      'bench/results',
      'bench/tmp',
      '.tmp',
      'data',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'describe', property: 'only', message: 'Remove .only before committing.' },
        { object: 'it', property: 'only', message: 'Remove .only before committing.' },
      ],
    },
  },
  ...layers.map((layer) => ({
    files: [`src/${layer}/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': importRule(layer),
      ...(pure.includes(layer) ? pureRules : {}),
      'no-console': layer === 'cli' ? 'off' : 'error',
    },
  })),
  {
    // Tests may read fixtures from disk and time themselves.
    files: ['src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': 'off',
      'no-restricted-globals': 'off',
      'no-restricted-syntax': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/*', '!**/src/contracts', '!**/src/contracts/*'],
              message:
                'web/ talks to the server over HTTP; it may import types from src/contracts only.',
            },
          ],
        },
      ],
    },
  }
)
