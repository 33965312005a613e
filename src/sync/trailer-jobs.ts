// The trailer jobs a sync queues. Always in bulk, inside the transaction that moved the items to
// `queued`, at backfill priority so fresh imports (webhooks) go first.
import type { JobInsert, PgBoss } from 'pg-boss';
import type { Tx } from '../db/client.ts';
import { enqueueManyInTransaction } from '../jobs/enqueue.ts';
import type { JobPayload } from '../jobs/payloads.ts';
import { PRIORITY, QUEUES } from '../jobs/queues.ts';

/** The key every trailer-fetch of one item shares, so a queue view can tell them apart by item. */
export function trailerJobKey(mediaId: number): string {
  return `trailer:${mediaId}`;
}

export async function enqueueTrailerFetches(
  boss: PgBoss,
  tx: Tx,
  mediaIds: readonly number[],
  reason: Extract<JobPayload<'trailer-fetch'>['reason'], 'backfill' | 'refetch'>,
): Promise<number> {
  const jobs: JobInsert[] = mediaIds.map((mediaId) => {
    const data: JobPayload<'trailer-fetch'> = { mediaId, reason };
    return { data, priority: PRIORITY.backfill, singletonKey: trailerJobKey(mediaId) };
  });
  return (await enqueueManyInTransaction(boss, tx, QUEUES.trailerFetch, jobs)).length;
}

/** A missed rename: the item's folder or file changed while no webhook told us. */
export async function enqueueTrailerRenames(boss: PgBoss, tx: Tx, mediaIds: readonly number[]): Promise<number> {
  const jobs: JobInsert[] = mediaIds.map((mediaId) => {
    const data: JobPayload<'trailer-rename'> = { mediaId };
    return { data };
  });
  return (await enqueueManyInTransaction(boss, tx, QUEUES.trailerRename, jobs)).length;
}
