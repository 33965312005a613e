import { posix } from 'node:path';

// Radarr/Sonarr report paths as THEY see them: a container path (/movies/X), a Windows drive
// path (C:\Movies\X) or a UNC share (\\nas\share\X). This module turns such a path into a path on
// this machine and proves it lies inside a configured media root. It is string logic only.
// Symlinks are NOT resolved here: a folder inside a root may still be a link pointing out of it.
// The filesystem edge must realpath() the folder and re-check containment before writing.
//
// Paths are opaque byte strings: nothing is Unicode-normalised (NFD stays NFD) and only the
// mapped prefix is compared case-insensitively (Windows), never the rest.

export interface PathMapping {
  /** Path prefix as the Arr reports it, e.g. `/movies`, `C:\Movies`, `\\nas\media`. */
  readonly remotePrefix: string;
  /** Where the same folder is mounted here: an absolute POSIX path. */
  readonly localPrefix: string;
}

export type ArrPathStyle = 'posix' | 'windows-drive' | 'windows-unc';

export type PathResult = { ok: true; localPath: string } | { ok: false; reason: string };
export type MappedPathResult =
  | { ok: true; localPath: string; style: ArrPathStyle }
  | { ok: false; reason: string };

interface ParsedPath {
  style: ArrPathStyle;
  /** Drive paths start with the drive (`C:`); UNC paths with server and share. */
  segments: string[];
}

type Parsed = { ok: true; path: ParsedPath } | { ok: false; problem: string };

// With the `u` flag a lone (unpaired) surrogate is its own code point of category Cs.
const LONE_SURROGATE = /\p{Cs}/u;
const DRIVE = /^[A-Za-z]:(?:[\\/]|$)/;

function textProblem(text: string): string | undefined {
  if (text.includes('\0')) return 'contains a NUL byte';
  if (LONE_SURROGATE.test(text)) return 'is not valid Unicode (unpaired surrogate)';
  return undefined;
}

function cleanSegments(raw: string[]): string[] | undefined {
  const kept = raw.filter((segment) => segment !== '' && segment !== '.');
  return kept.includes('..') ? undefined : kept;
}

/** Which convention an Arr path follows; `undefined` when it is not absolute at all. */
export function arrPathStyle(path: string): ArrPathStyle | undefined {
  const parsed = parseArrPath(path);
  return parsed.ok ? parsed.path.style : undefined;
}

function parseArrPath(input: string): Parsed {
  const problem = textProblem(input);
  if (problem) return { ok: false, problem };
  let path = input;
  // Win32 long-path forms: \\?\C:\x and \\?\UNC\server\share\x.
  if (path.startsWith('\\\\?\\')) {
    const rest = path.slice(4);
    path = /^UNC[\\/]/i.test(rest) ? `\\\\${rest.slice(4)}` : rest;
  }
  let style: ArrPathStyle;
  let raw: string[];
  if (path.startsWith('\\\\')) {
    style = 'windows-unc';
    raw = path.slice(2).split(/[\\/]/);
  } else if (DRIVE.test(path)) {
    style = 'windows-drive';
    raw = path.split(/[\\/]/);
  } else if (path.startsWith('/')) {
    style = 'posix';
    raw = path.split('/');
  } else {
    return { ok: false, problem: 'is not an absolute path' };
  }
  const segments = cleanSegments(raw);
  if (!segments) return { ok: false, problem: "contains a '..' segment" };
  if (style === 'windows-unc' && segments.length < 2) {
    return { ok: false, problem: 'is not a UNC share path (\\\\server\\share)' };
  }
  return { ok: true, path: { style, segments } };
}

function sameSegment(a: string, b: string, style: ArrPathStyle): boolean {
  // Windows compares names case-insensitively; POSIX byte for byte.
  return style === 'posix' ? a === b : a.toLowerCase() === b.toLowerCase();
}

function startsWithPrefix(path: ParsedPath, prefix: ParsedPath): boolean {
  if (path.style !== prefix.style || prefix.segments.length > path.segments.length) return false;
  return prefix.segments.every((segment, i) => sameSegment(segment, path.segments[i] ?? '', path.style));
}

/** The folder a user would most likely map, e.g. `C:\Movies` for `C:\Movies\X (2020)\x.mkv`. */
function suggestedPrefix(path: ParsedPath): string {
  const [first = '', second] = path.segments;
  if (path.style === 'windows-drive') return second === undefined ? `${first}\\` : `${first}\\${second}`;
  if (path.style === 'windows-unc') return `\\\\${first}\\${second ?? ''}`;
  return `/${first}`;
}

function checkLocalAbsolute(path: string, what: string): string | undefined {
  const problem = textProblem(path);
  if (problem) return `${what} ${JSON.stringify(path)} ${problem}`;
  if (!path.startsWith('/')) return `${what} ${JSON.stringify(path)} is not an absolute path`;
  if (path.split('/').includes('..')) return `${what} ${JSON.stringify(path)} contains a '..' segment`;
  return undefined;
}

/** Why a mapping cannot be used, or `undefined` when it is fine (for config validation). */
export function pathMappingProblem(mapping: PathMapping): string | undefined {
  const remote = parseArrPath(mapping.remotePrefix);
  if (!remote.ok) return `path mapping remote prefix ${JSON.stringify(mapping.remotePrefix)} ${remote.problem}`;
  return checkLocalAbsolute(mapping.localPrefix, 'path mapping local prefix');
}

type LongestMapping = { mapping: PathMapping; length: number } | { problem: string } | undefined;

/** The mapping with the longest remote prefix covering `path` (whole segments only). */
function longestMapping(path: ParsedPath, mappings: readonly PathMapping[]): LongestMapping {
  let best: { mapping: PathMapping; length: number } | undefined;
  for (const mapping of mappings) {
    const problem = pathMappingProblem(mapping);
    if (problem) return { problem };
    const prefix = parseArrPath(mapping.remotePrefix);
    if (!prefix.ok || !startsWithPrefix(path, prefix.path)) continue;
    if (!best || prefix.path.segments.length > best.length) {
      best = { mapping, length: prefix.path.segments.length };
    }
  }
  return best;
}

/**
 * The mapping `mapArrPath` would use for `arrPath`, or `undefined` when none covers it (or the
 * path or a mapping is invalid). Tells "mapped here" apart from "taken as-is".
 */
export function coveringMapping(arrPath: string, mappings: readonly PathMapping[]): PathMapping | undefined {
  const parsed = parseArrPath(arrPath);
  if (!parsed.ok) return undefined;
  const best = longestMapping(parsed.path, mappings);
  return best && 'mapping' in best ? best.mapping : undefined;
}

/**
 * Maps an Arr path onto this machine. The mapping with the longest matching prefix wins, and a
 * prefix matches only whole segments (`/movies` never matches `/movies2`). A POSIX path with no
 * mapping is taken as-is (the Arr and this service share mount points); a Windows path needs one.
 */
export function mapArrPath(arrPath: string, mappings: readonly PathMapping[]): MappedPathResult {
  const parsed = parseArrPath(arrPath);
  if (!parsed.ok) return { ok: false, reason: `${JSON.stringify(arrPath)} ${parsed.problem}` };
  const path = parsed.path;

  const best = longestMapping(path, mappings);
  if (best && 'problem' in best) return { ok: false, reason: best.problem };
  if (best) {
    const rest = path.segments.slice(best.length);
    return { ok: true, localPath: posix.join(best.mapping.localPrefix, ...rest), style: path.style };
  }
  if (path.style === 'posix') {
    return { ok: true, localPath: `/${path.segments.join('/')}`, style: 'posix' };
  }
  return {
    ok: false,
    reason: `${arrPath} has no path mapping; add one for ${suggestedPrefix(path)}`,
  };
}

function normalizeRoot(root: string): string {
  const normalized = posix.normalize(root);
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
}

/**
 * Proves `localPath` lies strictly inside one of `roots` (a root itself is not a media folder).
 * Rejects relative paths, `..` segments and NUL bytes instead of resolving them.
 */
export function checkInsideRoots(localPath: string, roots: readonly string[]): PathResult {
  const problem = checkLocalAbsolute(localPath, 'path');
  if (problem) return { ok: false, reason: problem };
  if (roots.length === 0) return { ok: false, reason: 'no media roots are configured' };
  for (const root of roots) {
    const rootProblem = checkLocalAbsolute(root, 'media root');
    if (rootProblem) return { ok: false, reason: rootProblem };
  }
  const normalized = normalizeRoot(localPath);
  for (const root of roots.map(normalizeRoot)) {
    const inside = root === '/' ? normalized !== '/' : normalized.startsWith(`${root}/`);
    if (inside) return { ok: true, localPath: normalized };
  }
  return {
    ok: false,
    reason: `${localPath} is not inside any configured media root (${roots.join(', ')})`,
  };
}

/** `mapArrPath` then `checkInsideRoots`, with a hint about mappings when containment fails. */
export function toLocalPath(
  arrPath: string,
  config: { mappings: readonly PathMapping[]; roots: readonly string[] },
): MappedPathResult {
  const mapped = mapArrPath(arrPath, config.mappings);
  if (!mapped.ok) return mapped;
  const inside = checkInsideRoots(mapped.localPath, config.roots);
  if (!inside.ok) {
    const parsed = parseArrPath(arrPath);
    const hint = parsed.ok ? `; check the path mapping for ${suggestedPrefix(parsed.path)}` : '';
    return { ok: false, reason: `${arrPath} maps to ${inside.reason}${hint}` };
  }
  return { ok: true, localPath: inside.localPath, style: mapped.style };
}

/**
 * Joins an Arr `relativePath` (e.g. `movieFile.relativePath`, `Season 01/x.mkv`) onto a local
 * folder. `style` is the style of the Arr's own paths: for Windows Arrs `\` separates folders.
 */
export function resolveInsideRoot(
  root: string,
  relativePath: string,
  style: ArrPathStyle = 'posix',
): PathResult {
  const rootProblem = checkLocalAbsolute(root, 'folder');
  if (rootProblem) return { ok: false, reason: rootProblem };
  const shown = JSON.stringify(relativePath);
  const problem = textProblem(relativePath);
  if (problem) return { ok: false, reason: `relative path ${shown} ${problem}` };
  if (relativePath.startsWith('/') || relativePath.startsWith('\\') || /^[A-Za-z]:/.test(relativePath)) {
    return { ok: false, reason: `relative path ${shown} is absolute` };
  }
  // `..` is refused in either separator style: the same data may reach a Windows share.
  if (relativePath.split(/[\\/]/).includes('..')) {
    return { ok: false, reason: `relative path ${shown} contains a '..' segment` };
  }
  const raw = style === 'posix' ? relativePath.split('/') : relativePath.split(/[\\/]/);
  const segments = raw.filter((segment) => segment !== '' && segment !== '.');
  if (segments.length === 0) return { ok: false, reason: `relative path ${shown} is empty` };
  const base = normalizeRoot(root);
  const joined = posix.join(base, ...segments);
  if (!joined.startsWith(base === '/' ? '/' : `${base}/`)) {
    return { ok: false, reason: `relative path ${shown} leaves ${root}` };
  }
  return { ok: true, localPath: joined };
}
