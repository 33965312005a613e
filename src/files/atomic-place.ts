// The last step of writing a trailer: the converted file already sits under a hidden partial name
// in the target folder; it is made durable (fsync of file and folder) and then takes its real
// name in one rename, so a media server or a crash never sees half a trailer under that name.
import { constants } from 'node:fs';
import { link, lstat, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { applyOwnershipToHandle, type FileOwnership, type OwnershipWarning } from './ownership.ts';

export interface FileIdentity {
  sizeBytes: number;
  /** Whole milliseconds: what the `trailers` row stores and later compares. */
  mtimeMs: number;
}

/** Someone else's file is at the name we wanted; it is left exactly as it was. */
export class TargetOccupiedError extends Error {
  override readonly name = 'TargetOccupiedError';
  constructor(readonly target: string) {
    super(`${target} already exists and is not ours; it was left untouched`);
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    await handle.sync();
  } catch (error) {
    // Some network file systems cannot fsync a folder; the rename is still atomic there.
    if (!['EINVAL', 'ENOTSUP', 'EOPNOTSUPP', 'EISDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle.close();
  }
}

/**
 * Gives the partial file its owner and mode and flushes it to disk. Opened with O_NOFOLLOW so a
 * link planted under our partial name is refused rather than followed.
 */
export async function finishPartialFile(
  partialPath: string,
  ownership: FileOwnership,
): Promise<{ identity: FileIdentity; warning: OwnershipWarning | undefined }> {
  const handle = await open(partialPath, constants.O_RDWR | constants.O_NOFOLLOW);
  try {
    const warning = await applyOwnershipToHandle(handle, partialPath, ownership);
    await handle.sync();
    const stats = await handle.stat();
    return { identity: { sizeBytes: stats.size, mtimeMs: Math.trunc(stats.mtimeMs) }, warning };
  } finally {
    await handle.close();
  }
}

// link(2) is refused by some file systems (FAT, some SMB mounts); there we check, then rename.
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'EMLINK', 'ENOSYS', 'EACCES']);

/**
 * Moves `partialPath` to `finalPath` in the same folder. Without `replace`, an existing file at
 * `finalPath` is never overwritten: link(2) fails atomically when the name is taken. With
 * `replace` (the file there is ours, verified by the caller, or the user forced it) it is a
 * plain rename over it.
 */
export async function commitPartial(partialPath: string, finalPath: string, { replace }: { replace: boolean }): Promise<void> {
  if (path.dirname(partialPath) !== path.dirname(finalPath)) {
    throw new Error(`partial ${partialPath} and final ${finalPath} must be in the same folder`);
  }
  if (replace) {
    await rename(partialPath, finalPath);
  } else {
    try {
      await link(partialPath, finalPath);
      await unlink(partialPath);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (code === 'EEXIST') throw new TargetOccupiedError(finalPath);
      if (!NO_HARD_LINKS.has(code)) throw error;
      if (await lstat(finalPath).then(() => true, () => false)) throw new TargetOccupiedError(finalPath);
      await rename(partialPath, finalPath);
    }
  }
  await fsyncDir(path.dirname(finalPath));
}
