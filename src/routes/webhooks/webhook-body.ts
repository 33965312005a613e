// Turning the bytes of a webhook request into a validated event, without I/O. Every refusal is a
// 400 whose body names the problem, because the Radarr/Sonarr UI shows it when the user presses
// Test and the user has to fix it from that message alone.
import { parseRadarrWebhook, type RadarrWebhookEvent } from '../../arr/radarr-webhook.ts';
import { parseSonarrWebhook, type SonarrWebhookEvent } from '../../arr/sonarr-webhook.ts';
import type { ParseIssue } from '../../arr/webhook-common.ts';
import { dedupeKey, webhookAction, type ArrSource, type WebhookAction } from '../../domain/event-action.ts';
import { createHash } from 'node:crypto';

export type WebhookEvent = RadarrWebhookEvent | SonarrWebhookEvent;

export type ReadWebhook =
  | {
      ok: true;
      event: WebhookEvent;
      action: WebhookAction;
      /** The body as sent (UTF-8 decoded), kept verbatim in the inbox. */
      text: string;
      /** Event type as sent, also for types this version does not know. */
      eventType: string;
      dedupeKey: string;
    }
  | { ok: false; error: string; message: string; issues: ParseIssue[] };

/** Radarr and Sonarr send `application/json`; relays may add a charset or use a `+json` type. */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const mediaType = header.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[\w.+-]+\+json$/.test(mediaType);
}

export function contentTypeProblem(header: string | undefined): ReadWebhook & { ok: false } {
  const got = header ? `"${header.slice(0, 100)}"` : 'no Content-Type';
  return refuse('unsupported_content_type', `A webhook body must be JSON sent as application/json; got ${got}.`, [
    { path: '(headers).content-type', message: `expected application/json, got ${got}` },
  ]);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes, parses and validates one webhook body for `source`. Never throws. */
export function readWebhookBody(source: ArrSource, bytes: Uint8Array): ReadWebhook {
  const app = source === 'radarr' ? 'Radarr' : 'Sonarr';
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return refuse('invalid_body', 'The webhook body is not valid UTF-8 text.', [{ path: '(body)', message: 'not valid UTF-8' }]);
  }
  if (text.trim() === '') {
    return refuse('invalid_body', `The webhook body is empty; expected a ${app} event as a JSON object.`, [
      { path: '(body)', message: 'empty' },
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return refuse('invalid_json', `The webhook body is not valid JSON (truncated or malformed): ${detail}`, [
      { path: '(body)', message: `not valid JSON: ${detail}` },
    ]);
  }
  const parsed = source === 'radarr' ? parseRadarrWebhook(json) : parseSonarrWebhook(json);
  if (!parsed.ok) {
    const named = parsed.issues.slice(0, 5).map((issue) => `${issue.path}: ${issue.message}`);
    const more = parsed.issues.length > named.length ? ` (and ${parsed.issues.length - named.length} more)` : '';
    return refuse('invalid_body', `The webhook body is not a valid ${app} event: ${named.join('; ')}${more}.`, parsed.issues);
  }
  const event = parsed.event;
  const eventType = event.eventType === 'Other' ? event.receivedEventType : event.eventType;
  return {
    ok: true,
    event,
    action: webhookAction(source, event),
    text,
    eventType,
    dedupeKey: storableKey(source, dedupeKey(source, event, text, json)),
  };
}

function refuse(error: string, message: string, issues: ParseIssue[]): ReadWebhook & { ok: false } {
  return { ok: false, error, message, issues };
}

/**
 * The key embeds the event type as sent; an unknown type may be long or hold a NUL, which a
 * unique index cannot take, so such a key is hashed once more.
 */
function storableKey(source: ArrSource, key: string): string {
  if (key.length <= 200 && !key.includes('\0')) return key;
  return `${source}:long:${createHash('sha256').update(key).digest('hex')}`;
}
