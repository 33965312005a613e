// The durable inbox: a webhook is stored, and its job enqueued, in one transaction before the
// sender gets its 2xx. Radarr/Sonarr never resend, so an event is either committed with its job
// or answered with an error the sender shows; there is no third outcome.
import { and, eq, sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Db } from '../db/client.ts';
import { webhookEvents, type webhookEventStates } from '../db/schema/index.ts';
import type { ArrSource } from '../domain/event-action.ts';
import { enqueueInTransaction } from '../jobs/enqueue.ts';
import { isRetryable, requeueEvent } from './event-retry.ts';
import { logText } from './event-text.ts';
import { QUEUES } from '../jobs/queues.ts';

export type WebhookEventState = (typeof webhookEventStates)[number];

/**
 * What happens to the event once stored:
 * - `job`: a `webhook-event` job is enqueued with it (state `received`);
 * - `needs-setup`: kept until a matching connection exists (see pending-events.ts);
 * - `settled`: nothing to do (Test, Grab, Health, …), stored already processed or ignored.
 */
export type EventDisposition =
  | { kind: 'job' }
  | { kind: 'needs-setup'; summary: string }
  | { kind: 'settled'; state: 'processed' | 'ignored'; summary: string };

export type NewWebhookEvent = {
  source: ArrSource;
  connectionId: number | null;
  connectionHint: string | null;
  instanceName: string | null;
  eventType: string;
  dedupeKey: string;
  rawBody: string;
  disposition: EventDisposition;
};

export type StoredWebhookEvent = { eventId: number; duplicate: boolean; state: WebhookEventState };

/**
 * How long an identical body counts as the same delivery. Duplicates come from a proxy retrying
 * within the sender's 100 s timeout or from two connections configured for one instance, both
 * within seconds. Later, an identical body is a real new event (a second Test, a Rename back and
 * forth), so it must be stored and acted on again.
 */
export const DUPLICATE_WINDOW_SECONDS = 10 * 60;

/** Stores the event (and its job) unless the same delivery is already stored. Throws on DB errors. */
export async function storeWebhookEvent(db: Db, boss: PgBoss, input: NewWebhookEvent): Promise<StoredWebhookEvent> {
  return db.transaction(async (tx) => {
    const values = eventRowValues(input);
    let [inserted] = await tx
      .insert(webhookEvents)
      .values(values)
      .onConflictDoNothing({ target: webhookEvents.dedupeKey })
      .returning({ id: webhookEvents.id, state: webhookEvents.state });
    if (!inserted) {
      // The key is taken: a duplicate inside the window, or an old event whose key is retired now
      // (renamed to `<key>#<id>`) so this new delivery can take it.
      const retired = await tx
        .update(webhookEvents)
        .set({ dedupeKey: sql`${webhookEvents.dedupeKey} || '#' || ${webhookEvents.id}` })
        .where(
          and(
            eq(webhookEvents.dedupeKey, input.dedupeKey),
            sql`${webhookEvents.receivedAt} < now() - make_interval(secs => ${DUPLICATE_WINDOW_SECONDS})`,
          ),
        )
        .returning({ id: webhookEvents.id });
      if (retired.length > 0) {
        [inserted] = await tx
          .insert(webhookEvents)
          .values(values)
          .onConflictDoNothing({ target: webhookEvents.dedupeKey })
          .returning({ id: webhookEvents.id, state: webhookEvents.state });
      }
    }
    if (!inserted) {
      const [existing] = await tx
        .select({ id: webhookEvents.id, state: webhookEvents.state, nextTryAt: webhookEvents.nextTryAt })
        .from(webhookEvents)
        .where(eq(webhookEvents.dedupeKey, input.dedupeKey))
        .for('update');
      // Only reachable if the row vanished between the two statements (a concurrent retire).
      if (!existing) throw new Error('webhook event neither inserted nor found; retry the delivery');
      // The sender tries again because the first delivery did not work out: run it again.
      if (isRetryable(existing)) {
        await requeueEvent(tx, boss, existing.id);
        return { eventId: existing.id, duplicate: false, state: 'received' };
      }
      return { eventId: existing.id, duplicate: true, state: existing.state };
    }
    if (input.disposition.kind === 'job') {
      await enqueueInTransaction(boss, tx, QUEUES.webhookEvent, { eventId: inserted.id });
    }
    return { eventId: inserted.id, duplicate: false, state: inserted.state };
  });
}

/** The `webhook_events` row for an event; shared with the batched path in webhook-inbox.ts. */
export function eventRowValues(input: NewWebhookEvent): typeof webhookEvents.$inferInsert {
  const base = {
    source: input.source,
    connectionId: input.connectionId,
    connectionHint: input.connectionHint,
    instanceName: input.instanceName,
    eventType: input.eventType,
    dedupeKey: input.dedupeKey,
    rawBody: input.rawBody,
  };
  const disposition = input.disposition;
  switch (disposition.kind) {
    case 'job':
      return { ...base, state: 'received' };
    case 'needs-setup':
      return { ...base, state: 'needs-setup', summary: logText(disposition.summary) };
    case 'settled':
      return { ...base, state: disposition.state, summary: logText(disposition.summary), processedAt: new Date() };
  }
}
