import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most files spend their time booting PGlite (WASM) or waiting on timers and sockets, so on a
    // 2-core machine three workers finish sooner than the default of one.
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS ?? 3),
    globalSetup: ['test/helpers/global-setup.ts'],
  },
});
