import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'server/**/*.test.ts', 'schema/**/*.test.ts', 'sdk/**/*.test.ts'],
    // One embedded database (or one throwaway PostgreSQL database) per test file.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
