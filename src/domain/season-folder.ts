import { MAX_COMPONENT_BYTES } from './name-parts.ts';
import { utf8ByteLength } from './utf8-bytes.ts';

// Season folders as the servers read them: Plex, Jellyfin and Emby take `Season 1`, `Season 01`,
// `S01` (Jellyfin: `[Ss](eason)?[. _-]*<number>`), and `Specials` or `Season 00` for season 0.
// When a season has no folder yet we create `Season NN` (Plex's and Jellyfin's documented form)
// and `Specials` for season 0, the name Sonarr gives its specials folder by default, so the
// folder Sonarr creates later is the same one.

const MAX_SEASON = 9999;
const SEASON_NAME = /^s(?:eason)?[ ._-]*(\d{1,5})$/i;
const SPECIALS = /^specials$/i;

/** A season number we name folders for: a whole number from 0 (specials) to 9999. */
export function isSeasonNumber(season: unknown): season is number {
  return typeof season === 'number' && Number.isInteger(season) && season >= 0 && season <= MAX_SEASON;
}

/** Why a folder name given for a season cannot be used, or undefined when it is one clean component. */
export function seasonFolderProblem(name: string): string | undefined {
  if (name === '' || name === '.' || name === '..') return 'is not a folder name';
  if (name.includes('/') || name.includes('\\')) return 'contains a path separator';
  if (name.includes('\0')) return 'contains a NUL byte';
  if (utf8ByteLength(name) > MAX_COMPONENT_BYTES) return `is over ${MAX_COMPONENT_BYTES} bytes`;
  return undefined;
}

// Lower rank wins when several folders name the same season: the `Season` spelling servers
// document first, then `Specials`, then the short `S01`.
function rankFor(name: string, season: number): number | undefined {
  if (season === 0 && SPECIALS.test(name)) return 1;
  const match = SEASON_NAME.exec(name);
  if (!match || Number(match[1]) !== season) return undefined;
  return /^season/i.test(name) ? 0 : 2;
}

/**
 * The folder a season's files go in: the existing sub-folder of the series folder that names this
 * season (case-insensitively: `Season 1`, `season 01`, `S01`, `Specials` for 0), else the one we
 * would create (`Season 01`, `Specials`). Throws a RangeError for a season outside 0–9999, which
 * callers check with `isSeasonNumber` first.
 */
export function seasonFolderName(season: number, existingSubfolders: readonly string[]): string {
  if (!isSeasonNumber(season)) throw new RangeError(`season ${season} is not a whole number from 0 to ${MAX_SEASON}`);
  let best: { name: string; rank: number } | undefined;
  for (const name of existingSubfolders) {
    if (typeof name !== 'string' || seasonFolderProblem(name)) continue;
    const rank = rankFor(name, season);
    if (rank !== undefined && (best === undefined || rank < best.rank)) best = { name, rank };
  }
  if (best) return best.name;
  return season === 0 ? 'Specials' : `Season ${String(season).padStart(2, '0')}`;
}

/**
 * The stem of a season's own files in suffix style: `season01`, `season-specials` — the season
 * names Kodi and tinyMediaManager give season artwork, and a name no server mistakes for an
 * episode (it has no episode number).
 */
export function seasonFileStem(season: number): string {
  return season === 0 ? 'season-specials' : `season${String(season).padStart(2, '0')}`;
}

/** What a season is called inside an extras folder, where Plex shows the file name as its title. */
export function seasonTitle(season: number): string {
  return season === 0 ? 'Specials' : `Season ${season}`;
}
