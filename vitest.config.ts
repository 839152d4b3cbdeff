import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'web/**/*.test.{ts,tsx}'],
          exclude: [
            '**/*.api.test.ts',
            '**/*.process.test.ts',
            '**/*.pg.test.ts',
            '**/node_modules/**',
          ],
        },
      },
      {
        // Start the real `intercoop` command as a separate process (lock, signals, boot).
        test: {
          name: 'process',
          include: ['src/**/*.process.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // HTTP-level tests on a fresh database per file: embedded, or PostgreSQL when
        // TEST_DATABASE_URL is set. The same files run in both modes.
        test: {
          name: 'api',
          include: ['src/**/*.api.test.ts'],
          globalSetup: ['test/embedded-cluster.setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Races and crashes, slower than the API tests: on PostgreSQL (TEST_DATABASE_URL) when
        // set, else on the embedded server.
        test: {
          name: 'pg',
          include: ['src/**/*.pg.test.ts'],
          globalSetup: ['test/embedded-cluster.setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
