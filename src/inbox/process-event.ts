// One stored webhook, from its raw body to its outcome. Called by the `webhook-event` job; safe to
// call again for the same event (a retried job, a re-delivery): a settled event is left as it is.
import { eq } from 'drizzle-orm';
import { parseRadarrWebhook } from '../arr/radarr-webhook.ts';
import { parseSonarrWebhook } from '../arr/sonarr-webhook.ts';
import { isForeignKeyViolation } from '../db/db-errors.ts';
import { connections, webhookEvents, type ConnectionRow, type WebhookEventRow } from '../db/schema/index.ts';
import { webhookAction } from '../domain/event-action.ts';
import { applyAction, ConnectionDeletedMeanwhile, type InboxDeps } from './apply-action.ts';
import { needsSetupSummary, resolveConnection } from './connection-choice.ts';
import { deferEvent } from './event-deferral.ts';
import { inEventTransaction, outcome, type EventOutcome } from './event-outcome.ts';

/**
 * Processes the event. Returns its outcome, or `undefined` when there was nothing to do (gone or
 * already settled). An outcome `deferred` means the event waits: its next try is queued.
 */
export async function processWebhookEvent(
  deps: InboxDeps,
  eventId: number,
): Promise<EventOutcome | undefined> {
  try {
    return await processOnce(deps, eventId);
  } catch (err) {
    // Its connection (or a profile) was deleted while the event was being applied: the
    // transaction rolled back, and processing it again from the start finds the connection gone
    // (or another one) instead of failing the job and waiting for its retry.
    if (!(err instanceof ConnectionDeletedMeanwhile) && !isForeignKeyViolation(err)) throw err;
    return processOnce(deps, eventId);
  }
}

async function processOnce(deps: InboxDeps, eventId: number): Promise<EventOutcome | undefined> {
  const [event] = await deps.db.select().from(webhookEvents).where(eq(webhookEvents.id, eventId));
  if (!event || event.state !== 'received') return undefined;

  const connection = await connectionOf(deps, event);
  if (!connection.ok) return inEventTransaction(deps.db, eventId, async () => outcome.needsSetup(connection.why));
  if (!connection.row.enabled) {
    // Enabling it again starts a sync, and this event is tried again on its own schedule.
    return deferEvent(deps, eventId, `waiting: connection "${connection.row.name}" is disabled`);
  }

  const parsed = parseStored(event.source, event.rawBody);
  if (!parsed.ok) return inEventTransaction(deps.db, eventId, async () => outcome.failed(parsed.why));

  const result = await applyAction(
    deps,
    { eventId, eventType: event.eventType, connection: connection.row, deferrals: event.deferrals },
    webhookAction(event.source, parsed.event),
  );
  if (result?.state !== 'deferred') return result;
  return deferEvent(deps, eventId, result.summary);
}


/** The event's connection; re-resolved when it has none (or its connection was deleted since). */
async function connectionOf(
  deps: InboxDeps,
  event: WebhookEventRow,
): Promise<{ ok: true; row: ConnectionRow } | { ok: false; why: string }> {
  if (event.connectionId !== null) {
    const [row] = await deps.db.select().from(connections).where(eq(connections.id, event.connectionId));
    if (row) return { ok: true, row };
  }
  const choice = await resolveConnection(deps.db, event.source, {
    hint: event.connectionHint,
    instanceName: event.instanceName,
  });
  if (choice.connection === null) return { ok: false, why: needsSetupSummary(choice.why) };
  await deps.db.update(webhookEvents).set({ connectionId: choice.connection.id }).where(eq(webhookEvents.id, event.id));
  return { ok: true, row: choice.connection };
}

function parseStored(source: WebhookEventRow['source'], rawBody: string) {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch (err) {
    return { ok: false as const, why: `stored body is not JSON: ${String(err)}` };
  }
  const parsed = source === 'radarr' ? parseRadarrWebhook(json) : parseSonarrWebhook(json);
  if (!parsed.ok) {
    return { ok: false as const, why: `stored body is no longer valid: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` };
  }
  return { ok: true as const, event: parsed.event };
}
