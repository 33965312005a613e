import { posix } from 'node:path';
import { EXTRA_NAMING, SERIES_STEM, THEME_CONTAINER, THEME_MUSIC_FOLDER, THEME_STEM } from './extra-folders.ts';
import { EXTRA_KINDS, KIND_WITH_ARTICLE, type ExtraKind } from './extra-kinds.ts';
import {
  cleanNameText,
  fitName,
  folderProblem,
  MAX_COMPONENT_BYTES,
  MAX_PATH_BYTES,
  MAX_UNCUT_PARTIAL_NAME_BYTES,
  moviePlacement,
  normalisedMediaFolder,
  partialNameFor,
  titleStem,
} from './name-parts.ts';
import { isSeasonNumber, seasonFileStem, seasonFolderName, seasonFolderProblem, seasonTitle } from './season-folder.ts';
import { utf8ByteLength } from './utf8-bytes.ts';

// Where every file a profile fetches goes: one file per item (or season) and profile. The
// per-server facts behind the names are in extra-folders.ts; in short:
// - `suffix` style (the setting trailerLayout 'beside'): beside the movie file, named after it,
//   ending in the kind's suffix (`-trailer`, `-featurette`, `-behindthescenes`, `-scene`,
//   `-interview`). The trailer keeps Kodi's exact `<movie file base>-trailer.<ext>`; every other
//   file adds a label, e.g. `<base> (de)-trailer.mkv`, `<base> (Teaser)-trailer.mkv`, which Plex,
//   Jellyfin and Emby still read as a trailer (name ends in `-trailer`, starts with the movie's
//   name) and Kodi leaves alone, so only one file ever has Kodi's name.
// - `folder` style ('trailers-folder'): in the kind's folder (`Trailers/`, `Featurettes/`, …)
//   beside the movie file, named `Title (Year)` (Plex shows it as the extra's title) and still
//   ending in the suffix. Kodi reads no folders.
// - Series: the series folder, `tvshow-trailer.<ext>` in suffix style (Kodi/tinyMediaManager's
//   name). A season's files go in its season folder (`Season 01/season01-trailer.mkv`,
//   `Season 01/Trailers/Show (2020) Season 1-trailer.mkv`): Jellyfin and Plex (its "Plex TV
//   Series" agent; not every Plex app shows season extras) read extras at season level in both
//   forms; Emby reads none there (choose series-level profiles for Emby). For Emby, series-level
//   extras need the folder style: it only reads a series' extras folders.
// - Theme music: `theme.mp3` at the top of the movie or series folder, whatever the style (the
//   one name all of them read: Plex plays it for shows, Jellyfin and Emby for movies and series);
//   a second theme goes in `theme-music/`, which only Jellyfin and Emby read. Never in a season
//   folder.

export type NamingStyle = 'suffix' | 'folder';
export type SlotContainer = 'mkv' | 'mp4' | 'webm' | 'mp3';

/** ffmpeg muxer per container: the partial file's extension does not tell ffmpeg the format. */
export const SLOT_CONTAINER_MUXER: Readonly<Record<SlotContainer, string>> = {
  mkv: 'matroska',
  mp4: 'mp4',
  webm: 'webm',
  mp3: 'mp3',
};

export interface SlotTargetInput {
  kind: 'movie' | 'series';
  /** Local absolute POSIX path of the movie/series folder, already mapped from the Arr path. */
  mediaFolder: string;
  /** Radarr `movieFile.relativePath` in POSIX form; absent when the movie has no file yet. */
  movieFileRelativePath?: string | undefined;
  extraKind: ExtraKind;
  /** Series only: a season's file goes in its season folder (0 = specials). */
  season?: number | undefined;
  /** The real folder name on disk if found (e.g. "Season 1", "Specials"); else `seasonFolderName`'s. */
  seasonFolderName?: string | undefined;
  style: NamingStyle;
  container: SlotContainer;
  title?: string | undefined;
  year?: number | undefined;
  /** Distinguishes two profiles of the same kind in one item (e.g. a second-language trailer):
   *  a short safe label such as "de" or the profile name; absent for the first/only one. */
  variant?: string | undefined;
}

export interface SlotTarget {
  /** Folder the file lives in (may not exist yet, e.g. `Trailers/` or a new season folder). */
  folder: string;
  fileName: string;
  path: string;
  /** Hidden name written while downloading/converting, renamed to `fileName` when done. */
  partialFileName: string;
  partialPath: string;
}

export type SlotTargetResult = { ok: true; target: SlotTarget } | { ok: false; reason: string };

type Refusal = { ok: false; reason: string };
type Named = { ok: true; folder: string; fileName: string } | Refusal;

/** Longest variant label kept whole; a longer one is refused rather than cut (two cut labels could collide). */
export const MAX_VARIANT_BYTES = 64;

const VIDEO_CONTAINERS: readonly string[] = ['mkv', 'mp4', 'webm'];
const WHAT = KIND_WITH_ARTICLE;

function inputProblem(input: SlotTargetInput): string | undefined {
  if (input.kind !== 'movie' && input.kind !== 'series') return `unknown media kind ${JSON.stringify(input.kind)}`;
  if (!EXTRA_KINDS.includes(input.extraKind)) return `unknown extra kind ${JSON.stringify(input.extraKind)}`;
  if (input.style !== 'suffix' && input.style !== 'folder') return `unknown naming style ${JSON.stringify(input.style)}`;
  const isTheme = input.extraKind === 'theme-music';
  if (isTheme && input.container !== THEME_CONTAINER) {
    return `theme music is saved as ${THEME_CONTAINER}, not ${JSON.stringify(input.container)}`;
  }
  if (!isTheme && !VIDEO_CONTAINERS.includes(input.container)) {
    return `${WHAT[input.extraKind]} is a video (mkv, mp4 or webm), not ${JSON.stringify(input.container)}`;
  }
  if (typeof input.mediaFolder !== 'string') return 'media folder is not a path';
  for (const field of ['movieFileRelativePath', 'title', 'variant'] as const) {
    if (input[field] !== undefined && typeof input[field] !== 'string') return `${field} is not text`;
  }
  const folder = folderProblem(input.mediaFolder);
  if (folder) return `media folder ${JSON.stringify(input.mediaFolder)} ${folder}`;
  if (input.season === undefined) {
    return input.seasonFolderName === undefined ? undefined : 'a season folder name was given without a season';
  }
  if (input.kind !== 'series') return 'a movie has no seasons';
  if (!isSeasonNumber(input.season)) return `season ${String(input.season)} is not a whole number from 0 to 9999`;
  if (isTheme) return 'theme music belongs to the whole series: no server plays it from a season folder';
  if (input.seasonFolderName !== undefined) {
    const problem = typeof input.seasonFolderName === 'string' ? seasonFolderProblem(input.seasonFolderName) : 'is not text';
    if (problem) return `season folder ${JSON.stringify(input.seasonFolderName)} ${problem}`;
  }
  return undefined;
}

/** A value quoted in a reason, cut so a hostile one cannot flood a log line. */
function shown(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

// Bidirectional and C1 control characters could make a label display as something else.
const INVISIBLE_CONTROLS = /[\u0080-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The variant as it appears in a name, `(de)`: cleaned like a title, brackets dropped. */
function variantLabel(variant: string | undefined): { ok: true; label: string | undefined } | Refusal {
  if (variant === undefined) return { ok: true, label: undefined };
  const label = cleanNameText(variant.replace(INVISIBLE_CONTROLS, '').replace(/[()[\]{}]/g, ' '));
  if (label === '') return { ok: false, reason: `variant ${shown(variant)} has nothing usable in a file name` };
  if (utf8ByteLength(label) > MAX_VARIANT_BYTES) {
    return { ok: false, reason: `variant ${shown(label)} is over ${MAX_VARIANT_BYTES} bytes` };
  }
  return { ok: true, label };
}

function seriesTitleStem(input: SlotTargetInput, mediaFolder: string): string {
  return titleStem(input.title ?? '', input.year) || posix.basename(mediaFolder) || SERIES_STEM;
}

function themeFile(mediaFolder: string, variant: string | undefined): Named {
  if (variant === undefined) return { ok: true, folder: mediaFolder, fileName: `${THEME_STEM}.${THEME_CONTAINER}` };
  const fileName = fitName(THEME_STEM, ` (${variant}).${THEME_CONTAINER}`, MAX_UNCUT_PARTIAL_NAME_BYTES);
  return { ok: true, folder: posix.join(mediaFolder, THEME_MUSIC_FOLDER), fileName };
}

function videoFile(input: SlotTargetInput, mediaFolder: string, variant: string | undefined): Named {
  const naming = EXTRA_NAMING[input.extraKind as Exclude<ExtraKind, 'theme-music'>];
  const labels = [naming.label, variant].filter((l): l is string => l !== undefined);
  const ending = `${labels.length > 0 ? ` (${labels.join(', ')})` : ''}${naming.suffix}.${input.container}`;
  let folder: string;
  let stem: string;
  if (input.kind === 'movie') {
    const placement = moviePlacement(mediaFolder, input.movieFileRelativePath, input.title, input.year, WHAT[input.extraKind]);
    if (!placement.ok) return placement;
    folder = placement.folder;
    stem = input.style === 'folder' ? titleStem(input.title ?? '', input.year) || placement.stem : placement.stem;
  } else if (input.season === undefined) {
    folder = mediaFolder;
    stem = input.style === 'folder' ? seriesTitleStem(input, mediaFolder) : SERIES_STEM;
  } else {
    folder = posix.join(mediaFolder, input.seasonFolderName ?? seasonFolderName(input.season, []));
    stem = input.style === 'folder' ? `${seriesTitleStem(input, mediaFolder)} ${seasonTitle(input.season)}` : seasonFileStem(input.season);
  }
  if (input.style === 'folder') folder = posix.join(folder, naming.folder);
  // Only the one unlabelled name may use all 255 bytes (it is today's trailer name). Every other
  // name leaves room for its partial name to keep the label and suffix, so two files of one item
  // never share a partial file while both are being written.
  const limit = labels.length === 0 ? MAX_COMPONENT_BYTES : MAX_UNCUT_PARTIAL_NAME_BYTES;
  return { ok: true, folder, fileName: fitName(stem, ending, limit) };
}

/** Where one profile's file for a movie, series or season goes, and the partial name used while writing it. */
export function slotTarget(input: SlotTargetInput): SlotTargetResult {
  const problem = inputProblem(input);
  if (problem) return { ok: false, reason: problem };
  const variant = variantLabel(input.variant);
  if (!variant.ok) return variant;
  const mediaFolder = normalisedMediaFolder(input.mediaFolder);
  const named =
    input.extraKind === 'theme-music' ? themeFile(mediaFolder, variant.label) : videoFile(input, mediaFolder, variant.label);
  if (!named.ok) return named;

  const { folder, fileName } = named;
  const partialFileName = partialNameFor(fileName);
  const path = posix.join(folder, fileName);
  const partialPath = posix.join(folder, partialFileName);
  const longest = Math.max(utf8ByteLength(path), utf8ByteLength(partialPath));
  if (longest > MAX_PATH_BYTES) {
    return { ok: false, reason: `${WHAT[input.extraKind].replace(/^an? /, '')} path would be ${longest} bytes, over the ${MAX_PATH_BYTES}-byte limit` };
  }
  return { ok: true, target: { folder, fileName, path, partialFileName, partialPath } };
}
