// The state of one file slot of an item. The main trailer's state is the media row's
// `trailer_status` (as before slots, so the library, dashboard and counts keep reading it); every
// other slot's is its `media_slots` row, created the first time the slot is planned or written.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { media, mediaSlots, trailers, type TrailerStatus } from '../db/schema/index.ts';

/** A slot of an item; no `profileId` means the item's main trailer. */
export interface SlotRef {
  mediaId: number;
  profileId?: number | undefined;
  season?: number | undefined;
}

export const isExtraSlot = (slot: SlotRef): slot is SlotRef & { profileId: number } => slot.profileId !== undefined;

const seasonIs = (season: number | undefined) => (season === undefined ? isNull(mediaSlots.season) : eq(mediaSlots.season, season));

/** Sets a slot's status and reason (and, for a file that is not ours, its path). */
export async function setSlotStatus(
  db: Db | Tx,
  slot: SlotRef,
  status: TrailerStatus,
  reason: string | null,
  extra: { externalPath?: string | null } = {},
): Promise<void> {
  const statusReason = reason?.slice(0, 1000) ?? null;
  if (!isExtraSlot(slot)) {
    const external = extra.externalPath !== undefined ? { externalTrailerPath: extra.externalPath } : {};
    await db.update(media).set({ trailerStatus: status, statusReason, updatedAt: new Date(), ...external }).where(eq(media.id, slot.mediaId));
    return;
  }
  const values = { status, statusReason, updatedAt: new Date(), ...(extra.externalPath !== undefined ? { externalPath: extra.externalPath } : {}) };
  await db
    .insert(mediaSlots)
    .values({ mediaId: slot.mediaId, profileId: slot.profileId, season: slot.season ?? null, ...values })
    .onConflictDoUpdate({ target: [mediaSlots.mediaId, mediaSlots.profileId, mediaSlots.season], set: values });
}

/**
 * Moves an extra slot to `queued` if it still needs its file: no row yet or status `missing`, the
 * item monitored for trailers and not excluded, no file of someone else at its name, and no
 * present file of ours in it. Atomic like the main trailer's claim: of two racing callers only one
 * wins, and only the winner queues the fetch (in the same transaction).
 */
export async function claimSlotFetch(tx: Tx, slot: SlotRef & { profileId: number }): Promise<boolean> {
  const season = slot.season ?? null;
  await tx
    .insert(mediaSlots)
    .values({ mediaId: slot.mediaId, profileId: slot.profileId, season, status: 'missing' })
    .onConflictDoNothing({ target: [mediaSlots.mediaId, mediaSlots.profileId, mediaSlots.season] });
  const presentFile = sql`exists (select 1 from ${trailers} where ${trailers.mediaId} = ${slot.mediaId}
    and ${trailers.profileId} = ${slot.profileId} and ${trailers.season} is not distinct from ${season}
    and ${trailers.state} = 'present')`;
  const itemWanted = sql`exists (select 1 from ${media} where ${media.id} = ${slot.mediaId}
    and ${media.trailerMonitored} and ${media.excludedReason} is null and ${media.removedAt} is null)`;
  const claimed = await tx
    .update(mediaSlots)
    .set({ status: 'queued', statusReason: null, updatedAt: new Date() })
    .where(
      and(
        eq(mediaSlots.mediaId, slot.mediaId),
        eq(mediaSlots.profileId, slot.profileId),
        seasonIs(slot.season),
        eq(mediaSlots.status, 'missing'),
        isNull(mediaSlots.externalPath),
        itemWanted,
        sql`not ${presentFile}`,
      ),
    )
    .returning({ id: mediaSlots.id });
  return claimed.length > 0;
}
