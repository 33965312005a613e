import { sql } from 'drizzle-orm';
import { fromDrizzle, type JobInsert, type PgBoss, type SendOptions } from 'pg-boss';
import type { Tx } from '../db/client.ts';
import type { QueueName } from './queues.ts';

/**
 * Sends a job inside the caller's transaction: the job exists exactly when the rows it belongs
 * to were committed. Returns the job id, or null when a singleton/dedupe rule suppressed it.
 */
export async function enqueueInTransaction(
  boss: PgBoss,
  tx: Tx,
  queue: QueueName,
  data: object,
  options: Omit<SendOptions, 'db'> = {},
): Promise<string | null> {
  return boss.send(queue, data, { ...options, db: bossDb(tx) });
}

/**
 * Many jobs of one queue in one statement, inside the caller's transaction (bulk work such as a
 * library backfill, where one send() per job would dominate). Queue defaults apply to each job.
 * Returns the ids of the jobs inserted.
 */
export async function enqueueManyInTransaction(
  boss: PgBoss,
  tx: Tx,
  queue: QueueName,
  jobs: JobInsert[],
): Promise<string[]> {
  if (jobs.length === 0) return [];
  return (await boss.insert(queue, jobs, { db: bossDb(tx), returnId: true })) ?? [];
}

/** pg-boss statements run on the caller's transaction connection. */
function bossDb(tx: Tx) {
  return fromDrizzle(tx as unknown as Parameters<typeof fromDrizzle>[0], sql);
}
