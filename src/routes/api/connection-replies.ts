// The reply bodies of /api/v1/connections. Every reply passes through these schemas on the way
// out, so a connection can only ever leave the service with its API key masked.
import { z } from 'zod';
import { rankingOverridesSchema } from '../../config/ranking-settings.ts';
import { MASK, toConnectionView } from '../../connections/connection-store.ts';
import type { ConnectionRow } from '../../db/schema/index.ts';

const healthSchema = z.object({
  ok: z.boolean(),
  checkedAt: z.string(),
  message: z.string(),
  version: z.string().optional(),
  instanceName: z.string().optional(),
});

export const rootFolderReplySchema = z.object({
  path: z.string(),
  localPath: z.string().nullable(),
  accessible: z.boolean(),
  freeSpace: z.number().optional(),
});

export const connectionReplySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(['radarr', 'sonarr']),
  baseUrl: z.string(),
  apiKey: z.string().startsWith(MASK, 'must be masked'),
  enabled: z.boolean(),
  pathMappings: z.array(z.object({ remotePrefix: z.string(), localPrefix: z.string() })),
  // An override stored by an older version that no longer validates is shown as none.
  rankingOverrides: rankingOverridesSchema.catch({}),
  previewOnly: z.boolean(),
  health: healthSchema.nullable(),
  rootFolders: z.array(rootFolderReplySchema),
  lastSyncAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ConnectionReply = z.output<typeof connectionReplySchema>;

export const connectionListReplySchema = z.object({ connections: z.array(connectionReplySchema) });

export const createdConnectionReplySchema = z.object({
  connection: connectionReplySchema,
  /** The first library sync, queued with the connection. */
  syncJobId: z.string().nullable(),
  /** Webhooks that had arrived before the connection existed, now being processed. */
  pendingEventsQueued: z.number().int(),
  /** The test run on save: a wrong key answers here, not at the first sync. */
  check: z.lazy(() => connectionTestReplySchema).optional(),
});

export const connectionTestReplySchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    appName: z.string(),
    version: z.string(),
    instanceName: z.string(),
    rootFolders: z.array(rootFolderReplySchema).optional(),
    rootFoldersError: z.string().optional(),
  }),
  z.object({
    ok: z.literal(false),
    cause: z.enum(['unreachable', 'timeout', 'tls', 'unauthorized', 'wrong-app', 'unexpected-reply']),
    message: z.string(),
  }),
]);

export const rootFoldersReplySchema = z.object({
  rootFolders: z.array(rootFolderReplySchema),
  /** Arr paths of root folders not visible here and not covered by a path mapping. */
  unmapped: z.array(z.string()),
});

export function connectionReply(row: ConnectionRow): ConnectionReply {
  return connectionReplySchema.parse(toConnectionView(row));
}

const previewItemSchema = z.object({ mediaId: z.number().int(), title: z.string(), year: z.number().int().nullable(), kind: z.enum(['movie', 'series']) });

/** GET /api/v1/connections/{id}/preview: what the connection's preview run would download. */
export const previewReplySchema = z.object({
  connection: z.object({ id: z.number().int(), name: z.string(), kind: z.enum(['radarr', 'sonarr']), previewOnly: z.boolean(), enabled: z.boolean() }),
  /** Items per state in all (the lists stop at 500 rows each). */
  counts: z.object({ wouldDownload: z.number().int(), nothingAcceptable: z.number().int(), inProgress: z.number().int(), notPreviewed: z.number().int() }),
  wouldDownload: z.array(
    previewItemSchema.extend({
      videoId: z.string(),
      url: z.string(),
      videoTitle: z.string().nullable(),
      channel: z.string().nullable(),
      source: z.enum(['user', 'radarr', 'tmdb', 'search']),
      score: z.number(),
      reasons: z.array(z.string()),
      previewedAt: z.string(),
    }),
  ),
  nothingAcceptable: z.array(previewItemSchema.extend({ status: z.string(), reason: z.string().nullable() })),
});

/** POST /api/v1/connections/{id}/preview and …/preview/download. */
export const previewActionReplySchema = z.object({
  ok: z.literal(true),
  message: z.string(),
  syncJobId: z.string().nullable().optional(),
  fetchesQueued: z.number().int().optional(),
});
