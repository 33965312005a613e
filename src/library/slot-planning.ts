// Queueing the extra slots of items (every enabled profile besides the main trailer that applies,
// per monitored season for season-scoped ones): after an import, and in the sync's backfill.
// Which slots an item has is the pure `domain/slot-plan.ts` (the profiles read by
// `planned-slots.ts`); here the slots are claimed and their fetches queued, inside the caller's
// transaction.
import type { PgBoss } from 'pg-boss';
import type { Tx } from '../db/client.ts';
import type { MediaRow } from '../db/schema/index.ts';
import { extraSlots } from '../domain/slot-plan.ts';
import type { SlotPlanning } from './planned-slots.ts';
import { claimSlotFetches } from './slot-status.ts';
import { queueSlotFetches, type FetchReason } from './trailer-fetch-queue.ts';

export type SlotPlanItem = Pick<MediaRow, 'id' | 'kind' | 'connectionId' | 'tags' | 'seasons'>;

/** True when some enabled profile could give an item a file besides its main trailer. */
export function hasExtraProfiles(planning: SlotPlanning): boolean {
  return planning.profiles.some((profile) => profile.id !== planning.mainProfileId || profile.scope === 'season');
}

/** Claims and queues every extra slot of these items that still needs its file. Returns how many. */
export async function queueExtraSlots(
  boss: PgBoss,
  tx: Tx,
  items: readonly SlotPlanItem[],
  reason: FetchReason,
  planning: SlotPlanning,
): Promise<number> {
  if (!hasExtraProfiles(planning)) return 0;
  const wanted = items.flatMap((item) =>
    extraSlots(item, planning.profiles, planning.mainProfileId).map((slot) => ({ mediaId: item.id, ...slot })),
  );
  const claimed = await claimSlotFetches(tx, wanted);
  return queueSlotFetches(boss, tx, claimed, reason);
}
