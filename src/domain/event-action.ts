// What a Radarr/Sonarr webhook asks the service to do, decided without any I/O. The job layer
// executes the returned action; this file only encodes the rules (README §5 of the arr fixtures).
import { createHash } from 'node:crypto';
import type { RadarrWebhookEvent, RadarrWebhookMovie } from '../arr/radarr-webhook.ts';
import type { SonarrWebhookEvent, SonarrWebhookSeries } from '../arr/sonarr-webhook.ts';
import type { OtherWebhookEvent } from '../arr/webhook-common.ts';
import type { PosterFacts } from './poster-image.ts';

export type ArrSource = 'radarr' | 'sonarr';
export type MediaKind = 'movie' | 'series';

/** The library item a trailer belongs to, as far as the webhook tells. Paths are the *arr's own. */
export type TrailerItemRef = {
  kind: MediaKind;
  arrId: number;
  title: string;
  /** Absent when the *arr does not know it (it writes 0). */
  year?: number;
  folderPath: string;
  /** Movies only: the movie file relative to folderPath; the trailer is named after it. */
  movieFileRelativePath?: string;
  tmdbId?: number;
  imdbId?: string;
  tvdbId?: number;
  /** Never in a webhook; the API sync fills it (Radarr only). */
  youTubeTrailerId?: string;
  /** ISO 639-1 code of `originalLanguage` (both apps' webhooks carry it by name). */
  originalLanguage?: string;
  /** The Arr's tag labels (webhooks send labels, the API ids that /tag names). */
  tags?: string[];
} & PosterFacts;

export type FileRename = {
  previousPath: string;
  newPath: string;
  previousRelativePath: string;
  newRelativePath: string;
};

export type WebhookAction =
  | {
      type: 'ensure';
      item: TrailerItemRef;
      priority: 'import';
      /** On an upgrade: relative paths of the files this import replaced (a trailer may be named after one). */
      replacedFileRelativePaths?: string[];
    }
  | { type: 'rename'; item: TrailerItemRef; renames: FileRename[] }
  | { type: 'forget'; kind: MediaKind; arrId: number; folderPath: string; deleteOwnFiles: boolean }
  | { type: 'test' }
  | { type: 'none'; reason: string };

export function webhookAction(source: 'radarr', event: RadarrWebhookEvent): WebhookAction;
export function webhookAction(source: 'sonarr', event: SonarrWebhookEvent): WebhookAction;
export function webhookAction(source: ArrSource, event: RadarrWebhookEvent | SonarrWebhookEvent): WebhookAction;
export function webhookAction(source: ArrSource, event: RadarrWebhookEvent | SonarrWebhookEvent): WebhookAction {
  return source === 'radarr' ? radarrAction(event as RadarrWebhookEvent) : sonarrAction(event as SonarrWebhookEvent);
}

function radarrAction(event: RadarrWebhookEvent): WebhookAction {
  switch (event.eventType) {
    case 'Download': {
      const item = movieItem(event.movie, event.movieFile?.relativePath);
      return ensure(item, event.deletedFiles.map((file) => file.relativePath));
    }
    case 'MovieAdded':
      return ensure(movieItem(event.movie, undefined), []);
    case 'Rename': {
      const renames = event.renamedMovieFiles.map(toFileRename);
      const latest = renames.at(-1);
      if (latest === undefined) return none('Rename lists no renamed files');
      return { type: 'rename', item: movieItem(event.movie, latest.newRelativePath), renames };
    }
    case 'MovieDelete':
      return forget('movie', event.movie.id, event.movie.folderPath, event.deletedFiles);
    case 'MovieFileDelete':
      return none(fileDeleteReason(event.deleteReason));
    default:
      return informationalAction(event);
  }
}

function sonarrAction(event: SonarrWebhookEvent): WebhookAction {
  switch (event.eventType) {
    case 'Download':
      // Per-file, multi-episode and import-complete imports all mean "this series has files now".
      return ensure(seriesItem(event.series), event.deletedFiles.map((file) => file.relativePath));
    case 'SeriesAdd':
      return ensure(seriesItem(event.series), []);
    case 'Rename': {
      const renames = event.renamedEpisodeFiles.map(toFileRename);
      if (renames.length === 0) return none('Rename lists no renamed files');
      return { type: 'rename', item: seriesItem(event.series), renames };
    }
    case 'SeriesDelete':
      return forget('series', event.series.id, event.series.path, event.deletedFiles);
    case 'EpisodeFileDelete':
      return none(fileDeleteReason(event.deleteReason));
    default:
      return informationalAction(event);
  }
}

// Events both apps send that never lead to file work.
type InformationalEvent =
  | { eventType: 'Test' | 'Grab' | 'Health' | 'HealthRestored' | 'ApplicationUpdate' | 'ManualInteractionRequired' }
  | OtherWebhookEvent;

function informationalAction(event: InformationalEvent): WebhookAction {
  switch (event.eventType) {
    case 'Test':
      return { type: 'test' };
    case 'Grab':
      return none('Grab: nothing is imported yet; the Download event follows');
    case 'Other':
      return none(`unknown event type "${event.receivedEventType}": kept, not acted on`);
    default:
      return none(`${event.eventType}: not about library files`);
  }
}

function ensure(item: TrailerItemRef, replaced: string[]): WebhookAction {
  return replaced.length > 0
    ? { type: 'ensure', item, priority: 'import', replacedFileRelativePaths: replaced }
    : { type: 'ensure', item, priority: 'import' };
}

function forget(kind: MediaKind, arrId: number, folderPath: string, deletedFiles: boolean): WebhookAction {
  // deletedFiles=true: the *arr removes the folder itself (asynchronously), so our files may go too.
  // deletedFiles=false: the user keeps the folder, and our trailer stays beside their files.
  return { type: 'forget', kind, arrId, folderPath, deleteOwnFiles: deletedFiles };
}

function none(reason: string): WebhookAction {
  return { type: 'none', reason };
}

function fileDeleteReason(deleteReason: string | undefined): string {
  if (deleteReason === 'upgrade') {
    return 'file deleted for an upgrade: the Download that follows carries the new file';
  }
  // The folder (and our trailer in it) survives a single file delete; the reconcile decides later.
  return `file deleted (${deleteReason ?? 'no reason given'}): trailer kept, reconcile decides`;
}

function toFileRename(file: { previousPath: string; path: string; previousRelativePath: string; relativePath: string }): FileRename {
  return {
    previousPath: file.previousPath,
    newPath: file.path,
    previousRelativePath: file.previousRelativePath,
    newRelativePath: file.relativePath,
  };
}

function movieItem(movie: RadarrWebhookMovie, movieFileRelativePath: string | undefined): TrailerItemRef {
  const item: TrailerItemRef = { kind: 'movie', arrId: movie.id, title: movie.title, folderPath: movie.folderPath };
  if (movie.year) item.year = movie.year;
  if (movieFileRelativePath) item.movieFileRelativePath = movieFileRelativePath;
  if (movie.tmdbId) item.tmdbId = movie.tmdbId;
  if (movie.imdbId) item.imdbId = movie.imdbId;
  if (movie.originalLanguage) item.originalLanguage = movie.originalLanguage;
  if (movie.tags) item.tags = movie.tags;
  return withPoster(item, movie.images);
}

function seriesItem(series: SonarrWebhookSeries): TrailerItemRef {
  const item: TrailerItemRef = { kind: 'series', arrId: series.id, title: series.title, folderPath: series.path };
  if (series.year) item.year = series.year;
  if (series.tmdbId) item.tmdbId = series.tmdbId;
  if (series.imdbId) item.imdbId = series.imdbId;
  if (series.tvdbId) item.tvdbId = series.tvdbId;
  if (series.originalLanguage) item.originalLanguage = series.originalLanguage;
  if (series.tags) item.tags = series.tags;
  return withPoster(item, series.images);
}

function withPoster(item: TrailerItemRef, poster: PosterFacts | undefined): TrailerItemRef {
  if (poster?.posterRemoteUrl) item.posterRemoteUrl = poster.posterRemoteUrl;
  if (poster?.posterPath) item.posterPath = poster.posterPath;
  return item;
}

/**
 * Idempotency key for one webhook delivery: `<source>:<eventType>:<sha256>`.
 *
 * Radarr/Sonarr never retry a webhook, and every real event differs in some field (ids, dates,
 * paths), so two bodies with the same content are the same delivery seen twice (a proxy retry, a
 * double-configured connection). The hash is over the JSON content in canonical form (keys sorted,
 * nulls dropped, no whitespace) so re-serialisation by a relay does not change it; a body that is
 * not JSON is hashed as sent. Store keys with a time window rather than forever: a Rename A→B→A→B or
 * a repeated Test legitimately repeats a body.
 */
export function dedupeKey(
  source: ArrSource,
  event: RadarrWebhookEvent | SonarrWebhookEvent,
  rawBody: string | Uint8Array,
  /** The body already parsed by the caller, to spare parsing it twice. */
  parsedBody?: unknown,
): string {
  const eventType = event.eventType === 'Other' ? event.receivedEventType : event.eventType;
  const hash = createHash('sha256').update(`${source}\n`);
  let canonical: string | undefined;
  try {
    const text = typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody);
    canonical = canonicalJson(parsedBody === undefined ? JSON.parse(text) : parsedBody);
  } catch {
    canonical = undefined;
  }
  hash.update(canonical ?? rawBody);
  return `${source}:${eventType}:${hash.digest('hex')}`;
}

/** JSON with keys sorted and nulls dropped: a re-serialised body hashes like the original. */
function canonicalJson(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (const element of value) {
      if (element === null) continue;
      if (out.length > 1) out += ',';
      out += canonicalJson(element);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  out = '{';
  // Default sort compares UTF-16 code units, the order the key comparison always used.
  for (const key of Object.keys(record).sort()) {
    const field = record[key];
    if (field === null) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${canonicalJson(field)}`;
  }
  return `${out}}`;
}
