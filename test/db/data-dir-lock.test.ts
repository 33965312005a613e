import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from '../../src/db/data-dir-lock.ts';
import { waitFor } from '../support/wait-for.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'previewarr-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function runService(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, DATABASE_URL: '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

describe('data-dir lock (embedded PGlite)', () => {
  it('refuses a second lock in the same process tree and releases cleanly', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    expect(existsSync(lock.path)).toBe(true);
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
    const again = acquireDataDirLock(dir);
    again.release();
  });

  it('takes over a lock left by a dead process', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'previewarr.lock'), JSON.stringify({ pid: 2 ** 22 + 17, host: hostname(), startedAt: 'x' }));
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(lock.path, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('refuses a lock held by a live process', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'previewarr.lock'), JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: 'x' }));
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
  });

  it('refuses a second service process on the same data dir with a clear error', { timeout: 240_000 }, async () => {
    const dir = tempDir();
    const first = runService({ DATA_DIR: dir });
    try {
      await waitFor(() => first.output().stdout.includes('Previewarr is running'), { timeoutMs: 150_000, what: 'first process to start' });
      const second = runService({ DATA_DIR: dir });
      expect(await second.exited).toBe(1);
      expect(second.output().stderr).toMatch(/Another Previewarr process \(pid \d+ on .+\) is using the data directory/);
      expect(second.output().stderr).toContain('set DATABASE_URL');
      // The first process is unaffected and stops cleanly on SIGTERM, releasing the lock.
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      expect(existsSync(join(dir, 'previewarr.lock'))).toBe(false);
    } finally {
      first.child.kill('SIGKILL');
    }
  });
});
