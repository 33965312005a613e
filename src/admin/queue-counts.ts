import { sql } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from '../db/client.ts';
import { bossJobs } from '../jobs/connection-jobs.ts';
import type { QueueName } from '../jobs/queues.ts';

export type QueueCounts = { name: QueueName; waiting: number; running: number; later: number; failed: number };



/**
 * Jobs per queue counted now, from pg-boss' job table. `getQueueStats` serves a count up to a
 * minute old (so a finished backfill still read "waiting 6, running 2"), and its `queuedCount`
 * includes the jobs waiting for a retry time, which it also reports as `deferredCount` (the same
 * six jobs were "waiting 6" and "later 6"). Here each live job is in exactly one column:
 * waiting = may start now, later = retry/start time still ahead, running, failed (kept by pg-boss
 * until its retention ends).
 */
export async function countQueues(db: Db | Tx, names: readonly QueueName[]): Promise<QueueCounts[]> {
  if (names.length === 0) return [];
  const result = await db.execute(sql`
    select name,
      count(*) filter (where state in ('created', 'retry') and start_after <= now())::int as waiting,
      count(*) filter (where state in ('created', 'retry') and start_after > now())::int as later,
      count(*) filter (where state = 'active')::int as running,
      count(*) filter (where state = 'failed')::int as failed
    from ${bossJobs}
    where name in (${sql.join(names.map((name) => sql`${name}`), sql`, `)})
      and state in ('created', 'retry', 'active', 'failed')
    group by name`);
  const counted = new Map(rowsOf<Omit<QueueCounts, 'name'> & { name: string }>(result).map((row) => [row.name, row]));
  return names.map((name) => {
    const row = counted.get(name);
    return { name, waiting: Number(row?.waiting ?? 0), running: Number(row?.running ?? 0), later: Number(row?.later ?? 0), failed: Number(row?.failed ?? 0) };
  });
}
