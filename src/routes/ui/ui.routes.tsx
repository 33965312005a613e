import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requireUiSession, type UiEnv } from '../../auth/ui-auth.ts';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { authRoutes, logoutRoute } from './auth.routes.tsx';
import { dashboardRoutes } from './dashboard.routes.tsx';
import { eventsRoutes } from './events.routes.tsx';
import { itemRoutes } from './item.routes.tsx';
import { libraryRoutes } from './library.routes.tsx';
import { sendError } from './render.tsx';
import { settingsRoutes } from './settings.routes.tsx';
import { staticAssets } from './static-assets.ts';

/** Paths of the signed-in pages. The guard is bound to these only, so the JSON API, webhooks
 *  and probes mounted beside the pages never see a login redirect. */
const GUARDED_PATHS = ['/', '/logout', '/live/*', '/library', '/library/*', '/events', '/events/*', '/settings', '/settings/*'];

/** The admin pages: static files, first-run and login (public), then everything behind a session. */
export function uiRoutes(deps: ServiceDeps): Hono {
  const { urls, routes: staticRoutes } = staticAssets();
  const app = new Hono();
  app.route('/', staticRoutes);
  app.route('/', authRoutes(deps, urls));

  const guarded = new Hono<UiEnv>();
  const guard = requireUiSession({
    db: deps.database.db,
    onCsrfFailure: (c) => sendError(c, urls, 403, 'This request was refused: its security token is missing or out of date. Reload the page and try again.'),
  });
  // Before the guard, which reads the form for its CSRF field: no form is parsed past 2 MiB.
  const limit = bodyLimit({ maxSize: 2 * 1024 * 1024, onError: (c) => sendError(c, urls, 413, 'That upload is too large (at most 2 MiB).') });
  for (const path of GUARDED_PATHS) {
    guarded.use(path, limit);
    guarded.use(path, guard);
  }
  guarded.route('/', logoutRoute(deps));
  guarded.route('/', dashboardRoutes(deps, urls));
  guarded.route('/', libraryRoutes(deps, urls));
  guarded.route('/', itemRoutes(deps, urls));
  guarded.route('/', settingsRoutes(deps, urls));
  guarded.route('/', eventsRoutes(deps, urls));
  app.route('/', guarded);
  return app;
}
