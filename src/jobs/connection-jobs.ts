import { sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { rowsOf, type Db, type Tx } from '../db/client.ts';
import { media } from '../db/schema/index.ts';
import { BOSS_SCHEMA } from './boss.ts';
import { QUEUES, type QueueName } from './queues.ts';

/** pg-boss' job table (the partitioned parent: every queue's jobs). */
export const bossJobs = sql.raw(`"${BOSS_SCHEMA}".job`);

/**
 * The jobs not yet started that work for one connection: fetch, rename and delete jobs of its
 * media rows, and its library syncs. Read before the connection is deleted (the media rows go
 * with it), so a deleted connection leaves no work behind for items that no longer exist.
 */
export async function pendingJobsOfConnection(db: Db | Tx, connectionId: number): Promise<Array<{ id: string; name: QueueName }>> {
  const result = await db.execute(sql`
    select id::text as id, name from ${bossJobs}
    where state in ('created', 'retry') and (
      (name in (${QUEUES.trailerFetch}, ${QUEUES.trailerRename}, ${QUEUES.trailerDelete})
        and jsonb_typeof(data -> 'mediaId') = 'number'
        and (data ->> 'mediaId')::numeric in (select ${media.id} from ${media} where ${media.connectionId} = ${connectionId}))
      or (name = ${QUEUES.librarySync} and data -> 'connectionId' = to_jsonb(${connectionId}::int))
    )`);
  return rowsOf<{ id: string; name: QueueName }>(result);
}

/** Cancels the given jobs (pg-boss keeps them as `cancelled`, which no count shows as work). */
export async function cancelJobs(boss: PgBoss, jobs: ReadonlyArray<{ id: string; name: QueueName }>): Promise<void> {
  const byQueue = new Map<QueueName, string[]>();
  for (const job of jobs) byQueue.set(job.name, [...(byQueue.get(job.name) ?? []), job.id]);
  for (const [name, ids] of byQueue) await boss.cancel(name, ids);
}
