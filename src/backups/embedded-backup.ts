// Backups of the embedded database, written beside the data in DATA_DIR/backups and pruned to
// the newest N; `npm run restore -- <file>` brings one back.
//
// PGlite keeps its database as a plain PostgreSQL data folder on disk. While no query runs (its
// own lock, held for the copy) the folder is a crash-consistent snapshot, as after a power cut:
// what is not yet in the data files is in the WAL, and PostgreSQL replays it when the copy is
// opened. The folder is copied under the lock (a fraction of a second) and then packed into a
// .tar.gz from the copy, streaming. PGlite's own dumpDataDir() builds the whole archive in
// memory, which left the idle service ~65 MB larger for good.
import type { PGlite } from '@electric-sql/pglite';
import { cp, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { create } from 'tar';
import { backupFileName, backupsToDelete } from '../domain/backup-retention.ts';

export function backupsDir(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'backups');
}

export function pgliteDir(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'pglite');
}

export type BackupResult = { file: string; deleted: string[] };

export async function backupEmbeddedDatabase(pglite: PGlite, dataDir: string, keep: number, now: Date = new Date()): Promise<BackupResult> {
  const dir = backupsDir(dataDir);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, backupFileName(now));
  const snapshot = path.join(dir, `.snapshot-${process.pid}`);
  const partial = `${file}.partial`;
  try {
    await rm(snapshot, { recursive: true, force: true });
    await pglite.runExclusive(() => cp(pgliteDir(dataDir), snapshot, { recursive: true }));
    await create({ gzip: true, file: partial, cwd: snapshot, portable: true }, await readdir(snapshot));
    // Synced under another name first: a crash never leaves a truncated backup that looks whole.
    const handle = await open(partial, 'r');
    await handle.sync().finally(() => handle.close());
    await rename(partial, file);
  } finally {
    await rm(snapshot, { recursive: true, force: true });
    await rm(partial, { force: true });
  }
  const deleted = backupsToDelete(await readdir(dir), keep);
  await Promise.all(deleted.map((name) => rm(path.join(dir, name), { force: true })));
  return { file, deleted };
}
