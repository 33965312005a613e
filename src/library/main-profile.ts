// Which profile makes an item's main trailer (the slot whose state is the media row's): the one the
// `defaultProfileId` setting names, else the row marked default, else the first. One rule for the
// pipeline, the sync and the pages.
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { media, trailerProfiles, trailers } from '../db/schema/index.ts';
import { readSettings } from '../db/settings-store.ts';

/** The main profile's id; undefined only when there is no profile at all (a fresh database). */
export async function mainProfileId(db: Db | Tx, defaultProfileId?: number): Promise<number | undefined> {
  const named = defaultProfileId ?? (await readSettings(db)).defaultProfileId;
  if (named !== undefined) {
    const [row] = await db.select({ id: trailerProfiles.id }).from(trailerProfiles).where(eq(trailerProfiles.id, named));
    if (row !== undefined) return row.id;
  }
  const [first] = await db
    .select({ id: trailerProfiles.id })
    .from(trailerProfiles)
    .orderBy(desc(trailerProfiles.isDefault), asc(trailerProfiles.id))
    .limit(1);
  return first?.id;
}

/**
 * SQL: the item whose id is `mediaId` has a present file in its main trailer slot (the main
 * profile, whole item). Files of other slots (a featurette, a season's trailer) do not count: an
 * item with only those still wants its trailer.
 */
export function mainTrailerPresentSql(mediaId: SQL, mainId: number | undefined): SQL {
  // No profile at all yet (before the first worker start): every whole-item file is the trailer.
  const mainProfile = mainId === undefined ? sql`true` : sql`mt.profile_id = ${mainId}`;
  return sql`exists (select 1 from ${trailers} mt where mt.media_id = ${mediaId} and mt.state = 'present'
    and mt.season is null and ${mainProfile})`;
}

/** Whether the item has a present file in its main trailer slot (mainTrailerPresentSql's rule). */
export async function hasMainTrailer(db: Db | Tx, mediaId: number): Promise<boolean> {
  const present = mainTrailerPresentSql(sql`${media.id}`, await mainProfileId(db));
  const [row] = await db
    .select({ id: media.id })
    .from(media)
    .where(and(eq(media.id, mediaId), present))
    .limit(1);
  return row !== undefined;
}
