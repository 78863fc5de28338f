import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    // Generous on purpose: the suite must pass on a shared, loaded 2-core machine (opening PGlite alone took 39 s
    // there). A hang still fails; speed is measured by `npm run bench`, never by a test's deadline.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
