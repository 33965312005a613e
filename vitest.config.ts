import { defineConfig } from 'vitest/config';

// Tests talk to real Postgres, real ffmpeg/yt-dlp and real Chromium, so they get generous
// timeouts; the machine has two cores, so files run two at a time.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts', 'src/**/*.test.tsx'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    // postgres.js (3.4) asks each new connection for the server's array types from a handler that
    // does not await the query: when a test stops the server during it (database-outage), that
    // one rejection is unhandled although every query of ours failed and was handled as it
    // should. Only that query's connection error is let through; any other stays a failure.
    onUnhandledError(error) {
      const { code, query } = error as { code?: unknown; query?: unknown };
      const typesQuery = typeof query === 'string' && query.includes('from pg_catalog.pg_type a');
      return !(typesQuery && typeof code === 'string' && ['ECONNRESET', 'CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'EPIPE'].includes(code));
    },
  },
});
