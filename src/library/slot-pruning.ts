// Stale extra-slot rows: a `media_slots` row whose slot the plan (`domain/slot-plan.ts`) no longer
// gives the item — its profile was disabled, re-scoped (kind, connections, tags, per season or
// whole item), the item's tags or monitored seasons changed, or the profile became the main one.
// Such a row would still count in the library's "missing <kind>" filter. A row with no file of
// ours is deleted; a row whose slot holds a present file of ours is kept, file and all, exactly as
// deleting a profile keeps its files: the file stays on disk (only the user's Delete of that slot,
// which removes only owned files, takes it away) and the item page lists it as "file kept".
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from '../db/client.ts';
import { media, mediaSlots } from '../db/schema/index.ts';
import { plannedSlotKeys, readSlotPlanning, slotKey, type SlotPlanning } from './planned-slots.ts';

export type PruneReport = { deleted: number; keptForFile: number };

/** A Postgres array literal of ids: one parameter whatever the count. */
const idArray = (ids: readonly number[]) => `{${ids.join(',')}}`;

/** Which items: these ids, one connection's, or (neither) every item. */
export type PruneScope = { mediaIds?: readonly number[]; connectionId?: number };

/**
 * Prunes the stale slot rows of the items in `scope`, inside the caller's transaction when it
 * passes one, so the profile change or the sync write and the prune land together. A caller that
 * has read the plan in that transaction already passes it (`given`).
 */
export async function pruneStaleSlots(db: Db | Tx, scope: PruneScope = {}, given?: SlotPlanning): Promise<PruneReport> {
  const { mediaIds, connectionId } = scope;
  if (mediaIds !== undefined && mediaIds.length === 0) return { deleted: 0, keptForFile: 0 };
  const planning = given ?? (await readSlotPlanning(db));
  const rows = await db
    .select({
      id: mediaSlots.id,
      mediaId: mediaSlots.mediaId,
      profileId: mediaSlots.profileId,
      season: mediaSlots.season,
      kind: media.kind,
      connectionId: media.connectionId,
      tags: media.tags,
      seasons: media.seasons,
    })
    .from(mediaSlots)
    .innerJoin(media, eq(media.id, mediaSlots.mediaId))
    .where(
      and(
        mediaIds === undefined ? undefined : inArray(mediaSlots.mediaId, [...mediaIds]),
        connectionId === undefined ? undefined : eq(media.connectionId, connectionId),
      ),
    );
  const plannedByItem = new Map<number, Set<string>>();
  const stale: number[] = [];
  for (const row of rows) {
    let planned = plannedByItem.get(row.mediaId);
    if (planned === undefined) {
      planned = plannedSlotKeys(row, planning);
      plannedByItem.set(row.mediaId, planned);
    }
    if (!planned.has(slotKey(row.profileId, row.season))) stale.push(row.id);
  }
  if (stale.length === 0) return { deleted: 0, keptForFile: 0 };
  // "No file of ours" is decided by the statement itself, so a file placed meanwhile keeps its row.
  const deleted = rowsOf(
    await db.execute(sql`
      delete from ${mediaSlots} ms where ms.id = any(${idArray(stale)}::bigint[])
        and not exists (select 1 from trailers t where t.media_id = ms.media_id and t.profile_id = ms.profile_id
          and t.season is not distinct from ms.season and t.state = 'present')
      returning ms.id`),
  ).length;
  // A kept row's slot has its file: it is had, not missing (a queued or failed re-fetch of a slot
  // that no longer applies will never run).
  await db.execute(sql`
    update ${mediaSlots} set status = 'have', status_reason = null, updated_at = now()
    where id = any(${idArray(stale)}::bigint[]) and status <> 'have'`);
  return { deleted, keptForFile: stale.length - deleted };
}
