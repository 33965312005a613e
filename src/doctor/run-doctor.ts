// Every check, in the order they are printed: this machine's tools, storage, then what needs the
// database. Shared by `previewarr doctor` and the dashboard's Health panel.
import type { Env } from '../config/env.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { guarded, type CheckResult } from './check-result.ts';
import { databaseChecks } from './database-checks.ts';
import { checkDataFolder } from './storage-checks.ts';
import { toolChecks } from './tool-checks.ts';

/** `database` is a result line instead when it could not be opened (the doctor says why). */
export async function runDoctor(env: Env, database: DatabaseHandle | CheckResult): Promise<CheckResult[]> {
  const [tools, data] = await Promise.all([toolChecks(env), guarded('Data folder', 'Check DATA_DIR.', () => checkDataFolder(env))]);
  const db = 'db' in database ? await databaseChecks(database, env) : [database];
  return [...tools, ...data, ...db];
}

export const hasFailure = (results: readonly CheckResult[]): boolean => results.some((result) => result.status === 'fail');
