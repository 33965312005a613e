// Which database errors are worth another attempt, and how long they are retried. The errors a
// real server gives (53300 from a full server, ECONNREFUSED from a stopped one) are exercised in
// test/inbox/webhook-busy-database.test.ts and test/guarantees/database-outage.test.ts.
import { describe, expect, it } from 'vitest';
import { isTransientDatabaseError, retryTransient } from '../../src/db/transient-retry.ts';

/** An error shaped like the driver's: `code` is the SQLSTATE or postgres.js/Node code. */
function withCode(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('transient database errors', () => {
  it.each(['53300', '57P03', '40P01', '40001', '57P01', '08006', 'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'ECONNRESET'])('%s is tried again', (code) => {
    expect(isTransientDatabaseError(withCode(code))).toBe(true);
  });

  it.each(['ECONNREFUSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', '23505', '22P05', '42P01'])('%s is not', (code) => {
    expect(isTransientDatabaseError(withCode(code))).toBe(false);
  });

  it("looks through drizzle's wrapper to the driver's error", () => {
    const wrapped = Object.assign(new Error('Failed query: begin'), { cause: withCode('53300', 'sorry, too many clients already') });
    expect(isTransientDatabaseError(wrapped)).toBe(true);
    expect(isTransientDatabaseError(new Error('no code'))).toBe(false);
  });

  it('retries a transient failure until the work succeeds', async () => {
    let attempts = 0;
    const result = await retryTransient(
      async () => {
        attempts += 1;
        if (attempts < 3) throw withCode('53300');
        return 'stored';
      },
      { withinMs: 5_000, firstDelayMs: 1 },
    );
    expect(result).toBe('stored');
    expect(attempts).toBe(3);
  });

  it('throws a lasting error at once, and a transient one once the time is up', async () => {
    let attempts = 0;
    const refused = withCode('ECONNREFUSED');
    await expect(retryTransient(async () => ((attempts += 1), Promise.reject(refused)), { withinMs: 5_000 })).rejects.toBe(refused);
    expect(attempts).toBe(1);

    attempts = 0;
    const started = Date.now();
    const full = withCode('53300');
    await expect(retryTransient(async () => ((attempts += 1), Promise.reject(full)), { withinMs: 200, firstDelayMs: 10, maxDelayMs: 40 })).rejects.toBe(full);
    expect(attempts).toBeGreaterThan(1);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
