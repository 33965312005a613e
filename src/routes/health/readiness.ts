import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../../db/client.ts';
import { appliedMigrationCount, expectedMigrationCount } from '../../db/migrate.ts';
import { retryTransient } from '../../db/transient-retry.ts';

export type ReadinessReport = {
  ready: boolean;
  checks: { database: string; migrations: string };
};

const DATABASE_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Ready means: the embedded database's folder is still there, the database answers, and every migration this build ships is applied. */
export async function checkReadiness(database: DatabaseHandle): Promise<ReadinessReport> {
  const storage = database.storageProblem();
  if (storage !== undefined) return { ready: false, checks: { database: `unavailable: ${storage}`, migrations: 'unknown' } };
  try {
    // A server with no free connection slot is busy, not down: asked again, an idle pool connection answers.
    const ping = retryTransient(() => database.db.execute(sql`select 1`), { withinMs: DATABASE_TIMEOUT_MS });
    await withTimeout(ping, DATABASE_TIMEOUT_MS, 'the database');
  } catch (err) {
    return { ready: false, checks: { database: `unavailable: ${(err as Error).message}`, migrations: 'unknown' } };
  }
  const expected = expectedMigrationCount();
  const applied = await retryTransient(() => appliedMigrationCount(database), { withinMs: DATABASE_TIMEOUT_MS }).catch(() => -1);
  if (applied < expected) {
    const state = applied < 0 ? 'could not be read' : `${applied} of ${expected} applied`;
    return { ready: false, checks: { database: 'ok', migrations: state } };
  }
  return { ready: true, checks: { database: 'ok', migrations: 'ok' } };
}
