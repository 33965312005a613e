import { closeSync, existsSync, mkdirSync, openSync, readFileSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

// Two processes on one PGlite directory silently lose writes, so the embedded database is only
// opened under this lock. On the same host a dead owner is detected by its pid; a lock written by
// another host (a recreated container sharing the volume) counts as stale once its heartbeat —
// the file's mtime, touched every few seconds — is older than STALE_MS.
const LOCK_NAME = 'previewarr.lock';
const HEARTBEAT_MS = 5_000;
const STALE_MS = 20_000;

type LockOwner = { pid: number; host: string; startedAt: string };

export class DataDirLockedError extends Error {
  constructor(dataDir: string, owner: LockOwner) {
    super(
      `Another Previewarr process (pid ${owner.pid} on ${owner.host}, started ${owner.startedAt}) ` +
        `is using the data directory ${dataDir}. The embedded database allows one process only: ` +
        'stop the other one, or set DATABASE_URL to use PostgreSQL for several processes.',
    );
    this.name = 'DataDirLockedError';
  }
}

export type DataDirLock = {
  path: string;
  /** Why the data directory can no longer be trusted (the lock file is gone or another's), or undefined. */
  problem(): string | undefined;
  release(): void;
};

function readOwner(lockPath: string): LockOwner | null {
  try {
    const parsed = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') {
      return { pid: parsed.pid, host: parsed.host, startedAt: String(parsed.startedAt ?? '?') };
    }
  } catch {
    // Unreadable or half-written: treated as stale below, since a live owner rewrites nothing.
  }
  return null;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isStale(lockPath: string, owner: LockOwner | null): boolean {
  if (!owner) return true;
  if (owner.host === hostname()) return owner.pid === process.pid || !pidAlive(owner.pid);
  try {
    return Date.now() - statSync(lockPath).mtimeMs > STALE_MS;
  } catch {
    return true;
  }
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const lockPath = join(dir, LOCK_NAME);
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o644);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readOwner(lockPath);
      if (attempt === 1 || !isStale(lockPath, owner)) {
        throw new DataDirLockedError(dir, owner ?? { pid: -1, host: '?', startedAt: '?' });
      }
      unlinkSync(lockPath);
    }
  }

  const heartbeat = setInterval(() => {
    try {
      const now = new Date();
      utimesSync(lockPath, now, now);
    } catch {
      // The directory went away; nothing useful to do from a timer.
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  let released = false;
  return {
    path: lockPath,
    problem() {
      if (!existsSync(dir)) return `the data directory ${dir} is gone`;
      const owner = readOwner(lockPath);
      if (!owner) return `the lock file ${lockPath} is gone`;
      return owner.pid === me.pid && owner.host === me.host ? undefined : `the lock file ${lockPath} now belongs to process ${owner.pid} on ${owner.host}`;
    },
    release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      const owner = readOwner(lockPath);
      if (owner && owner.pid === me.pid && owner.host === me.host) unlinkSync(lockPath);
    },
  };
}
