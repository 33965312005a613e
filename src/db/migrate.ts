import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rowsOf, type DatabaseHandle } from './client.ts';

export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

// Any fixed number works; it only has to be the same in every Previewarr process.
const MIGRATION_LOCK_KEY = 788_001;

/**
 * Applies pending SQL migrations and returns how many it applied. On Postgres, concurrent starters
 * wait on an advisory lock: the first applies them, the others then find nothing left to do.
 */
export async function runMigrations(handle: DatabaseHandle): Promise<number> {
  if (handle.kind === 'pglite') {
    const before = await appliedMigrationCount(handle);
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    return (await appliedMigrationCount(handle)) - before;
  }
  const lockConnection = await handle.sql.reserve();
  try {
    await lockConnection`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    const before = await appliedMigrationCount(handle);
    await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder });
    return (await appliedMigrationCount(handle)) - before;
  } finally {
    await lockConnection`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.catch(() => {});
    lockConnection.release();
  }
}

export function expectedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/** How many migrations the database has applied (0 when it has never been migrated). */
export async function appliedMigrationCount(handle: DatabaseHandle): Promise<number> {
  // Two statements: a query naming a missing table fails at planning even behind a CASE.
  const exists = await handle.db.execute(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!rowsOf<{ present: boolean }>(exists)[0]?.present) return 0;
  const result = await handle.db.execute(
    sql`select count(*)::int as applied from drizzle.__drizzle_migrations`,
  );
  return Number(rowsOf<{ applied: number }>(result)[0]?.applied ?? 0);
}
