// `npm run restore -- <backup file>` (in the container: `previewarr restore <file>`): brings a
// backup of the embedded database back. Stop Previewarr first; start it again afterwards.
import { ConfigError, loadEnv } from '../config/env.ts';
import { DataDirLockedError } from '../db/data-dir-lock.ts';
import { restoreEmbeddedBackup } from './restore-embedded.ts';

const file = process.argv[2];
try {
  const env = loadEnv();
  if (file === undefined || file.startsWith('-')) {
    console.error('Usage: npm run restore -- <backup file>   (the backups are in DATA_DIR/backups)');
    process.exit(2);
  }
  if (env.DATABASE_URL !== undefined) {
    console.error('DATABASE_URL is set: PostgreSQL is backed up and restored with its own tools (pg_dump / pg_restore), see the README.');
    process.exit(2);
  }
  const result = await restoreEmbeddedBackup(env.DATA_DIR, file);
  console.log(`Restored the embedded database from ${result.restoredFrom} (${result.migrations} migrations applied in it).`);
  if (result.previousKeptAt !== undefined) console.log(`The database it replaced is kept in ${result.previousKeptAt}; delete that folder once all is well.`);
  console.log('Start Previewarr again: it applies any newer migrations at start.');
} catch (err) {
  if (err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof Error) console.error(err.message);
  else console.error(String(err));
  process.exit(1);
}
