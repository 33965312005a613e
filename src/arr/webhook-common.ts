// What the Radarr and Sonarr webhook parsers share: the soft/hard field split for webhook objects
// and the eventType dispatch.
//
// Why "soft" fields exist: when we answer a webhook with 4xx, Radarr/Sonarr mark the connection as
// failing and, after a few failures, skip later events outright (they are never queued or retried).
// So a field we never act on must not be able to fail a delivery; a malformed one is simply dropped.
// Fields we do act on (ids, folder paths, file paths, deletedFiles) are "hard": a wrong type there is
// a real error and is named in the 400 body.
import { z } from 'zod';
import { issuesFromZod, soft, withoutNulls, type ParseIssue } from './tolerant-json.ts';

export type { ParseIssue } from './tolerant-json.ts';

export type ParseResult<T> = { ok: true; event: T } | { ok: false; issues: ParseIssue[] };

/** Fields every event carries besides eventType; informational only. */
export const envelopeFields = {
  instanceName: soft(z.string()),
  applicationUrl: soft(z.string()),
};

/** A file as both apps describe it in webhooks; only the two paths are used. */
export const webhookFile = z.object({
  id: soft(z.number()),
  relativePath: z.string(),
  path: z.string(),
});

/** A renamed file: the new paths plus where the file was before. */
export const webhookRenamedFile = webhookFile.extend({
  previousRelativePath: z.string(),
  previousPath: z.string(),
});

/**
 * MovieDelete / SeriesDelete: whether the user ticked "delete files". Absent reads as false, the
 * safe reading, since true makes us remove our own files too.
 */
export const deletedFilesField = { deletedFiles: z.boolean().default(false) };

/** MovieFileDelete / EpisodeFileDelete: why (upgrade, manual, missingFromDisk, ...); shown only. */
export const deleteReasonField = { deleteReason: soft(z.string()) };

const healthFields = {
  level: soft(z.string()),
  message: soft(z.string()),
  type: soft(z.string()),
  wikiUrl: soft(z.string()),
};

/**
 * The events both apps send that never lead to file work: Test (a fake payload, sent on every save
 * of the connection), Grab, Health, HealthRestored, ApplicationUpdate, ManualInteractionRequired.
 * `subject` is the app's soft `movie` or `series` field, kept for display only.
 */
export function informationalEventSchemas<Subject extends z.ZodRawShape>(subject: Subject) {
  return {
    Test: z.object({ eventType: z.literal('Test'), ...envelopeFields, ...subject }),
    Grab: z.object({ eventType: z.literal('Grab'), ...envelopeFields, ...subject }),
    Health: z.object({ eventType: z.literal('Health'), ...envelopeFields, ...healthFields }),
    HealthRestored: z.object({ eventType: z.literal('HealthRestored'), ...envelopeFields, ...healthFields }),
    ApplicationUpdate: z.object({
      eventType: z.literal('ApplicationUpdate'),
      ...envelopeFields,
      message: soft(z.string()),
      previousVersion: soft(z.string()),
      newVersion: soft(z.string()),
    }),
    ManualInteractionRequired: z.object({
      eventType: z.literal('ManualInteractionRequired'),
      ...envelopeFields,
      ...subject,
      downloadStatus: soft(z.string()),
    }),
  };
}

/** The event we keep for an eventType this version does not know: stored, never acted on. */
export type OtherWebhookEvent = {
  eventType: 'Other';
  receivedEventType: string;
  instanceName?: string | undefined;
  applicationUrl?: string | undefined;
};

/** The part of a zod schema the dispatcher needs; lets a record of differently typed schemas type-check. */
export type EventSchema<T> = {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: z.ZodError };
};

const envelope = z.object({ eventType: z.string().min(1), ...envelopeFields });

/**
 * Parses a webhook body: checks the envelope, then validates with the schema registered for its
 * eventType. An eventType missing from `schemas` becomes an {@link OtherWebhookEvent}, because new
 * *arr versions add event types and answering them with 400 would put the connection into back-off.
 */
export function parseWebhookBody<Known>(
  body: unknown,
  schemas: Readonly<Record<string, EventSchema<Known>>>,
): ParseResult<Known | OtherWebhookEvent> {
  let cleaned: unknown;
  try {
    cleaned = withoutNulls(body);
  } catch {
    // Only a pathologically nested body gets here (the call stack runs out); no sender does that.
    return { ok: false, issues: [{ path: '(body)', message: 'nested too deeply' }] };
  }
  if (typeof cleaned !== 'object' || cleaned === null || Array.isArray(cleaned)) {
    return { ok: false, issues: [{ path: '(body)', message: 'expected a JSON object' }] };
  }
  const head = envelope.safeParse(cleaned);
  if (!head.success) return { ok: false, issues: issuesFromZod(head.error) };
  const { eventType, instanceName, applicationUrl } = head.data;
  const schema = Object.hasOwn(schemas, eventType) ? schemas[eventType] : undefined;
  if (schema === undefined) {
    return { ok: true, event: { eventType: 'Other', receivedEventType: eventType, instanceName, applicationUrl } };
  }
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error) };
  return { ok: true, event: parsed.data };
}
