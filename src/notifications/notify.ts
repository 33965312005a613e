// The one call the rest of the service makes to tell people something: the event goes to the
// outbox of every enabled target that asked for its kind. Never throws.
import { sql } from 'drizzle-orm';
import { notificationTargets } from '../db/schema/outbound.ts';
import { addToOutbox } from '../outbound/outbox.ts';
import type { OutboundDeps } from '../outbound/outbound-deps.ts';
import type { NotificationEvent } from './notification-event.ts';

/** `dedupeKey`: an event with this key still waiting in a target's outbox is not added again. */
export async function notify(deps: OutboundDeps, event: NotificationEvent, dedupeKey?: string): Promise<void> {
  try {
    const targets = await deps.db
      .select({ id: notificationTargets.id })
      .from(notificationTargets)
      .where(sql`${notificationTargets.enabled} and ${notificationTargets.events} @> ${JSON.stringify([event.kind])}::jsonb`);
    const entries = targets.map((target) => ({ targetId: target.id, dedupeKey: dedupeKey ?? null, payload: event as unknown as Record<string, unknown> }));
    await addToOutbox(deps, 'notification', entries, deps.env.NOTIFY_BATCH_SECONDS);
  } catch (error) {
    deps.logger.warn({ err: error, event: event.kind }, 'could not queue a notification');
  }
}
