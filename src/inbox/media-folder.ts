// Where an item's folder, reported in the Arr's own path space, lives on this machine, and
// whether it is there yet. The webhook worker only reads here: it never creates a media folder
// (the Arr does, on import) and never writes outside the roots the connection declares.
import { stat } from 'node:fs/promises';
import { resolveInsideRoot, toLocalPath, type MappedPathResult } from '../domain/path-mapping.ts';
import type { ConnectionRow } from './connection-choice.ts';

/**
 * The local folders the connection's media may live in: each path mapping's local prefix, plus
 * each root folder the Arr reported that is visible here (`localPath` is null when it is not).
 */
export function connectionRoots(connection: Pick<ConnectionRow, 'pathMappings' | 'rootFolders'>): string[] {
  const roots = [
    ...connection.pathMappings.map((mapping) => mapping.localPrefix),
    ...connection.rootFolders.flatMap((folder) => (folder.localPath ? [folder.localPath] : [])),
  ];
  return [...new Set(roots)];
}

/** Maps the Arr's folder path and proves it lies inside one of the connection's roots. */
export function localMediaFolder(
  connection: Pick<ConnectionRow, 'name' | 'pathMappings' | 'rootFolders'>,
  arrFolderPath: string,
): MappedPathResult {
  const roots = connectionRoots(connection);
  if (roots.length === 0) {
    return {
      ok: false,
      reason: `connection "${connection.name}" has no path mappings and no known root folders, so no folder is allowed; test the connection or add a path mapping`,
    };
  }
  return toLocalPath(arrFolderPath, { mappings: connection.pathMappings, roots });
}

/**
 * Maps the item's folder and, when it names one, checks the movie file stays inside it: a
 * relative path like `../../x` would otherwise name a trailer outside the media folder.
 */
export function localItemFolder(
  connection: Pick<ConnectionRow, 'name' | 'pathMappings' | 'rootFolders'>,
  item: { folderPath: string; movieFileRelativePath?: string | undefined },
): MappedPathResult {
  const folder = localMediaFolder(connection, item.folderPath);
  if (!folder.ok || item.movieFileRelativePath === undefined) return folder;
  const file = resolveInsideRoot(folder.localPath, item.movieFileRelativePath, folder.style);
  return file.ok ? folder : { ok: false, reason: `movie file: ${file.reason}` };
}

export type FolderState = { present: true } | { present: false; why: string };

/** Whether the folder exists as a directory right now (a symlink to one counts). */
export async function folderState(localPath: string): Promise<FolderState> {
  try {
    const info = await stat(localPath);
    return info.isDirectory() ? { present: true } : { present: false, why: `${localPath} is not a folder` };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { present: false, why: `${localPath} does not exist yet` };
    return { present: false, why: `${localPath} cannot be read (${code ?? String(err)})` };
  }
}
