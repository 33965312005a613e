// Where an item's folder lives on this machine: the Arr's `folder_path` mapped through its
// connection's path mappings, inside the allowed roots (the mappings' local prefixes and the
// connection's root folders), checked again with realpath so a symlink out of a root is refused.
// Shared by the webhook inbox and the trailer pipeline; nothing here creates a folder (the Arr
// does, on import).
import { eq } from 'drizzle-orm';
import { stat } from 'node:fs/promises';
import type { Db, Tx } from '../db/client.ts';
import { connections, type MediaRow } from '../db/schema/index.ts';
import { checkInsideRoots, mapArrPath, resolveInsideRoot, type ArrPathStyle } from '../domain/path-mapping.ts';
import { checkRealContainment } from '../files/containment.ts';

export type MediaFolderResult =
  | {
      ok: true;
      /** The mapped local folder, byte for byte as the Arr spelled it (no Unicode normalisation). */
      localFolder: string;
      /** Allowed roots of the item's connection: nothing is written outside them. */
      roots: string[];
      /** How the Arr writes paths (Windows Arrs use `\` in relative paths too). */
      style: ArrPathStyle;
      /** False when the folder is not there (yet): callers defer rather than create it. */
      exists: boolean;
    }
  | {
      ok: false;
      reason: string;
      /** The connection has no roots yet (no path mapping, root folders not read): can still change. */
      noRoots?: true;
      /** The connection was deleted (meanwhile, for a caller that read it before). */
      connectionGone?: true;
    };

/** The allowed local roots of a connection. */
export function connectionRoots(connection: Pick<typeof connections.$inferSelect, 'pathMappings' | 'rootFolders'>): string[] {
  const roots = [
    ...connection.pathMappings.map((mapping) => mapping.localPrefix),
    ...connection.rootFolders.flatMap((folder) => (folder.localPath ? [folder.localPath] : [])),
  ];
  return [...new Set(roots)];
}

export async function resolveMediaFolder(
  db: Db | Tx,
  row: Pick<MediaRow, 'connectionId' | 'folderPath'>,
): Promise<MediaFolderResult> {
  const [connection] = await db.select().from(connections).where(eq(connections.id, row.connectionId));
  if (connection === undefined) return { ok: false, reason: `connection ${row.connectionId} no longer exists`, connectionGone: true };
  const roots = connectionRoots(connection);
  if (roots.length === 0) {
    return {
      ok: false,
      reason: `connection "${connection.name}" has no media roots: add a path mapping or refresh its root folders`,
      noRoots: true,
    };
  }
  const mapped = mapArrPath(row.folderPath, connection.pathMappings);
  if (!mapped.ok) return { ok: false, reason: `folder ${mapped.reason}; check the path mappings of "${connection.name}"` };
  const inside = checkInsideRoots(mapped.localPath, roots);
  if (!inside.ok) return { ok: false, reason: `${row.folderPath} maps to ${inside.reason}` };
  const localFolder = mapped.localPath;
  const stats = await stat(localFolder).catch(() => undefined);
  if (stats !== undefined && !stats.isDirectory()) return { ok: false, reason: `${localFolder} is not a folder` };
  const real = await checkRealContainment(localFolder, roots);
  if (!real.ok) return { ok: false, reason: real.reason };
  return { ok: true, localFolder, roots, style: mapped.style, exists: stats !== undefined };
}

/** A movie file path relative to its folder, in POSIX form whatever the Arr's OS. */
export function posixRelativePath(relative: string | null, style: ArrPathStyle): string | undefined {
  if (relative === null || relative === '') return undefined;
  return style === 'posix' ? relative : relative.replaceAll('\\', '/');
}

/**
 * The folder of an item an Arr reported, plus the check that its movie file stays inside it: a
 * relative path like `../../x.mkv` would name a trailer outside the media folder.
 */
export async function locateItemFolder(
  db: Db | Tx,
  connectionId: number,
  item: { folderPath: string; movieFileRelativePath?: string | undefined },
): Promise<MediaFolderResult> {
  const folder = await resolveMediaFolder(db, { connectionId, folderPath: item.folderPath });
  if (!folder.ok || item.movieFileRelativePath === undefined) return folder;
  const file = resolveInsideRoot(folder.localFolder, item.movieFileRelativePath, folder.style);
  return file.ok ? folder : { ok: false, reason: `movie file: ${file.reason}` };
}
