// "Ours" means: the path, size and mtime still match the `trailers` row we wrote. A file the user
// replaced, edited or re-created under the same name no longer matches and is never touched.
import { copyFile, lstat, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { FileIdentity } from './atomic-place.ts';
import { fsyncDir } from './atomic-place.ts';
import { checkRealContainment } from './containment.ts';

export interface OwnedFileRecord extends FileIdentity {
  path: string;
}

export type OwnedFileState = 'match' | 'missing' | 'changed' | 'not-a-file';

/** Size and mtime of a regular file (a symlink is not followed and does not count). */
export async function fileIdentity(file: string): Promise<FileIdentity | undefined> {
  const stats = await lstat(file).catch(() => undefined);
  if (stats === undefined || !stats.isFile()) return undefined;
  return { sizeBytes: stats.size, mtimeMs: Math.trunc(stats.mtimeMs) };
}

export async function checkOwnedFile(record: OwnedFileRecord): Promise<OwnedFileState> {
  const stats = await lstat(record.path).catch(() => undefined);
  if (stats === undefined) return 'missing';
  if (!stats.isFile()) return 'not-a-file';
  return stats.size === record.sizeBytes && Math.trunc(stats.mtimeMs) === record.mtimeMs ? 'match' : 'changed';
}

export type RemoveResult = { removed: true } | { removed: false; why: 'missing' | 'changed' | 'not-a-file' | 'outside-roots'; reason: string };

/** Unlinks the file only when it is still exactly ours and really inside a root. Never a folder. */
export async function removeOwnedFile(record: OwnedFileRecord, roots: readonly string[]): Promise<RemoveResult> {
  const state = await checkOwnedFile(record);
  if (state !== 'match') return { removed: false, why: state, reason: `${record.path} is ${describe(state)}` };
  const inside = await checkRealContainment(record.path, roots);
  if (!inside.ok) return { removed: false, why: 'outside-roots', reason: inside.reason };
  await unlink(record.path);
  await fsyncDir(path.dirname(record.path)).catch(() => undefined);
  return { removed: true };
}

function describe(state: Exclude<OwnedFileState, 'match'>): string {
  switch (state) {
    case 'missing':
      return 'already gone';
    case 'changed':
      return 'no longer the file we wrote (size or time changed); left untouched';
    case 'not-a-file':
      return 'not a regular file; left untouched';
  }
}

/**
 * Moves an owned file to `to` (never over an existing file). Across file systems it copies,
 * flushes and removes the original. Returns the identity at the new place.
 */
export async function moveOwnedFile(record: OwnedFileRecord, to: string): Promise<FileIdentity> {
  if (await lstat(to).then(() => true, () => false)) throw new Error(`${to} already exists`);
  try {
    await rename(record.path, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyFile(record.path, to, 1 /* COPYFILE_EXCL */);
    await unlink(record.path);
  }
  await fsyncDir(path.dirname(to));
  if (path.dirname(to) !== path.dirname(record.path)) await fsyncDir(path.dirname(record.path)).catch(() => undefined);
  const identity = await fileIdentity(to);
  if (identity === undefined) throw new Error(`${to} vanished right after the move`);
  return identity;
}
