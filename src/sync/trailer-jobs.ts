// The rename jobs a sync queues, in bulk. (Its trailer fetches go through
// library/trailer-fetch-queue.ts like every other fetch.)
import type { JobInsert, PgBoss } from 'pg-boss';
import type { Tx } from '../db/client.ts';
import { enqueueManyInTransaction } from '../jobs/enqueue.ts';
import type { JobPayload } from '../jobs/payloads.ts';
import { QUEUES } from '../jobs/queues.ts';

/** A missed rename: the item's folder or file changed while no webhook told us. */
export async function enqueueTrailerRenames(boss: PgBoss, tx: Tx, mediaIds: readonly number[]): Promise<number> {
  const jobs: JobInsert[] = mediaIds.map((mediaId) => {
    const data: JobPayload<'trailer-rename'> = { mediaId };
    return { data };
  });
  return (await enqueueManyInTransaction(boss, tx, QUEUES.trailerRename, jobs)).length;
}
