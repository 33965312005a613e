// What a user may send to add or change a notification target (JSON API and the settings form).
import { z } from 'zod';
import { name } from '../connections/connection-input.ts';
import { notificationEvents, notificationKinds, type NotificationKind } from '../db/schema/outbound.ts';
import { keptOrNewSecret, secretText, serviceUrl } from '../outbound/secret-field.ts';
import { TARGETS } from './targets/index.ts';

const kind = z.enum(notificationKinds, { error: (issue) => (issue.input === undefined ? 'is required' : `must be one of ${notificationKinds.join(', ')}`) });
const recipient = z
  .string({ error: 'must be text' })
  .trim()
  .max(200, 'must be at most 200 characters')
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'must not contain control characters');
const events = z.array(z.enum(notificationEvents, { error: `must be among ${notificationEvents.join(', ')}` }), { error: 'must be a list of events' }).max(notificationEvents.length);
const flag = z.boolean({ error: 'must be true or false' });

export const DEFAULT_EVENTS = ['trailer-placed', 'needs-attention', 'connection-failing', 'connection-recovered'] as const;

/** A Discord webhook URL pasted whole: its last segment is the token, stored as the secret. */
function splitDiscordUrl(url: string): { url: string; secret: string } | undefined {
  const match = /^(.*\/webhooks\/[^/]+)\/([^/?#]+)$/.exec(url);
  return match ? { url: match[1]!, secret: decodeURIComponent(match[2]!) } : undefined;
}

type Shape = { kind: NotificationKind; url?: string | undefined; secret?: string | undefined; recipient?: string | undefined };

/** Fills the URL default and splits a Discord URL; run before the per-kind checks. */
function normalise<T extends Shape>(value: T): T {
  const module = TARGETS[value.kind];
  let next = { ...value };
  if ((next.url === undefined || next.url === '') && module.defaultUrl) next.url = module.defaultUrl;
  if (next.kind === 'discord' && next.url && !next.secret) {
    const split = splitDiscordUrl(next.url);
    if (split) next = { ...next, ...split };
  }
  return next;
}

function checkKind(value: Shape, ctx: z.RefinementCtx, creating: boolean): void {
  const module = TARGETS[value.kind];
  if (creating && !value.url) ctx.addIssue({ code: 'custom', path: ['url'], message: 'is required' });
  if (creating && module.secretRequired && !value.secret) ctx.addIssue({ code: 'custom', path: ['secret'], message: `is required for ${module.label} (${module.secretLabel})` });
  if (creating && (value.kind === 'telegram' || value.kind === 'pushover') && !value.recipient) {
    ctx.addIssue({ code: 'custom', path: ['recipient'], message: `is required for ${module.label} (${module.recipientLabel})` });
  }
}

const optionalUrl = z.union([z.literal(''), serviceUrl]);

export const createNotificationSchema = z
  .object({
    name,
    kind,
    url: optionalUrl.default(''),
    secret: secretText.default(''),
    recipient: recipient.default(''),
    events: events.default([...DEFAULT_EVENTS]),
    enabled: flag.default(true),
  })
  .strict()
  .transform(normalise)
  .pipe(
    z
      .object({ name: z.string(), kind, url: serviceUrl, secret: z.string(), recipient: z.string(), events, enabled: z.boolean() })
      .superRefine((value, ctx) => checkKind(value, ctx, true)),
  );
export type CreateNotificationInput = z.output<typeof createNotificationSchema>;

/** A partial change; a masked or omitted secret keeps the stored one (same origin only). */
export const updateNotificationSchema = z
  .object({
    name: name.optional(),
    kind: kind.optional(),
    url: serviceUrl.optional(),
    secret: keptOrNewSecret.optional(),
    recipient: recipient.optional(),
    events: events.optional(),
    enabled: flag.optional(),
  })
  .strict();
export type UpdateNotificationInput = z.output<typeof updateNotificationSchema>;

/** Applies the Discord URL split to an update once the kind is known. */
export function normaliseUpdate(kindNow: NotificationKind, input: UpdateNotificationInput): UpdateNotificationInput {
  const { url, secret, recipient, ...rest } = input;
  const next = normalise({ kind: input.kind ?? kindNow, url, secret, recipient });
  return { ...rest, ...(next.url !== undefined ? { url: next.url } : {}), ...(next.secret !== undefined ? { secret: next.secret } : {}), ...(recipient !== undefined ? { recipient } : {}) };
}
