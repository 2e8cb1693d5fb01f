import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module) builds; Vite would pick the ESM one for test
    // files while Node loads the CJS one for Pothos and Apollo. One instance for both.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts', 'server/**/*.test.ts', 'schema/**/*.test.ts', 'sdk/**/*.test.ts'],
    // One embedded database (or one throwaway PostgreSQL database) per test file.
    pool: 'forks',
    // Seeds once per run; each file clones the seeded database (test/globalSetup.ts).
    globalSetup: ['test/globalSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
