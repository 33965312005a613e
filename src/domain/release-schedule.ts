// Is an item out yet, and when is it searched again when no official trailer exists so far?
// Pure: the clock is a parameter. Radarr's `status` is "tba" | "announced" | "inCinemas" |
// "released" | "deleted"; Sonarr's is "continuing" | "ended" | "upcoming" | "deleted".

export interface ReleaseFacts {
  /** The Arr's status word, as stored. */
  status?: string | null | undefined;
  inCinemas?: Date | null | undefined;
  digitalRelease?: Date | null | undefined;
  physicalRelease?: Date | null | undefined;
  /** TMDB's `release_date` (or `first_air_date`). */
  tmdbReleaseDate?: Date | null | undefined;
}

const NOT_OUT = new Set(['tba', 'announced', 'upcoming']);
const OUT = new Set(['incinemas', 'released', 'continuing', 'ended']);

/** The first date the item can be seen: in cinemas, else digital/physical, else TMDB's date. */
export function releaseDate(facts: ReleaseFacts): Date | undefined {
  const dates = [facts.inCinemas, facts.digitalRelease, facts.physicalRelease, facts.tmdbReleaseDate].filter(
    (d): d is Date => d instanceof Date && !Number.isNaN(d.getTime()),
  );
  if (dates.length === 0) return undefined;
  return new Date(Math.min(...dates.map((d) => d.getTime())));
}

/** Announced, TBA, or with a first release date still ahead. */
export function isUnreleased(facts: ReleaseFacts, now: Date): boolean {
  const status = facts.status?.toLowerCase();
  const date = releaseDate(facts);
  if (status !== undefined && NOT_OUT.has(status)) {
    // Radarr moves the status on at its own refresh; a date already past wins over a stale word.
    return date === undefined || date.getTime() > now.getTime();
  }
  if (status !== undefined && OUT.has(status)) return false;
  return date !== undefined && date.getTime() > now.getTime();
}

// TMDB's `status` words for an item that is not out yet (movies and series).
const TMDB_NOT_OUT = new Set(['rumored', 'planned', 'in production', 'post production', 'pilot']);

/**
 * Facts from TMDB for an item the Arr told nothing about: its release date, and its status
 * translated to the Arr's words (`announced`, `released`). The Arr's own facts win over these.
 */
export function withTmdbFacts(facts: ReleaseFacts, tmdb: { releaseDate?: string | undefined; status?: string | undefined }): ReleaseFacts {
  const date = tmdb.releaseDate !== undefined ? new Date(`${tmdb.releaseDate}T00:00:00Z`) : undefined;
  const status = tmdb.status?.toLowerCase();
  const word = status === undefined ? undefined : TMDB_NOT_OUT.has(status) ? 'announced' : 'released';
  return {
    ...facts,
    status: facts.status ?? word,
    tmdbReleaseDate: date !== undefined && !Number.isNaN(date.getTime()) ? date : facts.tmdbReleaseDate,
  };
}

export interface RecheckSettings {
  /** Hours between searches while the item is not out yet. */
  beforeReleaseHours: number;
  /** Hours between searches once it is out. */
  afterReleaseHours: number;
}

export const DEFAULT_RECHECK: RecheckSettings = { beforeReleaseHours: 24, afterReleaseHours: 168 };

/**
 * When to search again for an item that has no trailer yet: every `beforeReleaseHours` until the
 * release (never past the release day itself, when the studio's full trailer is sure to be out),
 * then every `afterReleaseHours`.
 */
export function nextRecheckAt(facts: ReleaseFacts, now: Date, settings: RecheckSettings = DEFAULT_RECHECK): Date {
  const hour = 3600_000;
  const date = releaseDate(facts);
  if (isUnreleased(facts, now)) {
    const next = now.getTime() + settings.beforeReleaseHours * hour;
    return new Date(date !== undefined && date.getTime() > now.getTime() ? Math.min(next, date.getTime()) : next);
  }
  return new Date(now.getTime() + settings.afterReleaseHours * hour);
}
