// Which process may change the schema, and what the others do meanwhile. The web (or all-in-one)
// process applies migrations; a worker never does: a worker of a newer build started beside an
// older web process would otherwise move the shared database under the older code. So a worker
// waits until the schema is exactly what its build expects (web started later, or upgraded later),
// and every process refuses a database migrated by a newer build than its own.
import type { Logger } from 'pino';
import type { DatabaseHandle } from './client.ts';
import { appliedMigrationCount, expectedMigrationCount, runMigrations } from './migrate.ts';

export class SchemaTooNewError extends Error {
  constructor(applied: number, expected: number) {
    super(
      `The database schema is newer than this Previewarr (${applied} migrations applied, this version knows ${expected}). ` +
        'A newer Previewarr has used this database: run that version (or newer) on every process.',
    );
    this.name = 'SchemaTooNewError';
  }
}

export interface SchemaWaitOptions {
  /** How often a waiting worker looks again. */
  pollMs?: number;
  /** How often a waiting worker repeats its log line. */
  logEveryMs?: number;
  signal?: AbortSignal;
}

/** Migrates (web/all) or waits for the migrations (worker); refuses a schema newer than this build. */
export async function prepareSchema(handle: DatabaseHandle, role: 'all' | 'web' | 'worker', logger: Logger, options: SchemaWaitOptions = {}): Promise<void> {
  const expected = expectedMigrationCount();
  const before = await appliedMigrationCount(handle);
  if (before > expected) throw new SchemaTooNewError(before, expected);
  if (role !== 'worker') {
    const applied = await runMigrations(handle);
    if (applied > 0) logger.info({ applied, total: expected }, `applied ${applied} database migrations`);
    return;
  }
  await waitForMigrations(handle, expected, before, logger, options);
}

async function waitForMigrations(handle: DatabaseHandle, expected: number, first: number, logger: Logger, options: SchemaWaitOptions): Promise<void> {
  const pollMs = options.pollMs ?? 1000;
  const logEveryMs = options.logEveryMs ?? 30_000;
  let applied = first;
  let loggedAt = Number.NEGATIVE_INFINITY;
  while (applied < expected) {
    if (Date.now() - loggedAt >= logEveryMs) {
      logger.warn(
        { applied, expected },
        `waiting for the database schema: ${applied} of this version's ${expected} migrations are applied. ` +
          'A worker never migrates: start the web process (ROLE=web or all) of this same version, which applies them.',
      );
      loggedAt = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    options.signal?.throwIfAborted();
    applied = await appliedMigrationCount(handle).catch(() => applied);
    if (applied > expected) throw new SchemaTooNewError(applied, expected);
  }
  if (first < expected) logger.info({ applied, expected }, 'the database schema is ready');
}
