// Backups of the embedded database: PGlite's own dump of its data folder (a consistent
// .tar.gz taken by the process that has the database open), written beside the data in
// DATA_DIR/backups and pruned to the newest N. `npm run restore -- <file>` brings one back.
import { open, readdir, rename, rm } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { backupFileName, backupsToDelete } from '../domain/backup-retention.ts';

export function backupsDir(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'backups');
}

export type BackupResult = { file: string; bytes: number; deleted: string[] };

export async function backupEmbeddedDatabase(pglite: PGlite, dataDir: string, keep: number, now: Date = new Date()): Promise<BackupResult> {
  const dir = backupsDir(dataDir);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, backupFileName(now));
  const partial = `${file}.partial`;
  const dump = Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer());
  // Written under another name and synced first: a crash never leaves a truncated backup that
  // looks complete.
  const handle = await open(partial, 'w', 0o600);
  try {
    await handle.writeFile(dump);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(partial, file);
  const deleted = backupsToDelete(await readdir(dir), keep);
  await Promise.all(deleted.map((name) => rm(path.join(dir, name), { force: true })));
  return { file, bytes: dump.length, deleted };
}
