// Puts a backup of the embedded database back: with the service stopped (the data-dir lock
// proves it), the current database folder is moved aside (never deleted), the backup is
// unpacked in its place, and it is opened once to check that it is a working database.
import { PGlite } from '@electric-sql/pglite';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { extract } from 'tar';
import { acquireDataDirLock } from '../db/data-dir-lock.ts';
import { pgliteDir } from './embedded-backup.ts';

export type RestoreResult = { restoredFrom: string; previousKeptAt: string | undefined; migrations: number };

async function unpackAndOpen(file: string, pgdata: string): Promise<number> {
  await mkdir(pgdata, { recursive: true, mode: 0o700 });
  // tar refuses absolute names and `..` by default: nothing lands outside the folder.
  await extract({ file, cwd: pgdata, strict: true });
  const pglite = new PGlite(pgdata);
  try {
    await pglite.waitReady;
    const applied = await pglite.query<{ count: number }>('select count(*)::int as count from drizzle.__drizzle_migrations');
    return applied.rows[0]?.count ?? 0;
  } finally {
    await pglite.close();
  }
}

export async function restoreEmbeddedBackup(dataDir: string, backupFile: string, now: Date = new Date()): Promise<RestoreResult> {
  const file = path.resolve(backupFile);
  if (!existsSync(file)) throw new Error(`no backup file at ${file}`);
  const lock = acquireDataDirLock(dataDir);
  try {
    const pgdata = pgliteDir(dataDir);
    const aside = existsSync(pgdata) ? `${pgdata}.before-restore-${now.toISOString().replace(/[-:]/g, '').slice(0, 15)}` : undefined;
    if (aside !== undefined) await rename(pgdata, aside);
    try {
      return { restoredFrom: file, previousKeptAt: aside, migrations: await unpackAndOpen(file, pgdata) };
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
