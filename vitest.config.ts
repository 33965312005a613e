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
  },
});
