// The filesystem side of reconcile: which files are on disk for each item's slots. One readdir per
// media folder, plus only the places its slots can hold a file: the extras folders (`Trailers/`,
// `Featurettes/`, `theme-music/`, …) of the whole-item slots' kinds, the movie file's sub-folder,
// and the season folders of its season slots (with their kinds' extras folders); bounded
// concurrency, read-only. Which file fills which slot is the pure domain/extras-on-disk.ts. The
// same reading answers for one slot when its fetch starts (`findUserSlotFile`). Nothing here
// writes, renames or deletes.
import type { Dirent } from 'node:fs';
import { stat } from 'node:fs/promises';
import { posix } from 'node:path';
import {
  existingSeasonFolder,
  externalExtrasBySlot,
  extraFolderNames,
  MAIN_DISK_SLOT,
  movieFileFolder,
  slotsSharingFiles,
  type DiskSlot,
} from '../domain/extras-on-disk.ts';
import { mapBounded } from './bounded-map.ts';
import { isDirectory, listDir } from './local-dirs.ts';

/** The main trailer's slot key in a scan (its state is the media row's). */
export const MAIN_SLOT_KEY = MAIN_DISK_SLOT.key;

export type ScanTarget = {
  mediaId: number;
  /** Movie unless said: a series' season slots are looked for in its season folders. */
  kind?: 'movie' | 'series';
  /** Local absolute path of the movie/series folder (already mapped). */
  folder: string;
  /** The movie file relative to `folder` (POSIX separators), never counted as an extra. */
  movieFileRelativePath?: string | null;
  /** Local paths of the files this service wrote and recorded as present (every slot's). */
  ownTrailerPaths: readonly string[];
  /** The item's slots besides the main trailer (keys other than MAIN_SLOT_KEY). */
  extraSlots?: readonly DiskSlot[];
};

export type ScanResult = {
  mediaId: number;
  /** False when the folder is not visible here: nothing may be concluded about its files. */
  folderVisible: boolean;
  /** The main trailer's file that is not ours, as a local absolute path. */
  externalPath: string | null;
  /** Own files whose files are gone. */
  ownMissing: string[];
  /** Each extra slot's file that is not ours (local absolute path), by slot key; absent: none found. */
  extraExternal?: ReadonlyMap<string, string>;
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

/** What was read of an item's folder for some of its slots; undefined: the folder cannot be read. */
type ItemListing = {
  /** Relative folder ('' = the item folder) → its file names. */
  listed: Map<string, string[]>;
  /** Files that are not ours, relative to the item folder, the movie file left out. */
  files: string[];
  subfolders: string[];
  movieFile: string | undefined;
};

type ItemPlaces = Pick<ScanTarget, 'kind' | 'folder' | 'movieFileRelativePath' | 'ownTrailerPaths'>;

/** Reads the item folder and the places where these slots can hold a file (extras-on-disk.ts's `slotBases`). */
async function readItem(target: ItemPlaces, slots: readonly DiskSlot[]): Promise<ItemListing | undefined> {
  const top = await listDir(target.folder);
  if (top === undefined) return undefined;
  const listed = new Map<string, string[]>();
  const readPlace = async (relative: string, entries: readonly Dirent[] | undefined, kinds: readonly DiskSlot[]): Promise<void> => {
    if (entries === undefined || listed.has(relative)) return;
    listed.set(relative, names(entries));
    const kindFolders = extraFolderNames(kinds.map((slot) => slot.kind));
    for (const entry of entries) {
      if (!isDirLike(entry) || !kindFolders.has(entry.name.toLowerCase())) continue;
      const sub = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (!listed.has(sub)) listed.set(sub, names((await listDir(posix.join(target.folder, sub))) ?? []));
    }
  };
  const wholeItem = slots.filter((slot) => slot.season === null);
  await readPlace('', top, wholeItem);
  const movieFile = normalizedRelative(target.movieFileRelativePath);
  const movieDir = movieFileFolder(movieFile);
  // Theme music is read at the top of the item folder only.
  const besideMovie = wholeItem.filter((slot) => slot.kind !== 'theme-music');
  if (movieDir !== undefined && besideMovie.length > 0) await readPlace(movieDir, await listDir(posix.join(target.folder, movieDir)), besideMovie);
  const subfolders = top.filter(isDirLike).map((entry) => entry.name);
  if (target.kind === 'series') {
    const seasonal = slots.filter((slot) => slot.season !== null && slot.kind !== 'theme-music');
    for (const season of new Set(seasonal.map((slot) => slot.season as number))) {
      const folder = existingSeasonFolder(season, subfolders);
      const kinds = seasonal.filter((slot) => slot.season === season);
      if (folder !== undefined) await readPlace(folder, await listDir(posix.join(target.folder, folder)), kinds);
    }
  }

  const own = new Set(target.ownTrailerPaths.map((path) => posix.normalize(path)));
  const files: string[] = [];
  for (const [dir, fileNames] of listed) {
    for (const name of fileNames) {
      const relative = dir === '' ? name : `${dir}/${name}`;
      if (relative !== movieFile && !own.has(posix.join(target.folder, relative))) files.push(relative);
    }
  }
  return { listed, files, subfolders, movieFile };
}

function slotFiles(target: ItemPlaces, item: ItemListing, slots: readonly DiskSlot[]): Map<string, string> {
  const found = externalExtrasBySlot({ kind: target.kind ?? 'movie', movieFileRelativePath: item.movieFile, subfolders: item.subfolders, files: item.files }, slots);
  return new Map([...found].map(([key, relative]) => [key, posix.join(target.folder, relative)]));
}

async function scanOne(target: ScanTarget): Promise<ScanResult> {
  const slots = [MAIN_DISK_SLOT, ...(target.extraSlots ?? [])];
  const item = await readItem(target, slots);
  if (item === undefined) return hidden(target.mediaId);
  const found = slotFiles(target, item, slots);
  const extraExternal = new Map([...found].filter(([key]) => key !== MAIN_SLOT_KEY));

  const ownMissing: string[] = [];
  for (const path of new Set(target.ownTrailerPaths.map((own) => posix.normalize(own)))) {
    if (!(await ownFileExists(path, target.folder, item.listed))) ownMissing.push(path);
  }
  return { mediaId: target.mediaId, folderVisible: true, externalPath: found.get(MAIN_SLOT_KEY) ?? null, ownMissing, extraExternal };
}

/**
 * The file of the user's that fills `slot`, as the sync would find it (local absolute path), or
 * null; undefined when the folder cannot be read here. `itemSlots` are all of the item's slots
 * (MAIN_DISK_SLOT and `extraDiskSlots`, in that order): only the ones that can claim the same
 * files are looked at, so only the item folder and the places of this slot are read.
 */
export async function findUserSlotFile(target: ItemPlaces, slot: DiskSlot, itemSlots: readonly DiskSlot[]): Promise<string | null | undefined> {
  const sharing = slotsSharingFiles(slot, itemSlots);
  const item = await readItem(target, sharing);
  if (item === undefined) return undefined;
  return slotFiles(target, item, sharing).get(slot.key) ?? null;
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
