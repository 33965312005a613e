import { bigserial, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { connections } from './connections.ts';

/**
 * The inbox: every webhook accepted is stored here, with its job enqueued in the same
 * transaction, before the 2xx goes out. Radarr and Sonarr never resend.
 */
export const webhookEventStates = [
  'received',
  'processed',
  'ignored',
  'needs-setup',
  'failed',
] as const;

export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    source: text('source', { enum: ['radarr', 'sonarr'] }).notNull(),
    connectionId: integer('connection_id').references(() => connections.id, { onDelete: 'set null' }),
    instanceName: text('instance_name'),
    /** The `?connection=<name>` the sender put in its URL, kept so a connection of that name
     *  added later still claims the event (state `needs-setup` until then). */
    connectionHint: text('connection_hint'),
    eventType: text('event_type').notNull(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    rawBody: text('raw_body').notNull(),
    state: text('state', { enum: webhookEventStates }).notNull().default('received'),
    summary: text('summary'),
    error: text('error'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    /** Times the event waited for something that can still change (roots, the Arr, a folder). */
    deferrals: integer('deferrals').notNull().default(0),
    /** While the event waits (state `received`): when its next try is scheduled. */
    nextTryAt: timestamp('next_try_at', { withTimezone: true }),
  },
  (t) => [
    index('webhook_events_received').on(t.receivedAt),
    index('webhook_events_state').on(t.state),
  ],
);

/** One stored webhook event. */
export type WebhookEventRow = typeof webhookEvents.$inferSelect;
