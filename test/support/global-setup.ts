/**
 * Runs once per test run. A new PGlite directory costs ~5 s of initdb on these machines, so on
 * the embedded backend one migrated template is built here and each test file copies it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/client.ts';
import { runMigrations } from '../../src/db/migrate.ts';
import { createBoss, startBoss } from '../../src/jobs/boss.ts';
import { createLogger } from '../../src/logger.ts';

export default async function setup(): Promise<() => void> {
  if (process.env.TEST_DATABASE_URL) return () => {};
  const dir = mkdtempSync(join(tmpdir(), 'previewarr-template-'));
  const handle = await openDatabase({ dataDir: dir });
  await runMigrations(handle);
  const boss = createBoss(handle);
  await startBoss(boss, handle, createLogger('silent'));
  await boss.stop({ graceful: false, close: false });
  await handle.close();
  process.env.PREVIEWARR_PGLITE_TEMPLATE = join(dir, 'pglite');
  return () => rmSync(dir, { recursive: true, force: true });
}
