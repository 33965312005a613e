// Free space on the file system a trailer will be written to, checked before a download starts so
// a full disk fails one job with a clear message instead of leaving half-written files behind.
import { statfs } from 'node:fs/promises';
import path from 'node:path';

export class InsufficientDiskSpaceError extends Error {
  override readonly name = 'InsufficientDiskSpaceError';

  constructor(
    readonly dir: string,
    readonly neededBytes: number,
    readonly freeBytes: number,
  ) {
    super(`not enough free space in ${dir}: ${formatBytes(neededBytes)} needed, ${formatBytes(freeBytes)} free`);
  }
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/**
 * Bytes an unprivileged process may still write under `dir`. The folder may not exist yet (it is
 * created right before writing), so the nearest existing ancestor is asked instead.
 */
export async function freeBytes(dir: string): Promise<number> {
  let current = path.resolve(dir);
  for (;;) {
    try {
      const stats = await statfs(current);
      return stats.bavail * stats.bsize;
    } catch (error) {
      const parent = path.dirname(current);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === current) {
        throw new Error(`cannot read free space of ${dir}: ${(error as Error).message}`, { cause: error });
      }
      current = parent;
    }
  }
}

/** Throws InsufficientDiskSpaceError unless `neededBytes` fit under `dir`. */
export async function ensureFreeSpace(dir: string, neededBytes: number): Promise<void> {
  if (!Number.isFinite(neededBytes) || neededBytes < 0) {
    throw new RangeError(`needed bytes must be a non-negative number, got ${neededBytes}`);
  }
  const available = await freeBytes(dir);
  if (available < neededBytes) throw new InsufficientDiskSpaceError(dir, neededBytes, available);
}
