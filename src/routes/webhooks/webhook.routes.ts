// POST/PUT /webhooks/radarr and /webhooks/sonarr. The sender waits for this answer on the thread
// that imports the file and never resends, so the route only validates, stores the event with its
// job in one transaction, and answers; all work happens in the `webhook-event` job.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { requireApiKey } from '../../http/api-key.ts';
import { errorJson } from '../../http/errors.ts';
import type { ArrSource } from '../../domain/event-action.ts';
import { needsSetupSummary } from '../../inbox/connection-choice.ts';
import { testMessage } from '../../inbox/event-disposition.ts';
import { createWebhookInbox, type ReceivedWebhook, type WebhookInbox } from '../../inbox/webhook-inbox.ts';
import { displayText } from '../../inbox/event-text.ts';
import { readCappedBody } from './request-body.ts';
import { contentTypeProblem, isJsonContentType, readWebhookBody } from './webhook-body.ts';

/** Real payloads are a few KiB; 1 MiB leaves room for huge custom-format lists and nothing else. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

export function webhookRoutes(deps: ServiceDeps): Hono {
  const app = new Hono();
  const inbox = deps.boss ? createWebhookInbox(deps.database.db, deps.boss) : null;
  for (const source of ['radarr', 'sonarr'] as const) {
    app.on(
      ['POST', 'PUT'],
      `/webhooks/${source}`,
      requireApiKey(() => deps.apiKey.current()),
      requireJson,
      (c) => receiveWebhook(c, deps, inbox, source),
    );
  }
  return app;
}

const requireJson: MiddlewareHandler = async (c, next) => {
  const contentType = c.req.header('content-type');
  if (!isJsonContentType(contentType)) {
    const problem = contentTypeProblem(contentType);
    return errorJson(c, 400, problem.error, problem.message, { issues: problem.issues });
  }
  await next();
};

async function receiveWebhook(c: Context, deps: ServiceDeps, inbox: WebhookInbox | null, source: ArrSource): Promise<Response> {
  const body = await readCappedBody(c.req.raw, MAX_WEBHOOK_BYTES);
  if (!body.ok && body.why === 'too-large') {
    return errorJson(c, 413, 'payload_too_large', `The webhook body is larger than ${MAX_WEBHOOK_BYTES} bytes (1 MiB).`);
  }
  if (!body.ok) return errorJson(c, 400, 'invalid_body', 'The webhook body could not be read (the sender closed the connection early).');
  const read = readWebhookBody(source, body.bytes);
  if (!read.ok) return errorJson(c, 400, read.error, read.message, { issues: read.issues });

  if (!inbox) return unavailable(c, 'the job queue is not running in this process');
  // An event written into a deleted data folder would be lost with it: refuse, so the sender retries.
  const storage = deps.database.storageProblem();
  if (storage !== undefined) {
    deps.logger.error({ source, problem: storage }, 'webhook refused: the data folder is not usable');
    return unavailable(c, 'its data folder is not usable');
  }
  const hint = displayText(c.req.query('connection')?.trim() || undefined);
  const instanceName = displayText(read.event.instanceName);
  let received: ReceivedWebhook;
  try {
    received = await inbox.receive({
      source,
      hint,
      instanceName,
      eventType: displayText(read.eventType) ?? 'Unknown',
      dedupeKey: read.dedupeKey,
      rawBody: read.text,
      action: read.action,
    });
  } catch (err) {
    deps.logger.error({ err, source }, 'webhook could not be stored');
    return unavailable(c, 'the database is not reachable');
  }
  const { choice, stored } = received;
  deps.logger.info(
    { source, eventId: stored.eventId, eventType: read.eventType, duplicate: stored.duplicate, state: stored.state },
    'webhook received',
  );

  if (read.action.type === 'test') {
    return c.json({ ok: true, eventId: stored.eventId, message: testMessage(source, instanceName, choice) }, 200);
  }
  const reply = {
    accepted: true,
    eventId: stored.eventId,
    duplicate: stored.duplicate,
    action: read.action.type,
    state: stored.state,
    ...(read.action.type === 'none' ? { reason: read.action.reason } : {}),
    ...(choice.connection === null && read.action.type !== 'none' ? { message: needsSetupSummary(choice.why) } : {}),
  };
  // 202: work is pending (queued, or kept until its connection exists). A duplicate or an event
  // with nothing to do is simply "OK".
  const pending = stored.state === 'received' || stored.state === 'needs-setup';
  return c.json(reply, pending && !stored.duplicate ? 202 : 200);
}

function unavailable(c: Context, why: string): Response {
  // Never 2xx for an event that was not stored: the sender then marks the delivery as failed.
  return errorJson(c, 503, 'unavailable', `Previewarr could not store this event because ${why}; try again shortly.`);
}
