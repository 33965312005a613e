// Which extra slots the plan gives an item now, read from the database: the enabled profiles and
// the main one (read once per batch), given to the pure `domain/slot-plan.ts`. One reading of the
// plan for queueing an item's slots (`slot-planning.ts`), pruning the rows it no longer gives
// (`slot-pruning.ts`) and the status writer's "is this slot still planned" (`slot-status.ts`).
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { media, trailerProfiles } from '../db/schema/index.ts';
import { extraSlots, type SlotItem, type SlotProfile } from '../domain/slot-plan.ts';
import { mainProfileId } from './main-profile.ts';

export type SlotPlanning = { profiles: SlotProfile[]; mainProfileId: number | undefined };

/** The enabled profiles and which one is the main trailer's, read once per batch. */
export async function readSlotPlanning(db: Db | Tx): Promise<SlotPlanning> {
  const rows = await db
    .select({
      id: trailerProfiles.id,
      kind: trailerProfiles.kind,
      scope: trailerProfiles.scope,
      enabled: trailerProfiles.enabled,
      appliesTo: trailerProfiles.appliesTo,
    })
    .from(trailerProfiles);
  return { profiles: rows.filter((row) => row.enabled), mainProfileId: await mainProfileId(db) };
}

/** A slot as a set key: profile and season (null, the whole item, apart from every season). */
export const slotKey = (profileId: number, season: number | null): string => `${profileId}:${season ?? -1}`;

/** The keys of the extra slots the plan gives the item. */
export function plannedSlotKeys(item: SlotItem, planning: SlotPlanning): Set<string> {
  return new Set(extraSlots(item, planning.profiles, planning.mainProfileId).map((slot) => slotKey(slot.profileId, slot.season)));
}

/** Whether the plan, as stored now, gives the item this extra slot (false for an item that is gone). */
export async function isPlannedSlot(db: Db | Tx, slot: { mediaId: number; profileId: number; season: number | null }): Promise<boolean> {
  const [item] = await db
    .select({ kind: media.kind, connectionId: media.connectionId, tags: media.tags, seasons: media.seasons })
    .from(media)
    .where(eq(media.id, slot.mediaId));
  if (item === undefined) return false;
  return plannedSlotKeys(item, await readSlotPlanning(db)).has(slotKey(slot.profileId, slot.season));
}
