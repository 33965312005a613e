// The `media` row of one library item: how an item's facts become column values, and the
// single-item upsert/find/delete the webhook worker uses. The library sync maps API resources to
// the same `MediaItemFacts` and reuses `mediaRowValues`/`mediaUpdateValues` for its bulk upserts,
// so both paths store an item the same way.
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { media, trailers, type MediaRow } from '../db/schema/index.ts';
import type { TrailerItemRef } from '../domain/event-action.ts';

export type MediaInsert = typeof media.$inferInsert;
export type MediaKey = { connectionId: number; kind: MediaRow['kind']; arrId: number };

/** What we know about one item. Absent facts keep the stored value on update. */
export type MediaItemFacts = TrailerItemRef & {
  hasFile?: boolean;
  monitored?: boolean;
  originalTitle?: string;
  alternativeTitles?: string[];
  /** Series: the seasons Sonarr lists (season-scoped profiles fetch per monitored season). */
  seasons?: Array<{ number: number; monitored: boolean }>;
} & ReleaseFacts;

/** Original language and release facts (issue #17), stated only by the Arr's API. */
export type ReleaseFacts = {
  originalLanguage?: string;
  releaseStatus?: string;
  premiereDate?: string;
  digitalReleaseDate?: string;
  physicalReleaseDate?: string;
};

const INT4_MAX = 2_147_483_647;

/**
 * Why these facts cannot be stored, or undefined when they can. Radarr/Sonarr ids are C# int32,
 * so anything larger is not from them; Postgres text cannot hold NUL characters.
 */
export function mediaFactsProblem(item: MediaItemFacts): string | undefined {
  const ids: Array<[string, number | undefined]> = [
    ['id', item.arrId],
    ['year', item.year],
    ['tmdbId', item.tmdbId],
    ['tvdbId', item.tvdbId],
  ];
  for (const [name, value] of ids) {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 0 || value > INT4_MAX)) {
      return `${name} ${value} is outside the range Radarr/Sonarr use (0 to ${INT4_MAX})`;
    }
  }
  const texts: Array<[string, string | undefined]> = [
    ['title', item.title],
    ['folder path', item.folderPath],
    ['movie file path', item.movieFileRelativePath],
    ['imdbId', item.imdbId],
    ['youTubeTrailerId', item.youTubeTrailerId],
    ['original title', item.originalTitle],
    ['release status', item.releaseStatus],
    ...(item.alternativeTitles ?? []).map((title): [string, string] => ['alternative title', title]),
    ...(item.tags ?? []).map((tag): [string, string] => ['tag', tag]),
  ];
  for (const [name, value] of texts) {
    if (value?.includes('\0')) return `the ${name} contains a NUL character`;
  }
  return undefined;
}

/** Insert values for one item of one connection. */
export function mediaRowValues(connectionId: number, item: MediaItemFacts): MediaInsert {
  return {
    connectionId,
    kind: item.kind,
    arrId: item.arrId,
    ...mediaUpdateValues(item),
  };
}

/**
 * The columns an update writes: only the facts the item states, so a webhook that does not
 * carry (say) the YouTube trailer id never erases the one the API sync stored.
 */
export function mediaUpdateValues(item: MediaItemFacts): Partial<MediaInsert> & Pick<MediaInsert, 'title' | 'folderPath'> {
  const values: Partial<MediaInsert> & Pick<MediaInsert, 'title' | 'folderPath'> = {
    title: item.title,
    folderPath: item.folderPath,
  };
  if (item.year !== undefined) values.year = item.year;
  if (item.movieFileRelativePath !== undefined) values.movieFileRelativePath = item.movieFileRelativePath;
  if (item.tmdbId !== undefined) values.tmdbId = item.tmdbId;
  if (item.imdbId !== undefined) values.imdbId = item.imdbId;
  if (item.tvdbId !== undefined) values.tvdbId = item.tvdbId;
  if (item.youTubeTrailerId !== undefined) values.youTubeTrailerId = item.youTubeTrailerId;
  if (item.hasFile !== undefined) values.hasFile = item.hasFile;
  if (item.monitored !== undefined) values.monitored = item.monitored;
  if (item.originalTitle !== undefined) values.originalTitle = item.originalTitle;
  if (item.alternativeTitles !== undefined) values.alternativeTitles = item.alternativeTitles;
  if (item.tags !== undefined) values.tags = item.tags;
  if (item.seasons !== undefined) values.seasons = item.seasons;
  if (item.originalLanguage !== undefined) values.originalLanguage = item.originalLanguage;
  if (item.releaseStatus !== undefined) values.releaseStatus = item.releaseStatus;
  if (item.premiereDate !== undefined) values.premiereDate = item.premiereDate;
  if (item.digitalReleaseDate !== undefined) values.digitalReleaseDate = item.digitalReleaseDate;
  if (item.physicalReleaseDate !== undefined) values.physicalReleaseDate = item.physicalReleaseDate;
  if (item.posterRemoteUrl !== undefined) values.posterRemoteUrl = item.posterRemoteUrl;
  if (item.posterPath !== undefined) values.posterPath = item.posterPath;
  return values;
}

export async function findMediaItem(db: Db | Tx, key: MediaKey): Promise<MediaRow | undefined> {
  const [row] = await db
    .select()
    .from(media)
    .where(and(eq(media.connectionId, key.connectionId), eq(media.kind, key.kind), eq(media.arrId, key.arrId)));
  return row;
}

export type UpsertedMedia = {
  row: MediaRow;
  /** The row as it was before this upsert; undefined when it was just created. */
  before: MediaRow | undefined;
};

/**
 * Creates or updates the row of one item. Call inside a transaction: the existing row is locked
 * first so `before` is what this update replaced, even with another worker on the same item.
 */
export async function upsertMediaItem(tx: Tx, connectionId: number, item: MediaItemFacts): Promise<UpsertedMedia> {
  const [before] = await tx
    .select()
    .from(media)
    .where(and(eq(media.connectionId, connectionId), eq(media.kind, item.kind), eq(media.arrId, item.arrId)))
    .for('update');
  const [row] = await tx
    .insert(media)
    .values(mediaRowValues(connectionId, item))
    .onConflictDoUpdate({
      target: [media.connectionId, media.kind, media.arrId],
      // The Arr just told us about it, so it is in its library again.
      set: { ...mediaUpdateValues(item), removedAt: null, updatedAt: new Date() },
    })
    .returning();
  if (!row) throw new Error(`upsert of ${item.kind} ${item.arrId} returned no row`);
  return { row, before };
}

/** Deletes one media row; its trailer, attempt and candidate rows cascade. Files are not touched. */
export async function deleteMediaItem(db: Db | Tx, mediaId: number): Promise<boolean> {
  const deleted = await db.delete(media).where(eq(media.id, mediaId)).returning({ id: media.id });
  return deleted.length > 0;
}

/** Whether the item has a trailer file of ours on record as present. */
export async function hasPresentTrailer(db: Db | Tx, mediaId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: trailers.id })
    .from(trailers)
    .where(and(eq(trailers.mediaId, mediaId), eq(trailers.state, 'present')))
    .limit(1);
  return row !== undefined;
}
