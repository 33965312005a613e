import { posix } from 'node:path';
import { truncateUtf8, utf8ByteLength } from './utf8-bytes.ts';

// The pieces every file name we build is made of, shared by trailer-name.ts and slot-name.ts.
// Every component is at most 255 BYTES (the ext4/xfs/btrfs/SMB limit) and carries no separator or
// NUL. The Arr's own path bytes are never Unicode-normalised: NFD stays NFD.

export const PARTIAL_SUFFIX = '.previewarr-partial';
export const MAX_COMPONENT_BYTES = 255;
export const MAX_PATH_BYTES = 4095; // PATH_MAX (4096) minus the terminating NUL
/** Longest final name whose partial name (`.` + name + PARTIAL_SUFFIX) is never cut. */
export const MAX_UNCUT_PARTIAL_NAME_BYTES = MAX_COMPONENT_BYTES - utf8ByteLength(PARTIAL_SUFFIX) - 1;

const UNSAFE_IN_NAME = /[/\\\0]/g;

/** Strips separators and NUL from a name taken from a real file or folder; nothing else changes. */
export function safeStem(name: string): string {
  return name.replace(UNSAFE_IN_NAME, '_');
}

/**
 * Text from metadata or settings made safe inside a file name, also on Windows/SMB shares:
 * `Mission: Impossible` becomes `Mission - Impossible`, reserved and control characters go, and
 * trailing dots/spaces (invisible and stripped by Windows) are trimmed. May return ''.
 */
export function cleanNameText(text: string): string {
  return text
    .replace(/: /g, ' - ')
    .replace(/[:/\\]/g, '-')
    .replace(/[*?"<>|\u0000-\u001f\u007f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '');
}

/** `Title (Year)` made safe as a file name, or '' when the title cleans to nothing. */
export function titleStem(title: string, year: number | undefined): string {
  const cleaned = cleanNameText(title);
  if (cleaned === '') return '';
  return year !== undefined && Number.isInteger(year) && year > 0 ? `${cleaned} (${year})` : cleaned;
}

/** `Movie (2019).mkv` → `Movie (2019)`; a leading dot alone is not an extension. */
export function withoutExtension(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}

/**
 * `<stem><ending>`, cutting the stem (never the ending) so the whole name fits `maxBytes`. The
 * ending carries what a media server reads (`-trailer.mkv`) and what tells two files apart.
 */
export function fitName(stem: string, ending: string, maxBytes: number = MAX_COMPONENT_BYTES): string {
  return truncateUtf8(safeStem(stem), maxBytes - utf8ByteLength(ending)) + ending;
}

/** The hidden name used while writing `fileName`, e.g. `.Movie-trailer.mkv.previewarr-partial`. */
export function partialNameFor(fileName: string): string {
  return `.${truncateUtf8(safeStem(fileName), MAX_UNCUT_PARTIAL_NAME_BYTES)}${PARTIAL_SUFFIX}`;
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

/** Why a media folder cannot be used, or undefined when it is a clean absolute path. */
export function folderProblem(folder: string): string | undefined {
  if (folder.includes('\0')) return 'contains a NUL byte';
  if (!folder.startsWith('/')) return 'is not an absolute path';
  if (folder.split('/').includes('..')) return "contains a '..' segment";
  return undefined;
}

/** A checked media folder without a trailing slash (`/` stays `/`). */
export function normalisedMediaFolder(folder: string): string {
  return posix.normalize(folder).replace(/(.)\/$/, '$1');
}

export type Placement = { ok: true; folder: string; stem: string } | { ok: false; reason: string };

/**
 * Where a movie's extras sit and the stem they are named after: beside the movie file and named
 * after it (Kodi needs its exact base name), or, before the movie has a file, in the movie folder
 * named after the folder (else the title). `what` names the file in the reason ("a trailer").
 */
export function moviePlacement(
  mediaFolder: string,
  relative: string | undefined,
  title: string | undefined,
  year: number | undefined,
  what: string,
): Placement {
  if (relative === undefined || relative === '') {
    const folderName = posix.basename(mediaFolder);
    const stem = folderName || titleStem(title ?? '', year);
    if (!stem) return { ok: false, reason: `cannot name ${what} for ${mediaFolder}: no file, folder name or title` };
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
