// POST /api/v1/sync[?connectionId=N]: reconcile on demand. Queues one library sync per enabled
// connection (or the one asked for) and answers 202 at once; progress shows on each connection.
import { Hono } from 'hono';
import { z } from 'zod';
import { findConnection } from '../../connections/connection-store.ts';
import { requireApiKeyOrSession } from './api-auth.ts';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { errorJson } from '../../http/errors.ts';
import { enqueueSyncs } from '../../sync/reconcile.ts';
import { idParamSchema } from '../../admin/admin-schemas.ts';
import { validated } from './json-request.ts';

export const syncReplySchema = z.object({
  queued: z.array(z.object({ connectionId: z.number().int(), name: z.string(), jobId: z.string().nullable() })),
  message: z.string(),
});

export function syncRoutes(deps: ServiceDeps): Hono {
  const app = new Hono();
  const query = validated('query', z.object({ connectionId: idParamSchema.optional() }), 'query');
  app.post('/api/v1/sync', requireApiKeyOrSession(deps.database.db, () => deps.apiKey.current()), query, async (c) => {
    const boss = deps.boss;
    if (!boss) return errorJson(c, 503, 'unavailable', 'The job queue is not running in this process.');
    const { connectionId } = c.req.valid('query');
    let only: number[] | undefined;
    if (connectionId !== undefined) {
      const connection = await findConnection(deps.database.db, connectionId);
      if (!connection) return errorJson(c, 404, 'not_found', `No connection with id ${connectionId}.`);
      if (!connection.enabled) {
        return errorJson(c, 409, 'connection_disabled', `Connection "${connection.name}" is disabled; enable it to sync.`);
      }
      only = [connectionId];
    }
    const queued = await enqueueSyncs({ database: deps.database, boss }, 'manual', only);
    const message =
      queued.length === 0
        ? 'No enabled connections to sync.'
        : `Library sync queued for ${queued.map((entry) => `"${entry.name}"`).join(', ')}.`;
    return c.json(syncReplySchema.parse({ queued, message }), 202);
  });
  return app;
}
