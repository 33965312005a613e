// The sync's backfill of extra slots: every eligible item of the connection (the same backfill
// policy as the main trailer, monitored for trailers, not excluded, still in the Arr) gets its
// extra slots claimed and queued at backfill priority. "Never twice" is the slot's status, as for
// the main trailer: a slot moves from `missing` to `queued` in the transaction that queues it.
import { asc } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Db } from '../db/client.ts';
import { media } from '../db/schema/media.ts';
import { readSlotPlanning } from '../library/planned-slots.ts';
import { hasExtraProfiles, queueExtraSlots } from '../library/slot-planning.ts';
import { backfillItems, type BackfillPolicy } from './backfill.ts';

/** Queues the extra-slot fetches of the connection's eligible items. Returns how many. */
export async function enqueueSlotBackfill(
  deps: { db: Db; boss: PgBoss },
  connectionId: number,
  policy: BackfillPolicy,
  chunkSize = 500,
): Promise<number> {
  const planning = await readSlotPlanning(deps.db);
  if (!hasExtraProfiles(planning)) return 0;
  const items = await deps.db
    .select({ id: media.id, kind: media.kind, connectionId: media.connectionId, tags: media.tags, seasons: media.seasons })
    .from(media)
    .where(backfillItems(connectionId, policy))
    .orderBy(asc(media.id));
  let queued = 0;
  for (let start = 0; start < items.length; start += chunkSize) {
    const chunk = items.slice(start, start + chunkSize);
    queued += await deps.db.transaction((tx) => queueExtraSlots(deps.boss, tx, chunk, 'backfill', planning));
  }
  return queued;
}
