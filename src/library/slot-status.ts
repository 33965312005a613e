// The state of one file slot of an item. The main trailer's state is the media row's
// `trailer_status` (as before slots, so the library, dashboard and counts keep reading it); every
// other slot's is its `media_slots` row, created the first time the slot is planned or written
// (a write to a slot the plan no longer gives does not create it; see setSlotStatus).
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from '../db/client.ts';
import { media, mediaSlots, trailers, type MediaSlotRow, type TrailerStatus } from '../db/schema/index.ts';
import { isPlannedSlot } from './planned-slots.ts';

/** A slot of an item; no `profileId` means the item's main trailer. */
export interface SlotRef {
  mediaId: number;
  profileId?: number | undefined;
  season?: number | undefined;
}

export const isExtraSlot = (slot: SlotRef): slot is SlotRef & { profileId: number } => slot.profileId !== undefined;

/** The `media_slots` row of this extra slot (`season` undefined: the whole item). */
function rowOf(slot: SlotRef & { profileId: number }): SQL {
  return and(
    eq(mediaSlots.mediaId, slot.mediaId),
    eq(mediaSlots.profileId, slot.profileId),
    slot.season === undefined ? isNull(mediaSlots.season) : eq(mediaSlots.season, slot.season),
  ) as SQL;
}

/**
 * Sets a slot's status and reason (and, for a file that is not ours, its path). An extra slot's
 * row is written as it stands; a missing row is created for a placed file (`have`) and for a slot
 * the plan gives the item, never for one it no longer gives: a fetch that was running when its
 * row was pruned (profile re-scoped or disabled, tags or seasons changed) would otherwise bring
 * the row back and the library would count the slot as missing again until the next sync.
 * False when nothing was written for that reason: the slot is no longer the item's.
 */
export async function setSlotStatus(
  db: Db | Tx,
  slot: SlotRef,
  status: TrailerStatus,
  reason: string | null,
  extra: { externalPath?: string | null } = {},
): Promise<boolean> {
  const statusReason = reason?.slice(0, 1000) ?? null;
  if (!isExtraSlot(slot)) {
    const external = extra.externalPath !== undefined ? { externalTrailerPath: extra.externalPath } : {};
    await db.update(media).set({ trailerStatus: status, statusReason, updatedAt: new Date(), ...external }).where(eq(media.id, slot.mediaId));
    return true;
  }
  const values = { status, statusReason, updatedAt: new Date(), ...(extra.externalPath !== undefined ? { externalPath: extra.externalPath } : {}) };
  if (status !== 'have') {
    // The row first: a prune running meanwhile holds it until it commits, so when this finds no
    // row the plan read next is the one that pruned it.
    const updated = await db.update(mediaSlots).set(values).where(rowOf(slot)).returning({ id: mediaSlots.id });
    if (updated.length > 0) return true;
    if (!(await isPlannedSlot(db, { mediaId: slot.mediaId, profileId: slot.profileId, season: slot.season ?? null }))) return false;
  }
  await db
    .insert(mediaSlots)
    .values({ mediaId: slot.mediaId, profileId: slot.profileId, season: slot.season ?? null, ...values })
    .onConflictDoUpdate({ target: [mediaSlots.mediaId, mediaSlots.profileId, mediaSlots.season], set: values });
  return true;
}

/** An extra slot's stored row; undefined before it is written (or after it was pruned). */
export async function extraSlotRow(db: Db | Tx, slot: SlotRef & { profileId: number }): Promise<MediaSlotRow | undefined> {
  const [row] = await db.select().from(mediaSlots).where(rowOf(slot));
  return row;
}

/** An extra slot's stored status; undefined before its row is written. */
export async function extraSlotStatus(db: Db | Tx, slot: SlotRef & { profileId: number }): Promise<TrailerStatus | undefined> {
  return (await extraSlotRow(db, slot))?.status;
}

/** One extra slot to claim: its item, profile and season (null: the whole item). */
export type SlotClaim = { mediaId: number; profileId: number; season: number | null };

/**
 * Moves extra slots to `queued` where they still need their file: no row yet or status `missing`,
 * the item monitored for trailers, not excluded and still in the Arr, no file of someone else at
 * the slot's name, and no present file of ours in it. One statement for many slots, atomic like
 * the main trailer's claim: of two racing callers only one wins each slot, and only the winner
 * queues its fetch (in the same transaction). Returns the slots this call claimed.
 */
export async function claimSlotFetches(tx: Tx, slots: readonly SlotClaim[]): Promise<SlotClaim[]> {
  if (slots.length === 0) return [];
  const recordset = sql`jsonb_to_recordset(${JSON.stringify(slots.map((s) => ({ media_id: s.mediaId, profile_id: s.profileId, season: s.season })))}::jsonb)
    as s(media_id bigint, profile_id integer, season integer)`;
  await tx.execute(sql`
    insert into ${mediaSlots} (media_id, profile_id, season, status)
    select s.media_id, s.profile_id, s.season, 'missing' from ${recordset}
    on conflict (media_id, profile_id, season) do nothing`);
  const claimed = rowsOf<{ media_id: number | string; profile_id: number; season: number | null }>(
    await tx.execute(sql`
      update ${mediaSlots} ms set status = 'queued', status_reason = null, updated_at = now()
      from ${recordset}, ${media} m
      where ms.media_id = s.media_id and ms.profile_id = s.profile_id and ms.season is not distinct from s.season
        and m.id = ms.media_id and m.trailer_monitored and m.excluded_reason is null and m.removed_at is null
        -- A connection in preview mode downloads nothing: its extra slots wait for the switch-off.
        and not exists (select 1 from connections c where c.id = m.connection_id and c.preview_only)
        and ms.status = 'missing' and ms.external_path is null
        and not exists (select 1 from ${trailers} t where t.media_id = ms.media_id and t.profile_id = ms.profile_id
          and t.season is not distinct from ms.season and t.state = 'present')
      returning ms.media_id, ms.profile_id, ms.season`),
  );
  return claimed.map((row) => ({ mediaId: Number(row.media_id), profileId: row.profile_id, season: row.season }));
}

/** `claimSlotFetches` for one slot: true when this call claimed it. */
export async function claimSlotFetch(tx: Tx, slot: SlotRef & { profileId: number }): Promise<boolean> {
  const claimed = await claimSlotFetches(tx, [{ mediaId: slot.mediaId, profileId: slot.profileId, season: slot.season ?? null }]);
  return claimed.length > 0;
}
