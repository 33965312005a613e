// Every /api/v1 operation, described with the very zod schemas its route validates with (request
// bodies, path ids, query strings) and the reply schemas the routes parse their answers through.
// openapi-document.ts turns this list into the OpenAPI document; a test compares it to the routes
// the app registers, so a route added without an entry here fails it.
import { z } from 'zod';
import {
  blocklistBodySchema,
  chooseBodySchema,
  eventsQuerySchema,
  fetchBodySchema,
  idParamSchema,
  mediaListQuerySchema,
  sourceUrlBodySchema,
  videoIdSchema,
} from '../../admin/admin-schemas.ts';
import { profileCreateSchema, profileUpdateSchema } from '../../admin/profiles.ts';
import { slotBodySchema, slotFetchBodySchema } from '../../admin/slot-actions.ts';
import { settingsUpdateSchema } from '../../admin/settings-update.ts';
import { createConnectionSchema, updateConnectionSchema } from '../../connections/connection-input.ts';
import { createMediaServerSchema, updateMediaServerSchema } from '../../media-servers/media-server-input.ts';
import { createNotificationSchema, updateNotificationSchema } from '../../notifications/notification-input.ts';
import {
  connectionListReplySchema,
  connectionReplySchema,
  connectionTestReplySchema,
  createdConnectionReplySchema,
  previewActionReplySchema,
  previewReplySchema,
  rootFoldersReplySchema,
} from './connection-replies.ts';
import { syncReplySchema } from './sync.routes.ts';

export type ApiTag = 'Status' | 'Media' | 'Settings' | 'Profiles' | 'Connections' | 'Media servers' | 'Notifications' | 'Sync' | 'API';

export type ApiOperation = {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The path as the route registers it (`:id`), under /api/v1. */
  path: string;
  tag: ApiTag;
  summary: string;
  /** Longer text: rules a caller must know that the schemas do not say. */
  description?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** A JSON body schema, or `text` for a raw text/plain body. */
  body?: z.ZodType | 'text';
  /** The body may be left out (an empty body counts as `{}`). */
  bodyOptional?: boolean;
  /** The success answer: status, what it means, and its schema when the route has one. */
  ok: { status: number; description: string; schema?: z.ZodType; contentType?: string };
  /** Error statuses this operation answers besides 400/401 (which every operation may). */
  errors?: number[];
  /** Only the API key is accepted (a browser session is not). */
  apiKeyOnly?: boolean;
};

const mediaId = z.object({ id: idParamSchema });
const profileId = z.object({ id: idParamSchema });
const connectionId = z.object({ id: idParamSchema });
const eventId = z.object({ id: idParamSchema });
const targetId = z.object({ id: idParamSchema });
const json = z.record(z.string(), z.unknown());
const actionReply = z.object({ ok: z.literal(true), message: z.string(), jobId: z.string().optional() }).meta({ id: 'ActionReply' });

/** Media servers and notification targets share one shape of routes (secrets always masked). */
function outboundOperations(base: string, tag: ApiTag, what: string, create: z.ZodType, update: z.ZodType): ApiOperation[] {
  const one = `${base}/:id`;
  return [
    { method: 'get', path: base, tag, summary: `Every ${what} (secrets masked)`, ok: { status: 200, description: `Every ${what}`, schema: json } },
    { method: 'post', path: base, tag, summary: `Add a ${what}`, body: create, ok: { status: 201, description: `The new ${what}`, schema: json }, errors: [409, 413] },
    { method: 'post', path: `${base}/test`, tag, summary: `Test settings before saving them`, body: create, ok: { status: 200, description: 'What the other end answered', schema: json }, errors: [413] },
    { method: 'get', path: one, tag, summary: `One ${what}`, params: targetId, ok: { status: 200, description: `The ${what}`, schema: json }, errors: [404] },
    { method: 'put', path: one, tag, summary: `Change a ${what} (the masked secret keeps the stored one)`, params: targetId, body: update, ok: { status: 200, description: `The ${what} after the change`, schema: json }, errors: [404, 409, 413] },
    { method: 'patch', path: one, tag, summary: `Change a ${what} (same as PUT)`, params: targetId, body: update, ok: { status: 200, description: `The ${what} after the change`, schema: json }, errors: [404, 409, 413] },
    { method: 'delete', path: one, tag, summary: `Delete a ${what}`, params: targetId, ok: { status: 204, description: 'Deleted' }, errors: [404] },
    { method: 'post', path: `${one}/test`, tag, summary: `Test a stored ${what}`, params: targetId, ok: { status: 200, description: 'What the other end answered', schema: json }, errors: [404] },
  ];
}

export const apiOperations: ApiOperation[] = [
  { method: 'get', path: '/api/v1/status', tag: 'Status', summary: 'Counts, live progress, queue, cool-off and connection health', ok: { status: 200, description: 'What the dashboard shows', schema: json } },
  { method: 'get', path: '/api/v1/progress', tag: 'Status', summary: 'Running and just-finished downloads and conversions', ok: { status: 200, description: 'Progress rows', schema: z.array(json) } },
  { method: 'get', path: '/api/v1/events', tag: 'Status', summary: 'The webhook log, filtered and paginated', query: eventsQuerySchema, ok: { status: 200, description: 'One page of events', schema: json } },
  { method: 'post', path: '/api/v1/events/:id/retry', tag: 'Status', summary: 'Process a failed or waiting event again now', params: eventId, ok: { status: 202, description: 'Queued again', schema: json }, errors: [404, 409, 503] },
  { method: 'post', path: '/api/v1/apikey/regenerate', tag: 'API', summary: 'A new API key (not when API_KEY is set)', ok: { status: 200, description: 'The new key', schema: z.object({ apiKey: z.string() }) }, errors: [409] },
  { method: 'get', path: '/api/v1/openapi.json', tag: 'API', summary: 'This document', ok: { status: 200, description: 'The OpenAPI 3.1 document', schema: json } },

  { method: 'get', path: '/api/v1/media', tag: 'Media', summary: 'The library, filtered and paginated', query: mediaListQuerySchema, ok: { status: 200, description: 'One page of items', schema: json } },
  { method: 'get', path: '/api/v1/media/:id', tag: 'Media', summary: 'One item: trailer, candidates, attempts, blocklist', params: mediaId, ok: { status: 200, description: 'The item', schema: json }, errors: [404] },
  { method: 'get', path: '/api/v1/media/:id/candidates', tag: 'Media', summary: 'The ranked candidates', params: mediaId, ok: { status: 200, description: 'Candidates with their score and why, and the blocklist', schema: json }, errors: [404] },
  { method: 'post', path: '/api/v1/media/:id/fetch', tag: 'Media', summary: 'Fetch the trailer now (force replaces an existing one)', params: mediaId, body: fetchBodySchema, bodyOptional: true, ok: { status: 202, description: 'Queued', schema: actionReply }, errors: [404, 409] },
  { method: 'post', path: '/api/v1/media/:id/choose', tag: 'Media', summary: 'Use this candidate', params: mediaId, body: chooseBodySchema, ok: { status: 202, description: 'Queued', schema: actionReply }, errors: [404, 409] },
  { method: 'put', path: '/api/v1/media/:id/source-url', tag: 'Media', summary: 'Use a link of your own (null forgets it)', params: mediaId, body: sourceUrlBodySchema, ok: { status: 202, description: 'Queued (200 when the link was forgotten)', schema: actionReply }, errors: [404, 409] },
  { method: 'delete', path: '/api/v1/media/:id/trailer', tag: 'Media', summary: 'Delete the trailer Previewarr placed (never your own file)', params: mediaId, ok: { status: 202, description: 'Queued', schema: actionReply }, errors: [404, 409] },
  { method: 'get', path: '/api/v1/media/:id/slots', tag: 'Media', summary: 'Every file slot of the item (kind, season, profile) with its state and file', params: mediaId, ok: { status: 200, description: 'The slots, main trailer first', schema: json }, errors: [404] },
  { method: 'post', path: '/api/v1/media/:id/slots/fetch', tag: 'Media', summary: 'Fetch one slot\'s file now (replace: also when it has one)', params: mediaId, body: slotFetchBodySchema, ok: { status: 202, description: 'Queued', schema: actionReply }, errors: [404, 409, 503] },
  { method: 'post', path: '/api/v1/media/:id/slots/delete', tag: 'Media', summary: 'Delete the file Previewarr placed in one slot (never your own file)', params: mediaId, body: slotBodySchema, ok: { status: 202, description: 'Queued', schema: actionReply }, errors: [404, 409, 503] },
  { method: 'get', path: '/api/v1/media/:id/trailer', tag: 'Media', summary: 'The trailer file (Range requests answered 206)', params: mediaId, ok: { status: 200, description: 'The video file', contentType: 'video/*' }, errors: [404, 416] },
  { method: 'post', path: '/api/v1/media/:id/blocklist', tag: 'Media', summary: 'Never use this video for this item', params: mediaId, body: blocklistBodySchema, ok: { status: 200, description: 'Blocklisted', schema: actionReply }, errors: [404] },
  { method: 'delete', path: '/api/v1/media/:id/blocklist/:videoId', tag: 'Media', summary: 'Take a video off the blocklist', params: z.object({ id: idParamSchema, videoId: videoIdSchema }), ok: { status: 200, description: 'Removed', schema: actionReply }, errors: [404] },

  { method: 'get', path: '/api/v1/settings', tag: 'Settings', summary: 'The settings (the TMDB key masked)', ok: { status: 200, description: 'Every setting', schema: json } },
  { method: 'put', path: '/api/v1/settings', tag: 'Settings', summary: 'Change some settings (null resets a key; the masked TMDB key keeps it)', body: settingsUpdateSchema, ok: { status: 200, description: 'Every setting after the change', schema: json } },
  { method: 'put', path: '/api/v1/settings/cookies', tag: 'Settings', summary: 'Upload a Netscape cookies.txt for yt-dlp', body: 'text', ok: { status: 200, description: 'Stored', schema: z.object({ cookiesFileUploaded: z.literal(true) }) }, errors: [413] },
  { method: 'delete', path: '/api/v1/settings/cookies', tag: 'Settings', summary: 'Remove the cookies file', ok: { status: 200, description: 'Removed', schema: z.object({ cookiesFileUploaded: z.literal(false) }) } },

  { method: 'get', path: '/api/v1/profiles', tag: 'Profiles', summary: 'Trailer profiles', ok: { status: 200, description: 'Every profile', schema: z.array(json) } },
  { method: 'post', path: '/api/v1/profiles', tag: 'Profiles', summary: 'Add a profile', body: profileCreateSchema, ok: { status: 201, description: 'The new profile', schema: json }, errors: [409] },
  { method: 'get', path: '/api/v1/profiles/:id', tag: 'Profiles', summary: 'One profile', params: profileId, ok: { status: 200, description: 'The profile', schema: json }, errors: [404] },
  {
    method: 'put',
    path: '/api/v1/profiles/:id',
    tag: 'Profiles',
    summary: 'Change a profile',
    description:
      'A partial update at every level: fields not sent keep their stored value, and so do the lists of `appliesTo` not sent — `{"appliesTo": {"tags": ["4k"]}}` changes only the tags and keeps `mediaKinds` and `connectionIds`. Send an empty list to clear one (an empty list means any). Saving prunes the file slots the profile no longer applies to; files it placed stay on disk.',
    params: profileId,
    body: profileUpdateSchema,
    ok: { status: 200, description: 'The profile after the change', schema: json },
    errors: [404, 409],
  },
  { method: 'delete', path: '/api/v1/profiles/:id', tag: 'Profiles', summary: 'Delete a profile (not the default one, nor one with files on disk: disable it instead)', params: profileId, ok: { status: 200, description: 'The deleted profile', schema: json }, errors: [404, 409] },

  { method: 'get', path: '/api/v1/connections', tag: 'Connections', summary: 'Radarr/Sonarr connections (keys masked)', ok: { status: 200, description: 'Every connection', schema: connectionListReplySchema }, apiKeyOnly: true },
  { method: 'post', path: '/api/v1/connections', tag: 'Connections', summary: 'Add a connection (its first library sync is queued)', body: createConnectionSchema, ok: { status: 201, description: 'The new connection', schema: createdConnectionReplySchema }, errors: [409, 413], apiKeyOnly: true },
  { method: 'post', path: '/api/v1/connections/test', tag: 'Connections', summary: 'Test settings before saving them', body: createConnectionSchema, ok: { status: 200, description: 'What the Arr answered', schema: connectionTestReplySchema }, errors: [413], apiKeyOnly: true },
  { method: 'get', path: '/api/v1/connections/:id', tag: 'Connections', summary: 'One connection', params: connectionId, ok: { status: 200, description: 'The connection', schema: z.object({ connection: connectionReplySchema }) }, errors: [404], apiKeyOnly: true },
  { method: 'put', path: '/api/v1/connections/:id', tag: 'Connections', summary: 'Change a connection (the masked key keeps the stored one)', params: connectionId, body: updateConnectionSchema, ok: { status: 200, description: 'The connection after the change', schema: z.object({ connection: connectionReplySchema }) }, errors: [404, 409, 413], apiKeyOnly: true },
  { method: 'patch', path: '/api/v1/connections/:id', tag: 'Connections', summary: 'Change a connection (same as PUT)', params: connectionId, body: updateConnectionSchema, ok: { status: 200, description: 'The connection after the change', schema: z.object({ connection: connectionReplySchema }) }, errors: [404, 409, 413], apiKeyOnly: true },
  { method: 'delete', path: '/api/v1/connections/:id', tag: 'Connections', summary: 'Delete a connection (files are never touched)', params: connectionId, ok: { status: 204, description: 'Deleted' }, errors: [404], apiKeyOnly: true },
  { method: 'post', path: '/api/v1/connections/:id/test', tag: 'Connections', summary: 'Test a stored connection', params: connectionId, ok: { status: 200, description: 'What the Arr answered, and the connection', schema: json }, errors: [404], apiKeyOnly: true },
  {
    method: 'get',
    path: '/api/v1/connections/:id/rootfolders',
    tag: 'Connections',
    summary: 'Root folders as seen here (refresh=true reads them from the Arr)',
    params: connectionId,
    query: z.object({ refresh: z.enum(['1', 'true', 'yes', '0', 'false', 'no']).optional() }),
    ok: { status: 200, description: 'Root folders and which are not mapped', schema: rootFoldersReplySchema },
    errors: [404, 502],
    apiKeyOnly: true,
  },
  { method: 'get', path: '/api/v1/connections/:id/preview', tag: 'Connections', summary: 'Preview mode: what would be downloaded, and what has nothing acceptable', params: connectionId, ok: { status: 200, description: 'The would-be downloads', schema: previewReplySchema }, errors: [404], apiKeyOnly: true },
  { method: 'post', path: '/api/v1/connections/:id/preview', tag: 'Connections', summary: 'Run the preview again (a library sync that ranks without downloading)', params: connectionId, ok: { status: 202, description: 'Sync queued', schema: previewActionReplySchema }, errors: [404, 409, 503], apiKeyOnly: true },
  { method: 'post', path: '/api/v1/connections/:id/preview/download', tag: 'Connections', summary: 'Switch preview off and queue the real downloads', params: connectionId, ok: { status: 200, description: 'Downloads queued', schema: previewActionReplySchema }, errors: [404, 409, 503], apiKeyOnly: true },

  ...outboundOperations('/api/v1/mediaservers', 'Media servers', 'media server', createMediaServerSchema, updateMediaServerSchema),
  ...outboundOperations('/api/v1/notifications', 'Notifications', 'notification target', createNotificationSchema, updateNotificationSchema),

  { method: 'post', path: '/api/v1/sync', tag: 'Sync', summary: 'Sync every enabled connection now, or only connectionId', query: z.object({ connectionId: idParamSchema.optional() }), ok: { status: 202, description: 'Syncs queued', schema: syncReplySchema }, errors: [404, 409, 503], apiKeyOnly: true },
];
