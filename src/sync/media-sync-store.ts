// The database side of a library sync: read what is stored for one connection, write the Arr's
// view back in bulk, and mark what the Arr no longer has. Each call is one statement, so on
// PGlite (one connection) nothing waits long behind a sync.
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { rowsOf } from '../db/client.ts';
import { media, type MediaKind, type TrailerStatus } from '../db/schema/media.ts';
import { jsonParam } from './json-param.ts';
import { arrOwnedFields, type ArrFields, type FullMediaValues } from './media-values.ts';

export type StoredMedia = ArrFields & {
  id: number;
  arrId: number;
  trailerStatus: TrailerStatus;
  removed: boolean;
  /** An owned trailer file is recorded as present: a rename must move it. */
  hasPresentTrailer: boolean;
};

/** The database clock: every "before this sync" comparison uses it, never the local clock. */
export async function databaseNow(db: Db): Promise<string> {
  const [row] = rowsOf<{ now: string | Date }>(await db.execute(sql`select now() as now`));
  if (!row) throw new Error('the database did not answer select now()');
  return new Date(row.now).toISOString();
}

/** Every stored item of one connection and kind (removed ones included), by Arr id. */
export async function loadStoredMedia(db: Db, connectionId: number, kind: MediaKind): Promise<Map<number, StoredMedia>> {
  const rows = await db
    .select({
      id: media.id,
      arrId: media.arrId,
      title: media.title,
      originalTitle: media.originalTitle,
      alternativeTitles: media.alternativeTitles,
      year: media.year,
      folderPath: media.folderPath,
      movieFileRelativePath: media.movieFileRelativePath,
      tmdbId: media.tmdbId,
      imdbId: media.imdbId,
      tvdbId: media.tvdbId,
      youTubeTrailerId: media.youTubeTrailerId,
      monitored: media.monitored,
      hasFile: media.hasFile,
      originalLanguage: media.originalLanguage,
      releaseStatus: media.releaseStatus,
      premiereDate: media.premiereDate,
      digitalReleaseDate: media.digitalReleaseDate,
      physicalReleaseDate: media.physicalReleaseDate,
      tags: media.tags,
      seasons: media.seasons,
      posterRemoteUrl: media.posterRemoteUrl,
      posterPath: media.posterPath,
      trailerStatus: media.trailerStatus,
      removed: sql<boolean>`${media.removedAt} is not null`,
    })
    .from(media)
    .where(and(eq(media.connectionId, connectionId), eq(media.kind, kind)));
  // One query for the few items with a trailer of ours, not a sub-select per item.
  const withTrailer = rowsOf<{ media_id: number | string }>(
    await db.execute(sql`
      select t.media_id from trailers t join media m on m.id = t.media_id
      where m.connection_id = ${connectionId} and m.kind = ${kind} and t.state = 'present'`),
  );
  const present = new Set(withTrailer.map((row) => Number(row.media_id)));
  return new Map(rows.map((row) => [row.arrId, { ...row, hasPresentTrailer: present.has(row.id) }]));
}

// The columns one sync row carries, as `jsonb_to_recordset` declares them (the JSON keys are the
// drizzle field names) and as the insert names them.
const rowFields = ['connectionId', 'kind', 'arrId', ...arrOwnedFields] as const;
const recordset = rowFields.map((field) => `"${field}" ${media[field].getSQLType()}`).join(', ');
const insertColumns = rowFields.map((field) => `"${media[field].name}"`).join(', ');
const selectColumns = rowFields.map((field) => `v."${field}"`).join(', ');
const updateColumns = arrOwnedFields.map((field) => `"${media[field].name}" = excluded."${media[field].name}"`).join(', ');

/**
 * Inserts or updates one chunk of items in one statement. A row changed since `syncStartedAt`
 * (a webhook landed while the Arr was being read) is left alone: the webhook's view is newer
 * than this reply. Returns the ids of the rows written.
 */
export async function upsertMediaChunk(
  tx: Tx,
  values: readonly FullMediaValues[],
  syncStartedAt: string,
): Promise<Array<{ id: number; arrId: number }>> {
  if (values.length === 0) return [];
  const result = await tx.execute(sql`
    insert into media (${sql.raw(insertColumns)}, updated_at)
    select ${sql.raw(selectColumns)}, now()
    from jsonb_to_recordset(${jsonParam(values)}::jsonb) as v(${sql.raw(recordset)})
    on conflict (connection_id, kind, arr_id) do update
      set ${sql.raw(updateColumns)}, removed_at = null, updated_at = now()
      where media.updated_at < ${syncStartedAt}::timestamptz
    returning id, arr_id`);
  return rowsOf<{ id: number | string; arr_id: number }>(result).map((row) => ({ id: Number(row.id), arrId: row.arr_id }));
}

/**
 * Sets `removed_at` on every live item of the connection the Arr did not list, except rows
 * written since the sync started (added by a webhook after the Arr was read). Files are never
 * touched. `keepArrIds` is passed as one array parameter, whatever the library size.
 */
export async function markUnlistedAsRemoved(
  db: Db,
  connectionId: number,
  kind: MediaKind,
  keepArrIds: readonly number[],
  syncStartedAt: string,
): Promise<number> {
  const keep = `{${keepArrIds.join(',')}}`;
  const result = await db.execute(sql`
    update media set removed_at = now(), updated_at = now()
    where connection_id = ${connectionId} and kind = ${kind} and removed_at is null
      and updated_at < ${syncStartedAt}::timestamptz
      and not (arr_id = any(${keep}::int[]))
    returning id`);
  return rowsOf(result).length;
}
