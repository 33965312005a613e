import { Hono } from 'hono';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { jsonBodyLimit } from './json-request.ts';
import { requireApiKeyOrSession } from './api-auth.ts';
import { mediaSlotApiRoutes } from './media-slots.routes.ts';
import { mediaApiRoutes } from './media.routes.ts';
import { openApiRoutes } from './openapi.routes.ts';
import { settingsApiRoutes } from './settings.routes.ts';
import { statusApiRoutes } from './status.routes.ts';

/** The paths this group serves; auth is bound to them only, so other /api/v1 groups keep theirs. */
const PATHS = ['/api/v1/status', '/api/v1/progress', '/api/v1/events', '/api/v1/events/*', '/api/v1/apikey/*', '/api/v1/settings', '/api/v1/settings/*', '/api/v1/profiles', '/api/v1/profiles/*', '/api/v1/media', '/api/v1/media/*', '/api/v1/openapi.json'];

const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** The JSON API behind every operation the pages offer (connections and sync live in their own groups). */
export function apiRoutes(deps: ServiceDeps): Hono {
  const app = new Hono();
  const auth = requireApiKeyOrSession(deps.database.db, () => deps.apiKey.current());
  const limit = jsonBodyLimit(MAX_BODY_BYTES);
  for (const path of PATHS) {
    app.use(path, limit);
    app.use(path, auth);
  }
  app.route('/', statusApiRoutes(deps));
  app.route('/', settingsApiRoutes(deps));
  app.route('/', mediaApiRoutes(deps));
  app.route('/', mediaSlotApiRoutes(deps));
  app.route('/', openApiRoutes(deps));
  return app;
}
