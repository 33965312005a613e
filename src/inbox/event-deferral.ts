// An event whose action depends on something that can still change (the connection's roots not
// read yet, the Arr unreachable, the item's folder not created yet, the connection disabled) is
// not failed: it waits. Its row says why and when it is tried next, and a new `webhook-event` job
// is queued for that time in the same transaction, so the wait survives a restart.
import { eq } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Db } from '../db/client.ts';
import { webhookEvents } from '../db/schema/index.ts';
import { nextDelayMs, type BackoffOptions, type RandomSource } from '../domain/backoff.ts';
import { enqueueInTransaction } from '../jobs/enqueue.ts';
import { QUEUES } from '../jobs/queues.ts';
import { outcome, recordOutcome, type EventOutcome } from './event-outcome.ts';
import { logText } from './event-text.ts';

/** 5 s, 10 s, 20 s … up to 10 min: a folder Radarr is creating, an Arr restarting, a user fixing a mapping. */
export const EVENT_BACKOFF: BackoffOptions = { baseMs: 5_000, maxMs: 10 * 60_000, factor: 2 };

/** About an hour and a half of waiting in all; then the library sync is the safety net. */
export const MAX_DEFERRALS = 14;

export type DeferralDeps = { db: Db; boss: PgBoss; random?: RandomSource };

/**
 * Records that the event waits (`summary` says for what) and queues its next try; after
 * {@link MAX_DEFERRALS} the event is settled saying it gave up. Returns what was recorded, or
 * `undefined` when the event was settled meanwhile.
 */
export async function deferEvent(deps: DeferralDeps, eventId: number, summary: string): Promise<EventOutcome | undefined> {
  return deps.db.transaction(async (tx) => {
    const [event] = await tx
      .select({ state: webhookEvents.state, deferrals: webhookEvents.deferrals })
      .from(webhookEvents)
      .where(eq(webhookEvents.id, eventId))
      .for('update');
    if (event?.state !== 'received') return undefined;
    const deferrals = event.deferrals + 1;
    if (deferrals > MAX_DEFERRALS) {
      const settled = outcome.processed(
        `${summary}. Gave up waiting: the trailer is fetched on the next import of a file (its Download event) or by the library sync`,
      );
      await recordOutcome(tx, eventId, settled);
      await tx.update(webhookEvents).set({ nextTryAt: null }).where(eq(webhookEvents.id, eventId));
      return settled;
    }
    const nextTryAt = new Date(Date.now() + nextDelayMs(deferrals, EVENT_BACKOFF, deps.random ?? Math.random));
    await tx
      .update(webhookEvents)
      .set({ summary: logText(summary), deferrals, nextTryAt })
      .where(eq(webhookEvents.id, eventId));
    await enqueueInTransaction(deps.boss, tx, QUEUES.webhookEvent, { eventId }, { startAfter: nextTryAt });
    return outcome.deferred(summary);
  });
}
