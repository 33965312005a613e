// Running an event again: a failed one when the user asks (Events page, POST
// /api/v1/events/{id}/retry) or when the sender delivers the same body again, and a waiting one
// at once instead of at its next scheduled try. Processing is idempotent (event-outcome.ts), so a
// waiting event's own later job finds it settled and does nothing.
import { eq } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Db, Tx } from '../db/client.ts';
import { webhookEvents } from '../db/schema/index.ts';
import { enqueueInTransaction } from '../jobs/enqueue.ts';
import { QUEUES } from '../jobs/queues.ts';

type EventState = (typeof webhookEvents.$inferSelect)['state'];

/** Failed, or waiting for a next try: worth running again now. */
export function isRetryable(event: { state: EventState; nextTryAt: Date | null }): boolean {
  return event.state === 'failed' || (event.state === 'received' && event.nextTryAt !== null);
}

/**
 * Puts the (locked, retryable) event back to `received` with a fresh count of waits and queues
 * its job now. Call inside the transaction that locked the row.
 */
export async function requeueEvent(tx: Tx, boss: PgBoss, eventId: number): Promise<void> {
  await tx
    .update(webhookEvents)
    .set({ state: 'received', deferrals: 0, nextTryAt: null, error: null, processedAt: null })
    .where(eq(webhookEvents.id, eventId));
  await enqueueInTransaction(boss, tx, QUEUES.webhookEvent, { eventId });
}

export type EventRetry =
  | { ok: true; eventId: number; message: string }
  | { ok: false; status: 404 | 409; error: 'not_found' | 'not_retryable'; message: string };

export async function retryEvent(deps: { db: Db; boss: PgBoss }, eventId: number): Promise<EventRetry> {
  return deps.db.transaction(async (tx): Promise<EventRetry> => {
    const [event] = await tx
      .select({ state: webhookEvents.state, nextTryAt: webhookEvents.nextTryAt })
      .from(webhookEvents)
      .where(eq(webhookEvents.id, eventId))
      .for('update');
    if (!event) return { ok: false, status: 404, error: 'not_found', message: `No event with id ${eventId}.` };
    if (!isRetryable(event)) {
      const why =
        event.state === 'needs-setup'
          ? 'it waits for its connection, and runs as soon as that connection is added'
          : event.state === 'received'
            ? 'it is queued and runs shortly'
            : `it is ${event.state} already`;
      return { ok: false, status: 409, error: 'not_retryable', message: `Event ${eventId} is not retried: ${why}.` };
    }
    await requeueEvent(tx, deps.boss, eventId);
    return { ok: true, eventId, message: `Event ${eventId} is being processed again.` };
  });
}
