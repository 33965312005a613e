// `previewarr doctor` / `npm run doctor`: runs every check once, prints one line per check (and
// what to do about it), exits 1 when any check failed. Reads the same environment as the service.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadEnvOrExit, type Env } from '../config/env.ts';
import { openDatabase, type DatabaseHandle } from '../db/client.ts';
import { DataDirLockedError } from '../db/data-dir-lock.ts';
import { fail, warn, type CheckResult } from './check-result.ts';
import { formatReport } from './format-report.ts';
import { hasFailure, runDoctor } from './run-doctor.ts';

async function openForDoctor(env: Env): Promise<DatabaseHandle | CheckResult> {
  if (env.DATABASE_URL === undefined && !existsSync(path.join(path.resolve(env.DATA_DIR), 'pglite'))) {
    return fail('Database', `no embedded database in ${path.resolve(env.DATA_DIR)} yet`, 'Start Previewarr once (it creates it), or set DATA_DIR to the folder it uses.');
  }
  try {
    return await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, poolSize: 1 });
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      // The embedded database allows one process: the running service has it.
      return warn('Database', 'in use by the running Previewarr, so the database checks were skipped here', 'Open the dashboard: its Health panel runs every check, the database ones included.');
    }
    return fail('Database', `cannot be opened: ${err instanceof Error ? err.message : String(err)}`, 'Check DATABASE_URL / DATA_DIR.');
  }
}

const env = loadEnvOrExit();
const database = await openForDoctor(env);
try {
  const results = await runDoctor(env, database);
  process.stdout.write(formatReport(results));
  process.exitCode = hasFailure(results) ? 1 : 0;
} finally {
  if ('db' in database) await database.close();
}
