import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { trustedProxiesOf } from '../../auth/client-address.ts';
import { requireUiSession, type UiEnv } from '../../auth/ui-auth.ts';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { apiDocsRoutes } from './api-docs.routes.tsx';
import { authRoutes, logoutRoute } from './auth.routes.tsx';
import { dashboardRoutes } from './dashboard.routes.tsx';
import { eventsRoutes } from './events.routes.tsx';
import { itemRoutes } from './item.routes.tsx';
import { itemControlRoutes } from './item-control.routes.tsx';
import { itemSlotRoutes } from './item-slots.routes.tsx';
import { bulkRoutes } from './bulk.routes.tsx';
import { libraryRoutes } from './library.routes.tsx';
import { posterRoutes } from './poster.routes.ts';
import { refuseControlCharacters } from './form-text.ts';
import { sendError } from './render.tsx';
import { settingsRoutes } from './settings.routes.tsx';
import { staticAssets } from './static-assets.ts';
import { systemRoutes } from './system.routes.tsx';

/** Paths of the signed-in pages. The guard is bound to these only, so the JSON API, webhooks
 *  and probes mounted beside the pages never see a login redirect. */
const GUARDED_PATHS = ['/', '/logout', '/live/*', '/library', '/library/*', '/posters/*', '/events', '/events/*', '/settings', '/settings/*', '/system/*'];

/** Forms posted before anyone is signed in. */
const PUBLIC_FORM_PATHS = ['/login', '/setup'];
const MAX_FORM_BYTES = 2 * 1024 * 1024;

/** The admin pages: static files, first-run and login (public), then everything behind a session. */
export function uiRoutes(deps: ServiceDeps): Hono {
  const { urls, routes: staticRoutes, urlOf } = staticAssets();
  const app = new Hono();
  // Every form is refused past 2 MiB before it is read, also the ones anyone may post (login, first run).
  const limit = bodyLimit({ maxSize: MAX_FORM_BYTES, onError: (c) => sendError(c, urls, 413, 'That upload is too large (at most 2 MiB).') });
  const plainText = refuseControlCharacters((c, message) => sendError(c, urls, 400, message));
  for (const path of PUBLIC_FORM_PATHS) app.use(path, limit, plainText);
  app.route('/', staticRoutes);
  app.route('/', authRoutes(deps, urls));

  const guarded = new Hono<UiEnv>();
  const guard = requireUiSession({
    db: deps.database.db,
    trustedProxies: trustedProxiesOf(deps.env),
    onCsrfFailure: (c) => sendError(c, urls, 403, 'This request was refused: its security token is missing or out of date. Reload the page and try again.'),
  });
  // Before the guard, which reads the form for its CSRF field.
  for (const path of GUARDED_PATHS) {
    guarded.use(path, limit);
    guarded.use(path, guard);
    guarded.use(path, plainText);
  }
  guarded.route('/', logoutRoute(deps));
  guarded.route('/', dashboardRoutes(deps, urls));
  guarded.route('/', libraryRoutes(deps, urls));
  guarded.route('/', posterRoutes(deps));
  guarded.route('/', bulkRoutes(deps, urls));
  guarded.route('/', itemRoutes(deps, urls));
  guarded.route('/', itemControlRoutes(deps, urls));
  guarded.route('/', itemSlotRoutes(deps, urls));
  guarded.route('/', settingsRoutes(deps, urls));
  guarded.route('/', eventsRoutes(deps, urls));
  guarded.route('/', systemRoutes(deps, urls));
  guarded.route('/', apiDocsRoutes({ urls, urlOf }));
  app.route('/', guarded);
  return app;
}
