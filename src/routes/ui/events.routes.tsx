import { Hono } from 'hono';
import { eventsQuerySchema, idParamSchema } from '../../admin/admin-schemas.ts';
import { listEvents } from '../../admin/events-queries.ts';
import { isHtmxRequest, type UiEnv } from '../../auth/ui-auth.ts';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { EventsPage, EventsResults } from '../../../views/events.tsx';
import { retryEvent } from '../../inbox/event-retry.ts';
import { chromeOf, sendError, sendFragment, sendInvalidQuery, sendPage } from './render.tsx';
import type { AssetUrls } from './static-assets.ts';

/** The webhook log, filterable by state and source, including events no connection matched. */
export function eventsRoutes(deps: ServiceDeps, assets: AssetUrls): Hono<UiEnv> {
  const app = new Hono<UiEnv>();
  app.get('/events', async (c) => {
    const parsed = eventsQuerySchema.safeParse(c.req.query());
    if (!parsed.success) return sendInvalidQuery(c, assets, parsed.error.issues);
    const page = await listEvents(deps.database.db, parsed.data);
    if (isHtmxRequest(c) && c.req.header('hx-target')?.endsWith('#events-results')) {
      return sendFragment(c, <EventsResults page={page} query={parsed.data} csrfToken={chromeOf(c, assets).csrfToken} />);
    }
    return sendPage(c, <EventsPage chrome={chromeOf(c, assets)} page={page} query={parsed.data} />);
  });
  // The row's Retry button: back to the list, which shows the event queued again.
  app.post('/events/:id/retry', async (c) => {
    const id = idParamSchema.safeParse(c.req.param('id'));
    if (!id.success) return sendError(c, assets, 404, 'There is no such event.');
    if (!deps.boss) return sendError(c, assets, 503, 'The job queue is not running; try again in a moment.');
    const result = await retryEvent({ db: deps.database.db, boss: deps.boss }, id.data);
    if (!result.ok) return sendError(c, assets, result.status, result.message);
    return c.redirect('/events', 303);
  });
  return app;
}
