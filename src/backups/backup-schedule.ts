// Backs the embedded database up at start and then daily. A failed backup is logged and the
// service carries on. With PostgreSQL there is nothing to do here: its own tools (pg_dump) back
// it up, as the README explains.
import type { Logger } from 'pino';
import type { Env } from '../config/env.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { backupEmbeddedDatabase, type BackupResult } from './embedded-backup.ts';

export const BACKUP_INTERVAL_MS = 24 * 3600_000;

export type Backups = { firstRun: Promise<BackupResult | undefined>; stop(): void };

export function startBackups(database: DatabaseHandle, env: Pick<Env, 'DATA_DIR' | 'BACKUP_KEEP'>, logger: Logger): Backups {
  if (database.kind !== 'pglite' || env.BACKUP_KEEP === 0) return { firstRun: Promise.resolve(undefined), stop: () => {} };
  const log = logger.child({ component: 'backup' });
  const run = (): Promise<BackupResult | undefined> =>
    backupEmbeddedDatabase(database.pglite, env.DATA_DIR, env.BACKUP_KEEP).then(
      (result) => {
        log.info({ file: result.file, deleted: result.deleted }, 'backed up the embedded database');
        return result;
      },
      (err: unknown) => {
        // Closed under us at shutdown, or a full disk: logged, never fatal.
        if (!database.pglite.closed) log.error({ err }, 'backup of the embedded database failed');
        return undefined;
      },
    );
  const firstRun = run();
  const timer = setInterval(() => void run(), BACKUP_INTERVAL_MS);
  timer.unref();
  return { firstRun, stop: () => clearInterval(timer) };
}
