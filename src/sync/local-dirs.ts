// Read-only probes of local folders that never throw: a folder that cannot be read here (not
// mounted, no permission, gone) is simply "not visible", and callers conclude nothing from it.
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** The folder's entries, or undefined when it cannot be read. */
export async function listDir(path: string): Promise<Dirent[] | undefined> {
  try {
    return await readdir(path, { withFileTypes: true });
  } catch {
    return undefined;
  }
}
