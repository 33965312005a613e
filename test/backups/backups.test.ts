// Backups of the embedded database: one at start into DATA_DIR/backups, pruned to the newest N,
// and `npm run restore -- <file>` (a child process, as a user runs it) brings the database back
// to that moment. With PostgreSQL no backup is taken (pg_dump does it) and restore refuses.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupsDir } from '../../src/backups/embedded-backup.ts';
import { connections } from '../../src/db/schema/index.ts';
import { backupFileName, backupsToDelete } from '../../src/domain/backup-retention.ts';
import { testBackend, type TestDatabase } from '../support/test-db.ts';
import { startTestService, type TestService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';

const REPO = path.resolve(import.meta.dirname, '../..');

function runRestore(env: Record<string, string>, file: string): Promise<{ code: number | null; output: string }> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !['DATABASE_URL', 'DATA_DIR', 'TEST_DATABASE_URL'].includes(key)));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/backups/restore-main.ts', file], { cwd: REPO, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describe('backup retention', () => {
  it('names sort by time and only the oldest of ours beyond N go', () => {
    expect(backupFileName(new Date('2026-12-05T01:02:03.456Z'))).toBe('previewarr-20261205-010203.tar.gz');
    const names = ['notes.txt', ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((day) => backupFileName(new Date(Date.UTC(2026, 0, day))))];
    expect(backupsToDelete(names, 7)).toEqual(['previewarr-20260101-000000.tar.gz', 'previewarr-20260102-000000.tar.gz']);
    expect(backupsToDelete(names, 0)).toHaveLength(9);
  });
});

describe(`embedded database backups (${testBackend})`, () => {
  let svc: TestService | undefined;
  let database: TestDatabase | undefined;

  afterAll(async () => {
    await svc?.stopService();
    await database?.drop();
  });

  const backupFiles = async (dataDir: string) => (existsSync(backupsDir(dataDir)) ? (await readdir(backupsDir(dataDir))).filter((name) => name.endsWith('.tar.gz')) : []);

  it('backs up at start, keeps the newest N, and restores with one command', async () => {
    if (testBackend === 'postgres') {
      svc = await startTestService({ workers: () => [], env: { BACKUP_KEEP: '7' } });
      database = svc.database;
      expect(await backupFiles(database.dataDir)).toEqual([]);
      await svc.stopService();
      const refused = await runRestore(database.env, path.join(database.dataDir, 'any.tar.gz'));
      expect(refused.code).toBe(2);
      expect(refused.output).toContain('pg_dump');
      return;
    }
    // Nine old backups and a file of the user's own, to see the pruning.
    const seeded = await startTestService({ workers: () => [] });
    database = seeded.database;
    await seeded.stopService();
    const dir = backupsDir(database.dataDir);
    await mkdir(dir, { recursive: true });
    const old = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((day) => backupFileName(new Date(Date.UTC(2026, 0, day))));
    for (const name of old) await writeFile(path.join(dir, name), 'old');
    await writeFile(path.join(dir, 'my-notes.txt'), 'mine');

    svc = await startTestService({ workers: () => [], database, env: { BACKUP_KEEP: '3' } });
    await waitFor(async () => (await backupFiles(database!.dataDir)).some((name) => !old.includes(name)), { timeoutMs: 60_000, what: 'the start-up backup' });
    await waitFor(async () => (await backupFiles(database!.dataDir)).length === 3, { timeoutMs: 30_000, what: 'the pruning' });
    const kept = await backupFiles(database.dataDir);
    expect(kept.slice(0, 2)).toEqual(['previewarr-20260108-000000.tar.gz', 'previewarr-20260109-000000.tar.gz']);
    expect(existsSync(path.join(dir, 'my-notes.txt'))).toBe(true);
    const backup = path.join(dir, kept[2]!);

    // Changed after the backup: the restore must take it back out.
    await svc.deps.database.db.insert(connections).values({ name: 'Added after the backup', kind: 'radarr', baseUrl: 'http://127.0.0.1:9/', apiKey: 'k' });
    const whileRunning = await runRestore(database.env, backup);
    expect(whileRunning.code).toBe(1);
    expect(whileRunning.output).toContain('Another Previewarr process');
    await svc.stopService();

    const restored = await runRestore(database.env, backup);
    expect(restored.output).toContain('Restored the embedded database from');
    expect(restored.code).toBe(0);
    expect((await readdir(database.dataDir)).some((name) => name.startsWith('pglite.before-restore-'))).toBe(true);

    svc = await startTestService({ workers: () => [], database });
    expect(await svc.deps.database.db.select().from(connections)).toEqual([]);
    const ready = await fetch(`${svc.url}/readyz`);
    expect(ready.status).toBe(200);
  }, 240_000);

  it('a file that is not a backup changes nothing', async () => {
    if (testBackend === 'postgres' || database === undefined) return;
    await svc?.stopService();
    const junk = path.join(database.dataDir, 'junk.tar.gz');
    await writeFile(junk, 'not a tarball');
    const result = await runRestore(database.env, junk);
    expect(result.code).toBe(1);
    expect(result.output).toContain('could not be restored (nothing was changed)');
    svc = await startTestService({ workers: () => [], database });
    expect((await fetch(`${svc.url}/readyz`)).status).toBe(200);
  }, 240_000);
});
