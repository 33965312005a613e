import { sql } from 'drizzle-orm';
import { fromDrizzle, type PgBoss, type SendOptions } from 'pg-boss';
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
  const db = fromDrizzle(tx as unknown as Parameters<typeof fromDrizzle>[0], sql);
  return boss.send(queue, data, { ...options, db });
}
