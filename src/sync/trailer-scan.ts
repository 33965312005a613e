// The filesystem side of reconcile: which trailer files are on disk for each item. One readdir
// per media folder (plus its `Trailers/` folder and the movie file's sub-folder when there are
// any), bounded concurrency, read-only. Nothing here writes, renames or deletes.
import type { Dirent } from 'node:fs';
import { stat } from 'node:fs/promises';
import { posix } from 'node:path';
import { TRAILERS_FOLDER, looksLikeTrailerFile } from '../domain/trailer-name.ts';
import { mapBounded } from './bounded-map.ts';
import { isDirectory, listDir } from './local-dirs.ts';

export type ScanTarget = {
  mediaId: number;
  /** Local absolute path of the movie/series folder (already mapped). */
  folder: string;
  /** The movie file relative to `folder` (POSIX separators), never counted as a trailer. */
  movieFileRelativePath?: string | null;
  /** Local paths of the trailers this service wrote and recorded as present. */
  ownTrailerPaths: readonly string[];
};

export type ScanResult = {
  mediaId: number;
  /** False when the folder is not visible here: nothing may be concluded about its files. */
  folderVisible: boolean;
  /** A trailer file that is not ours, as a local absolute path (first in name order). */
  externalPath: string | null;
  /** Own trailers whose files are gone. */
  ownMissing: string[];
};

export const DEFAULT_SCAN_CONCURRENCY = 16;

/** Scans every target's folder. Folders under a parent that is not visible here are skipped in one stat. */
export async function scanTrailerFolders(targets: readonly ScanTarget[], concurrency = DEFAULT_SCAN_CONCURRENCY): Promise<ScanResult[]> {
  // A whole library lives under a few root folders; when one is not mounted here, one stat per
  // root answers for thousands of items instead of one failing readdir each.
  const parents = [...new Set(targets.map((target) => posix.dirname(target.folder)))];
  const visible = new Set<string>();
  await mapBounded(parents, concurrency, async (parent) => {
    if (await isDirectory(parent)) visible.add(parent);
  });
  return mapBounded(targets, concurrency, async (target) =>
    visible.has(posix.dirname(target.folder)) ? scanOne(target) : hidden(target.mediaId),
  );
}

function hidden(mediaId: number): ScanResult {
  return { mediaId, folderVisible: false, externalPath: null, ownMissing: [] };
}

async function scanOne(target: ScanTarget): Promise<ScanResult> {
  const top = await listDir(target.folder);
  if (top === undefined) return hidden(target.mediaId);
  // relative path → entry; directories are only descended into for the two places that matter.
  const listed = new Map<string, string[]>([['', names(top)]]);
  const trailersDir = top.find((entry) => isDirLike(entry) && entry.name.toLowerCase() === TRAILERS_FOLDER.toLowerCase());
  if (trailersDir) listed.set(trailersDir.name, names((await listDir(posix.join(target.folder, trailersDir.name))) ?? []));
  const movieFile = normalizedRelative(target.movieFileRelativePath);
  const movieDir = movieFile ? posix.dirname(movieFile) : '.';
  if (movieDir !== '.' && !listed.has(movieDir)) {
    listed.set(movieDir, names((await listDir(posix.join(target.folder, movieDir))) ?? []));
  }

  const own = new Set(target.ownTrailerPaths.map((path) => posix.normalize(path)));
  const candidates: string[] = [];
  for (const [dir, files] of listed) {
    for (const name of files) {
      const relative = dir === '' ? name : `${dir}/${name}`;
      if (relative === movieFile || !looksLikeTrailerFile(relative)) continue;
      const absolute = posix.join(target.folder, relative);
      if (!own.has(absolute)) candidates.push(absolute);
    }
  }
  candidates.sort();

  const ownMissing: string[] = [];
  for (const path of own) {
    if (!(await ownFileExists(path, target.folder, listed))) ownMissing.push(path);
  }
  return { mediaId: target.mediaId, folderVisible: true, externalPath: candidates[0] ?? null, ownMissing };
}

/** Answered from a listing already read when the file's folder was scanned; otherwise one stat. */
async function ownFileExists(path: string, folder: string, listed: Map<string, string[]>): Promise<boolean> {
  const dir = posix.dirname(path);
  const relativeDir = dir === folder ? '' : dir.startsWith(`${folder}/`) ? dir.slice(folder.length + 1) : undefined;
  const files = relativeDir === undefined ? undefined : listed.get(relativeDir);
  if (files !== undefined) return files.includes(posix.basename(path));
  try {
    await stat(path);
    return true;
  } catch (error) {
    // Only "no such file" proves it is gone; a permission error or a dead mount proves nothing.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

function isDirLike(entry: Dirent): boolean {
  return entry.isDirectory() || entry.isSymbolicLink();
}

/** File names (regular files and links to them); sub-folders are not trailers. */
function names(entries: readonly Dirent[]): string[] {
  return entries.filter((entry) => entry.isFile() || entry.isSymbolicLink()).map((entry) => entry.name);
}

function normalizedRelative(relative: string | null | undefined): string | undefined {
  if (!relative) return undefined;
  const segments = relative.split('/').filter((segment) => segment !== '' && segment !== '.');
  return segments.length === 0 || segments.includes('..') ? undefined : segments.join('/');
}
