// Puts a backup of the embedded database back: with the service stopped (the data-dir lock
// proves it), the current database folder is moved aside (never deleted) and the backup is
// unpacked in its place by PGlite, then opened once to check that it is a working database.
import { PGlite } from '@electric-sql/pglite';
import { existsSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { acquireDataDirLock } from '../db/data-dir-lock.ts';

export type RestoreResult = { restoredFrom: string; previousKeptAt: string | undefined; migrations: number };

export async function restoreEmbeddedBackup(dataDir: string, backupFile: string, now: Date = new Date()): Promise<RestoreResult> {
  const file = path.resolve(backupFile);
  if (!existsSync(file)) throw new Error(`no backup file at ${file}`);
  const lock = acquireDataDirLock(dataDir);
  try {
    const pgdata = path.join(path.resolve(dataDir), 'pglite');
    const aside = existsSync(pgdata) ? `${pgdata}.before-restore-${now.toISOString().replace(/[-:]/g, '').slice(0, 15)}` : undefined;
    if (aside !== undefined) await rename(pgdata, aside);
    try {
      const pglite = new PGlite(pgdata, { loadDataDir: new Blob([await readFile(file)]) });
      try {
        await pglite.waitReady;
        const applied = await pglite.query<{ count: number }>('select count(*)::int as count from drizzle.__drizzle_migrations');
        return { restoredFrom: file, previousKeptAt: aside, migrations: applied.rows[0]?.count ?? 0 };
      } finally {
        await pglite.close();
      }
    } catch (err) {
      // Not a usable backup: put the database that was there back.
      await rm(pgdata, { recursive: true, force: true });
      if (aside !== undefined) await rename(aside, pgdata);
      throw new Error(`${file} could not be restored (nothing was changed): ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  } finally {
    lock.release();
  }
}
