// Reply bodies of /api/v1/mediaservers and /api/v1/notifications. Every reply passes through
// these schemas, so a token or secret can only leave the service masked.
import type { Context } from 'hono';
import { z } from 'zod';
import { MASK } from '../../connections/connection-store.ts';
import { mediaServerKinds, notificationEvents, notificationKinds } from '../../db/schema/outbound.ts';
import { errorJson } from '../../http/errors.ts';
import type { TargetProblem } from '../../media-servers/media-server-actions.ts';
import { toMediaServerView, type MediaServerRow } from '../../media-servers/media-server-store.ts';
import { toNotificationView, type NotificationRow } from '../../notifications/notification-store.ts';

const masked = z.string().startsWith(MASK, 'must be masked');
const healthSchema = z.object({ ok: z.boolean(), checkedAt: z.string(), message: z.string(), version: z.string().optional(), instanceName: z.string().optional() }).nullable();
const mapping = z.object({ remotePrefix: z.string(), localPrefix: z.string() });

export const mediaServerReplySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(mediaServerKinds),
  baseUrl: z.string(),
  token: masked,
  enabled: z.boolean(),
  skipIfTrailer: z.boolean(),
  pathMappings: z.array(mapping),
  health: healthSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const notificationReplySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(notificationKinds),
  url: z.string(),
  secret: z.union([z.literal(''), masked]),
  recipient: z.string(),
  events: z.array(z.enum(notificationEvents)),
  enabled: z.boolean(),
  health: healthSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const mediaServerReply = (row: MediaServerRow) => mediaServerReplySchema.parse(toMediaServerView(row));
export const notificationReply = (row: NotificationRow) => notificationReplySchema.parse(toNotificationView(row));

export function targetProblemResponse(c: Context, problem: TargetProblem): Response {
  if (problem.problem === 'not-found') return errorJson(c, 404, 'not_found', problem.message);
  const issues = [{ path: problem.field ?? '', message: problem.message }];
  if (problem.problem === 'duplicate-name') return errorJson(c, 409, 'duplicate_name', problem.message, { issues });
  return errorJson(c, 400, 'invalid_request', `${problem.field ?? 'request'}: ${problem.message}`, { issues });
}
