// Where each of the Arr's root folders lives on this machine. A root folder is usable when a path
// mapping covers it, or when the same path exists here (shared mount points). Otherwise its
// `localPath` is null: the UI flags it and the pipeline cannot place trailers under it.
import type { ArrRootFolder } from '../arr/system-api.ts';
import type { PathMapping, RootFolderInfo } from '../db/schema/connections.ts';
import { coveringMapping, mapArrPath } from '../domain/path-mapping.ts';
import { isDirectory } from '../sync/local-dirs.ts';

export async function localRootFolders(folders: readonly ArrRootFolder[], mappings: readonly PathMapping[]): Promise<RootFolderInfo[]> {
  return Promise.all(
    folders.map(async (folder) => ({
      path: folder.path,
      localPath: await localPathOf(folder.path, mappings),
      accessible: folder.accessible,
      ...(folder.freeSpace !== undefined ? { freeSpace: folder.freeSpace } : {}),
    })),
  );
}

/** Re-maps stored root folders after the path mappings changed (no Arr call needed). */
export function remapRootFolders(stored: readonly RootFolderInfo[], mappings: readonly PathMapping[]): Promise<RootFolderInfo[]> {
  return localRootFolders(
    stored.map((folder, index) => ({
      id: index + 1,
      path: folder.path,
      accessible: folder.accessible,
      ...(folder.freeSpace !== undefined ? { freeSpace: folder.freeSpace } : {}),
    })),
    mappings,
  );
}

async function localPathOf(arrPath: string, mappings: readonly PathMapping[]): Promise<string | null> {
  const mapped = mapArrPath(arrPath, mappings);
  if (!mapped.ok) return null;
  // The user said where it is: trust the mapping even if the mount is down right now.
  if (coveringMapping(arrPath, mappings)) return mapped.localPath;
  return (await isDirectory(mapped.localPath)) ? mapped.localPath : null;
}
