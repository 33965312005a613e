import { Hono } from 'hono';
import { eventsQuerySchema } from '../../admin/admin-schemas.ts';
import { listEvents } from '../../admin/events-queries.ts';
import { isHtmxRequest, type UiEnv } from '../../auth/ui-auth.ts';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { EventsPage, EventsResults } from '../../../views/events.tsx';
import { chromeOf, sendFragment, sendInvalidQuery, sendPage } from './render.tsx';
import type { AssetUrls } from './static-assets.ts';

/** The webhook log, filterable by state and source, including events no connection matched. */
export function eventsRoutes(deps: ServiceDeps, assets: AssetUrls): Hono<UiEnv> {
  const app = new Hono<UiEnv>();
  app.get('/events', async (c) => {
    const parsed = eventsQuerySchema.safeParse(c.req.query());
    if (!parsed.success) return sendInvalidQuery(c, assets, parsed.error.issues);
    const page = await listEvents(deps.database.db, parsed.data);
    if (isHtmxRequest(c) && c.req.header('hx-target')?.endsWith('#events-results')) {
      return sendFragment(c, <EventsResults page={page} query={parsed.data} />);
    }
    return sendPage(c, <EventsPage chrome={chromeOf(c, assets)} page={page} query={parsed.data} />);
  });
  return app;
}
