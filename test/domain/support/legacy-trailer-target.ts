// The trailer naming exactly as it was before issue #19 (git 966c349, src/domain/trailer-name.ts),
// frozen here as the oracle for the equality tests: the trailer kind of slotTarget must keep every
// name it produced, so existing installs keep their file names. Do not edit to match new code.

import { posix } from 'node:path';
import { truncateUtf8, utf8ByteLength } from '../../../src/domain/utf8-bytes.ts';

// Where a trailer goes, following what the media servers read:
// - Plex, Jellyfin, Emby and Kodi all read `<movie file name>-trailer.<ext>` beside the movie
//   file. Kodi needs the movie file's exact base name, so that is the default.
// - Plex, Jellyfin and Emby also read any video inside a `Trailers` sub-folder (Kodi does not).
//   There the file name is what Plex shows as the extra's title, so we use `Title (Year)` when we
//   know it and keep the `-trailer` suffix so the file still reads as a trailer if moved out.
// - For a series, Kodi/tinyMediaManager use `tvshow-trailer.<ext>` in the series folder; Plex,
//   Jellyfin and Emby read it too through the `-trailer` suffix (and `Trailers/` in the series
//   folder). Season-level trailers are out of scope.
// Every component we build is at most 255 BYTES (the ext4/xfs/btrfs/SMB limit) and carries no
// separator or NUL. The Arr's own path bytes are never Unicode-normalised: NFD stays NFD.

export type MediaKind = 'movie' | 'series';
export type TrailerLayout = 'beside' | 'trailers-folder';
export type TrailerContainer = 'mkv' | 'mp4' | 'webm';

export const TRAILERS_FOLDER = 'Trailers';
export const SERIES_TRAILER_STEM = 'tvshow';
export const PARTIAL_SUFFIX = '.previewarr-partial';
const TRAILER_SUFFIX = '-trailer';
const MAX_COMPONENT_BYTES = 255;
const MAX_PATH_BYTES = 4095; // PATH_MAX (4096) minus the terminating NUL

/** ffmpeg muxer per container: the partial file's extension does not tell ffmpeg the format. */
export const CONTAINER_MUXER: Readonly<Record<TrailerContainer, string>> = {
  mkv: 'matroska',
  mp4: 'mp4',
  webm: 'webm',
};

export interface TrailerTargetInput {
  kind: MediaKind;
  /** Local absolute POSIX path of the movie/series folder, already mapped from the Arr path. */
  mediaFolder: string;
  /** Radarr `movieFile.relativePath` in POSIX form; absent when the movie has no file yet. */
  movieFileRelativePath?: string | undefined;
  layout?: TrailerLayout | undefined;
  container: TrailerContainer;
  title?: string | undefined;
  year?: number | undefined;
}

export interface TrailerTarget {
  /** Folder the trailer lives in (may not exist yet, e.g. `Trailers/`). */
  folder: string;
  fileName: string;
  path: string;
  /** Hidden name written while downloading/converting, renamed to `fileName` when done. */
  partialFileName: string;
  partialPath: string;
}

export type TrailerTargetResult = { ok: true; target: TrailerTarget } | { ok: false; reason: string };

const UNSAFE_IN_NAME = /[/\\\0]/g;

/** Strips separators and NUL from a name taken from a real file or folder; nothing else changes. */
function safeStem(name: string): string {
  return name.replace(UNSAFE_IN_NAME, '_');
}

/**
 * A metadata title made safe as a file name, also on Windows/SMB shares: `Mission: Impossible`
 * becomes `Mission - Impossible`, reserved characters and control characters go, and trailing
 * dots/spaces (invisible and stripped by Windows) are trimmed.
 */
function titleStem(title: string, year: number | undefined): string {
  const cleaned = title
    .replace(/: /g, ' - ')
    .replace(/[:/\\]/g, '-')
    .replace(/[*?"<>|\u0000-\u001f\u007f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '');
  if (cleaned === '') return '';
  return year !== undefined && Number.isInteger(year) && year > 0 ? `${cleaned} (${year})` : cleaned;
}

/** `Movie (2019).mkv` → `Movie (2019)`; a leading dot alone is not an extension. */
function withoutExtension(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}

/** `<stem>-trailer.<ext>`, cutting the stem (never the suffix) to fit 255 bytes. */
export function trailerFileName(stem: string, container: TrailerContainer): string {
  const suffix = `${TRAILER_SUFFIX}.${container}`;
  return truncateUtf8(safeStem(stem), MAX_COMPONENT_BYTES - utf8ByteLength(suffix)) + suffix;
}

/** The hidden name used while writing `fileName`, e.g. `.Movie-trailer.mkv.previewarr-partial`. */
export function partialNameFor(fileName: string): string {
  const budget = MAX_COMPONENT_BYTES - utf8ByteLength(PARTIAL_SUFFIX) - 1;
  return `.${truncateUtf8(safeStem(fileName), budget)}${PARTIAL_SUFFIX}`;
}

/** True for names made by `partialNameFor`, so a start-up sweep can remove leftovers. */
export function isPartialName(name: string): boolean {
  return (
    name.startsWith('.') &&
    name.endsWith(PARTIAL_SUFFIX) &&
    name.length > PARTIAL_SUFFIX.length + 1 &&
    !name.includes('/')
  );
}

function folderProblem(folder: string): string | undefined {
  if (folder.includes('\0')) return 'contains a NUL byte';
  if (!folder.startsWith('/')) return 'is not an absolute path';
  if (folder.split('/').includes('..')) return "contains a '..' segment";
  return undefined;
}

type Placement = { ok: true; folder: string; stem: string } | { ok: false; reason: string };

function moviePlacement(input: TrailerTargetInput, mediaFolder: string): Placement {
  const relative = input.movieFileRelativePath;
  if (relative === undefined || relative === '') {
    const folderName = posix.basename(mediaFolder);
    const stem = folderName || titleStem(input.title ?? '', input.year);
    if (!stem) return { ok: false, reason: `cannot name a trailer for ${mediaFolder}: no file, folder name or title` };
    return { ok: true, folder: mediaFolder, stem };
  }
  const shown = JSON.stringify(relative);
  if (relative.includes('\0')) return { ok: false, reason: `movie file path ${shown} contains a NUL byte` };
  if (relative.startsWith('/')) return { ok: false, reason: `movie file path ${shown} is absolute` };
  const segments = relative.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return { ok: false, reason: `movie file path ${shown} contains a '..' segment` };
  const fileName = segments.pop();
  if (fileName === undefined) return { ok: false, reason: `movie file path ${shown} has no file name` };
  return { ok: true, folder: posix.join(mediaFolder, ...segments), stem: withoutExtension(fileName) };
}

/** Where the trailer for one movie or series goes, and the partial name used while writing it. */
export function trailerTarget(input: TrailerTargetInput): TrailerTargetResult {
  const problem = folderProblem(input.mediaFolder);
  if (problem) return { ok: false, reason: `media folder ${JSON.stringify(input.mediaFolder)} ${problem}` };
  const mediaFolder = posix.normalize(input.mediaFolder).replace(/(.)\/$/, '$1');
  const layout = input.layout ?? 'beside';

  let placement: Placement;
  if (input.kind === 'series') {
    const stem = layout === 'beside' ? SERIES_TRAILER_STEM : posix.basename(mediaFolder);
    placement = { ok: true, folder: mediaFolder, stem: stem || titleStem(input.title ?? '', input.year) || SERIES_TRAILER_STEM };
  } else {
    placement = moviePlacement(input, mediaFolder);
  }
  if (!placement.ok) return placement;

  let { folder, stem } = placement;
  if (layout === 'trailers-folder') {
    folder = posix.join(folder, TRAILERS_FOLDER);
    stem = titleStem(input.title ?? '', input.year) || stem;
  }
  const fileName = trailerFileName(stem, input.container);
  const partialFileName = partialNameFor(fileName);
  const path = posix.join(folder, fileName);
  if (utf8ByteLength(path) > MAX_PATH_BYTES) {
    return { ok: false, reason: `trailer path would be ${utf8ByteLength(path)} bytes, over the ${MAX_PATH_BYTES}-byte limit` };
  }
  return {
    ok: true,
    target: { folder, fileName, path, partialFileName, partialPath: posix.join(folder, partialFileName) },
  };
}

// Containers media servers play as video. Kodi's list is longer, but these cover what anyone
// saves a trailer as; subtitles, images and `.nfo` files must never count.
const VIDEO_EXTENSIONS = new Set([
  '3gp', 'avi', 'divx', 'flv', 'm2ts', 'm4v', 'mk3d', 'mkv', 'mov', 'mp4', 'mpeg', 'mpg',
  'mts', 'ogm', 'ogv', 'rm', 'rmvb', 'ts', 'vob', 'webm', 'wmv', 'xvid',
]);

// Jellyfin reads `-trailer`, `.trailer`, `_trailer` and ` trailer`; Plex, Emby and Kodi `-trailer`.
const TRAILER_STEM = /(?:^|[-._ ])trailer$/i;

/**
 * Whether a file (path relative to the movie/series folder, `/`-separated) is an external trailer
 * a media server would already play: `*-trailer.<video>` (and Jellyfin's `.`/`_`/space variants),
 * `trailer.<video>`, or any video directly inside a `Trailers` folder. Case-insensitive; hidden
 * files (ours while partial, macOS `._` files) never count.
 */
export function looksLikeTrailerFile(relativePathWithinMediaFolder: string): boolean {
  const segments = relativePathWithinMediaFolder.split('/').filter((s) => s !== '' && s !== '.');
  const name = segments.at(-1);
  if (name === undefined || name.startsWith('.')) return false;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return false;
  if (!VIDEO_EXTENSIONS.has(name.slice(dot + 1).toLowerCase())) return false;
  const parent = segments.at(-2);
  if (parent !== undefined && parent.toLowerCase() === TRAILERS_FOLDER.toLowerCase()) return true;
  return TRAILER_STEM.test(name.slice(0, dot));
}
