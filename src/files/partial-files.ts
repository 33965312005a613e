// Leftovers of a run that was cut off: hidden partial files in media folders (recorded in
// download_attempts before they were written) and raw downloads under DATA_DIR/work.
import { lstat, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import { isPartialName } from '../domain/trailer-name.ts';

/**
 * Removes a partial file we recorded. Only a regular file with our partial-name pattern goes: a
 * recorded path that now names anything else is left alone.
 */
export async function removePartialFile(partialPath: string): Promise<boolean> {
  if (!path.isAbsolute(partialPath) || !isPartialName(path.basename(partialPath))) return false;
  const stats = await lstat(partialPath).catch(() => undefined);
  if (stats === undefined || !stats.isFile()) return false;
  await unlink(partialPath);
  return true;
}

/** Removes one attempt's work folder, which must lie directly under `workRoot`. */
export async function removeWorkDir(workRoot: string, workDir: string): Promise<void> {
  const root = path.resolve(workRoot);
  const dir = path.resolve(workDir);
  if (path.dirname(dir) !== root) return;
  await rm(dir, { recursive: true, force: true });
}
