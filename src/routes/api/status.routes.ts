import { Hono } from 'hono';
import { z } from 'zod';
import { eventsQuerySchema, idParamSchema } from '../../admin/admin-schemas.ts';
import { activeProgress, connectionsHealth, queueSummary, statusCounts } from '../../admin/dashboard-queries.ts';
import { listEvents } from '../../admin/events-queries.ts';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { errorJson } from '../../http/errors.ts';
import { retryEvent } from '../../inbox/event-retry.ts';
import { readRateLimitStatus } from '../../pipeline/rate-limit-gate.ts';
import { validated } from './json-request.ts';

/** What the dashboard shows, as JSON; the events log; and the API key's regeneration. */
export function statusApiRoutes(deps: ServiceDeps): Hono {
  const db = deps.database.db;
  const app = new Hono();

  app.get('/api/v1/status', async (c) =>
    c.json({
      counts: await statusCounts(db),
      progress: await activeProgress(db),
      queue: await queueSummary(db, deps.boss),
      rateLimit: await readRateLimitStatus(db),
      connections: await connectionsHealth(db),
    }),
  );

  app.get('/api/v1/progress', async (c) => c.json(await activeProgress(db)));

  app.get('/api/v1/events', validated('query', eventsQuerySchema, 'query'), async (c) => c.json(await listEvents(db, c.req.valid('query'))));

  // A failed event, or one waiting for its next try, processed again now.
  app.post('/api/v1/events/:id/retry', validated('param', z.object({ id: idParamSchema }), 'event id'), async (c) => {
    if (!deps.boss) return errorJson(c, 503, 'unavailable', 'The job queue is not running; try again in a moment.');
    const result = await retryEvent({ db, boss: deps.boss }, c.req.valid('param').id);
    if (!result.ok) return errorJson(c, result.status, result.error, result.message);
    return c.json(result, 202);
  });

  // The one reply that carries the key itself: the caller proved it knew the old one.
  app.post('/api/v1/apikey/regenerate', async (c) => {
    if (deps.apiKey.pinnedByEnv) return errorJson(c, 409, 'conflict', 'The API key is set by the API_KEY environment variable; change it there.');
    const apiKey = await deps.apiKey.regenerate();
    deps.logger.info('API key regenerated through the API');
    return c.json({ apiKey });
  });

  return app;
}
