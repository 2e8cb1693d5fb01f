import { defineConfig } from 'vitest/config';

/**
 * Two projects, one run (`npm test`): `unit` holds the tests that need no database
 * (`test/**\/*.unit.test.ts` and the tests beside the code in server/, schema/ and sdk/) and
 * starts at once; `db` holds the rest, each file on its own copy of the demo database, seeded
 * once per run by test/globalSetup.ts. `npx vitest run --project unit` runs the first alone.
 */
const UNIT = ['test/**/*.unit.test.ts', 'server/**/*.test.ts', 'schema/**/*.test.ts', 'sdk/**/*.test.ts'];

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module) builds; Vite would pick the ESM one for test
    // files while Node loads the CJS one for Pothos and Apollo. One instance for both.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    // One embedded database (or one throwaway PostgreSQL database) per test file.
    pool: 'forks',
    // Test files run one per worker; vitest's default is one worker fewer than the cores.
    // TEST_WORKERS overrides it: CI runs two files at a time on its 2 cores, and the PostgreSQL
    // suites that time things or hold 60 of the server's 100 connections one at a time (.ci/run).
    ...(process.env.TEST_WORKERS ? { maxWorkers: Number(process.env.TEST_WORKERS) } : {}),
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT } },
      {
        extends: true,
        test: {
          name: 'db',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.unit.test.ts', '**/node_modules/**'],
          // Seeds once per run; each file clones the seeded database (test/globalSetup.ts).
          globalSetup: ['test/globalSetup.ts'],
        },
      },
    ],
  },
});
