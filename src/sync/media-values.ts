// Radarr/Sonarr API resources → media rows. The facts are the same `MediaItemFacts` the webhook
// worker stores (src/library/media-records.ts), so an item reads the same whichever path wrote it.
// An API resource is complete, so here an absent fact means "none" (a movie whose file is gone
// has no file path), where a webhook's absent fact means "not told".
import type { RadarrMovie } from '../arr/radarr-api.ts';
import type { SonarrSeries } from '../arr/sonarr-api.ts';
import { mediaRowValues, type MediaInsert, type MediaItemFacts, type ReleaseFacts } from '../library/media-records.ts';

// The apps write 0 for an unknown year (a TBA title).
const knownYear = (year: number): number | undefined => (year > 0 ? year : undefined);

/** Tag id → label, from the Arr's /tag; absent when it could not be read (the tags stay as stored). */
export type TagLabels = ReadonlyMap<number, string>;

function tagFacts(ids: readonly number[], labels: TagLabels | undefined): { tags?: string[] } {
  if (labels === undefined) return {};
  return { tags: ids.flatMap((id) => labels.get(id) ?? []) };
}

export function movieFacts(movie: RadarrMovie, tagLabels?: TagLabels): MediaItemFacts {
  return {
    kind: 'movie',
    arrId: movie.id,
    title: movie.title,
    year: knownYear(movie.year),
    folderPath: movie.path,
    // hasFile is the authority: a stale movieFile object on a movie without a file names nothing.
    movieFileRelativePath: movie.hasFile ? movie.movieFile?.relativePath : undefined,
    tmdbId: movie.tmdbId,
    imdbId: movie.imdbId,
    youTubeTrailerId: movie.youTubeTrailerId,
    originalTitle: movie.originalTitle && movie.originalTitle !== movie.title ? movie.originalTitle : undefined,
    alternativeTitles: movie.alternateTitles,
    monitored: movie.monitored,
    hasFile: movie.hasFile,
    ...tagFacts(movie.tags, tagLabels),
    ...movie.images,
    ...definedOnly({
      originalLanguage: movie.originalLanguage,
      releaseStatus: movie.status,
      premiereDate: movie.inCinemas,
      digitalReleaseDate: movie.digitalRelease,
      physicalReleaseDate: movie.physicalRelease,
    }),
  };
}

export function seriesFacts(series: SonarrSeries, tagLabels?: TagLabels): MediaItemFacts {
  return {
    kind: 'series',
    arrId: series.id,
    title: series.title,
    year: knownYear(series.year),
    folderPath: series.path,
    tmdbId: series.tmdbId,
    imdbId: series.imdbId,
    tvdbId: series.tvdbId,
    monitored: series.monitored,
    // A series "has files" once any episode is on disk: that is when a trailer beside it is useful.
    hasFile: series.episodeFileCount > 0,
    seasons: series.seasons.map((season) => ({ number: season.seasonNumber, monitored: season.monitored })),
    ...tagFacts(series.tags, tagLabels),
    ...series.images,
    ...definedOnly({ originalLanguage: series.originalLanguage, releaseStatus: series.status, premiereDate: series.firstAired }),
  };
}

// exactOptionalPropertyTypes: an absent fact is a missing key, not `undefined`.
function definedOnly(facts: Partial<Record<keyof ReleaseFacts, string | undefined>>): ReleaseFacts {
  return Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined)) as ReleaseFacts;
}

/** The columns the Arr owns in a media row; everything else (trailer status, …) is ours. */
export const arrOwnedFields = [
  'title',
  'originalTitle',
  'alternativeTitles',
  'year',
  'folderPath',
  'movieFileRelativePath',
  'tmdbId',
  'imdbId',
  'tvdbId',
  'youTubeTrailerId',
  'monitored',
  'hasFile',
  'originalLanguage',
  'releaseStatus',
  'premiereDate',
  'digitalReleaseDate',
  'physicalReleaseDate',
  'tags',
  'seasons',
  'posterRemoteUrl',
  'posterPath',
] as const satisfies ReadonlyArray<keyof MediaInsert>;

/** The Arr-owned fields with every absent fact spelled out as the value stored for "none". */
export type ArrFields = {
  title: string;
  originalTitle: string | null;
  alternativeTitles: string[];
  year: number | null;
  folderPath: string;
  movieFileRelativePath: string | null;
  tmdbId: number | null;
  imdbId: string | null;
  tvdbId: number | null;
  youTubeTrailerId: string | null;
  monitored: boolean;
  hasFile: boolean;
  originalLanguage: string | null;
  releaseStatus: string | null;
  premiereDate: string | null;
  digitalReleaseDate: string | null;
  physicalReleaseDate: string | null;
  tags: string[];
  seasons: Array<{ number: number; monitored: boolean }>;
  posterRemoteUrl: string | null;
  posterPath: string | null;
};

/** A complete row for one API item: absent facts are written as null (the Arr has none). */
export type FullMediaValues = ArrFields & Pick<MediaInsert, 'connectionId' | 'kind' | 'arrId'>;

export function fullMediaValues(connectionId: number, facts: MediaItemFacts): FullMediaValues {
  const row = mediaRowValues(connectionId, facts);
  return {
    connectionId,
    kind: row.kind,
    arrId: row.arrId,
    title: row.title,
    originalTitle: row.originalTitle ?? null,
    alternativeTitles: row.alternativeTitles ?? [],
    year: row.year ?? null,
    folderPath: row.folderPath,
    movieFileRelativePath: row.movieFileRelativePath ?? null,
    tmdbId: row.tmdbId ?? null,
    imdbId: row.imdbId ?? null,
    tvdbId: row.tvdbId ?? null,
    youTubeTrailerId: row.youTubeTrailerId ?? null,
    monitored: row.monitored ?? true,
    hasFile: row.hasFile ?? false,
    originalLanguage: row.originalLanguage ?? null,
    releaseStatus: row.releaseStatus ?? null,
    premiereDate: row.premiereDate ?? null,
    digitalReleaseDate: row.digitalReleaseDate ?? null,
    physicalReleaseDate: row.physicalReleaseDate ?? null,
    tags: row.tags ?? [],
    seasons: row.seasons ?? [],
    posterRemoteUrl: row.posterRemoteUrl ?? null,
    posterPath: row.posterPath ?? null,
  };
}

/** True when the Arr's view differs from the stored row in any field the Arr owns. */
export function arrFieldsDiffer(stored: ArrFields, fresh: ArrFields): boolean {
  return arrOwnedFields.some((field) => !sameValue(stored[field], fresh[field]));
}

/** True when the item moved on disk or its file was renamed: an owned trailer must follow. */
export function locationChanged(stored: ArrFields, fresh: ArrFields): boolean {
  return stored.folderPath !== fresh.folderPath || stored.movieFileRelativePath !== fresh.movieFileRelativePath;
}

function sameValue(a: unknown, b: unknown): boolean {
  // Arrays of text or of small objects (seasons): compared by content, in order.
  if (Array.isArray(a) && Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}
