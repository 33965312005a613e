// How an event's processing is recorded. Everything an event changes (media rows, jobs) commits in
// the same transaction as its new state, and the event row is locked and checked first: a job
// retried after a crash, or run twice at once on Postgres, finds the event settled and does nothing.
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { webhookEvents } from '../db/schema/index.ts';
import { logText } from './event-text.ts';

export type SettledState = 'processed' | 'ignored' | 'failed' | 'needs-setup';

export type EventOutcome =
  | { state: SettledState; summary: string }
  /** Not yet possible (no roots, the Arr unreachable, no folder yet): keep `received`, try again later. */
  | { state: 'deferred'; summary: string };

export const outcome = {
  processed: (summary: string): EventOutcome => ({ state: 'processed', summary }),
  ignored: (summary: string): EventOutcome => ({ state: 'ignored', summary }),
  failed: (summary: string): EventOutcome => ({ state: 'failed', summary }),
  needsSetup: (summary: string): EventOutcome => ({ state: 'needs-setup', summary }),
  deferred: (summary: string): EventOutcome => ({ state: 'deferred', summary }),
};

/**
 * Runs `work` in a transaction holding the event's row lock, then records its outcome there.
 * Returns `undefined` (and runs nothing) when the event is gone or no longer `received`.
 */
export async function inEventTransaction(
  db: Db,
  eventId: number,
  work: (tx: Tx) => Promise<EventOutcome>,
): Promise<EventOutcome | undefined> {
  return db.transaction(async (tx) => {
    const [event] = await tx
      .select({ state: webhookEvents.state })
      .from(webhookEvents)
      .where(eq(webhookEvents.id, eventId))
      .for('update');
    if (event?.state !== 'received') return undefined;
    const result = await work(tx);
    await recordOutcome(tx, eventId, result);
    return result;
  });
}

/** Writes the outcome on the event row (no state check: callers hold the lock or settle a last try). */
export async function recordOutcome(db: Db | Tx, eventId: number, result: EventOutcome, error?: string): Promise<void> {
  if (result.state === 'deferred') {
    await db.update(webhookEvents).set({ summary: logText(result.summary), error: logText(error) }).where(eq(webhookEvents.id, eventId));
    return;
  }
  await db
    .update(webhookEvents)
    .set({ state: result.state, summary: logText(result.summary), error: logText(error), processedAt: new Date(), nextTryAt: null })
    .where(eq(webhookEvents.id, eventId));
}
