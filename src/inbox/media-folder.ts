// Where an item's folder, reported in the Arr's own path space, lives on this machine, and
// whether it is there yet. The pipeline's resolveMediaFolder does the mapping and the (symlink-
// safe) root containment; the webhook adds that the movie file must stay inside the folder.
// Nothing here creates a folder: the Arr does, on import.
import type { Db } from '../db/client.ts';
import { resolveInsideRoot } from '../domain/path-mapping.ts';
import { resolveMediaFolder, type MediaFolderResult } from '../pipeline/media-folder.ts';

export async function locateItemFolder(
  db: Db,
  connectionId: number,
  item: { folderPath: string; movieFileRelativePath?: string | undefined },
): Promise<MediaFolderResult> {
  const folder = await resolveMediaFolder(db, { connectionId, folderPath: item.folderPath });
  if (!folder.ok || item.movieFileRelativePath === undefined) return folder;
  // A relative path like `../../x.mkv` would name a trailer outside the media folder.
  const file = resolveInsideRoot(folder.localFolder, item.movieFileRelativePath, folder.style);
  return file.ok ? folder : { ok: false, reason: `movie file: ${file.reason}` };
}
