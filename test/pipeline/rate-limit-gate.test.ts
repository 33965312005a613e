// The limiter as the pipeline uses it, on a real database with an injected clock: no wait while
// healthy, a cool-off after a rate limit that doubles on the next one, shared through the stored
// status (a second gate — another worker process — waits too), and shrinking after successes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { runMigrations } from '../../src/db/migrate.ts';
import { RateLimitGate, readRateLimitStatus } from '../../src/pipeline/rate-limit-gate.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

let database: TestDatabase;
let handle: DatabaseHandle;

beforeAll(async () => {
  database = await createTestDatabase('gate');
  handle = await openDatabase({ dataDir: database.dataDir, ...(database.databaseUrl !== undefined ? { databaseUrl: database.databaseUrl } : {}) });
  await runMigrations(handle);
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

describe('RateLimitGate', () => {
  it('cools off after a rate limit, doubles on the next, is shared through the database and recovers', async () => {
    let now = Date.parse('2026-01-01T12:00:00Z');
    const clock = { now: () => now };
    const gate = new RateLimitGate(handle.db, { clock, baseCooldownMs: 60_000, maxCooldownMs: 3_600_000 });
    const otherProcess = new RateLimitGate(handle.db, { clock, baseCooldownMs: 60_000 });

    expect(await gate.waitMs()).toBe(0);
    expect(await readRateLimitStatus(handle.db, clock)).toEqual({ coolingOff: false, level: 0 });

    expect(await gate.reportRateLimited('HTTP 429')).toBe(60_000);
    expect(await otherProcess.waitMs()).toBe(60_000);
    now += 20_000;
    expect(await readRateLimitStatus(handle.db, clock)).toEqual({
      coolingOff: true,
      until: '2026-01-01T12:01:00.000Z',
      waitSeconds: 40,
      level: 1,
      reason: 'HTTP 429',
    });
    // A second report within the same cool-off (a download started before it) does not escalate.
    expect(await gate.reportRateLimited('HTTP 429 again')).toBe(40_000);

    now += 40_000;
    expect(await gate.waitMs()).toBe(0);
    expect(await gate.reportRateLimited('bot check')).toBe(120_000);
    expect((await readRateLimitStatus(handle.db, clock)).level).toBe(2);

    now += 120_000;
    await gate.reportSuccess();
    expect(await readRateLimitStatus(handle.db, clock)).toEqual({ coolingOff: false, level: 1 });
    expect(await gate.reportRateLimited('HTTP 429')).toBe(120_000);
  });
});
