import { Hono } from 'hono';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { mediaServerRoutes } from './media-servers.routes.ts';
import { notificationRoutes } from './notifications.routes.ts';

/** /api/v1/mediaservers and /api/v1/notifications (API key or signed-in session). */
export function outboundRoutes(deps: ServiceDeps): Hono {
  const app = new Hono();
  app.route('/', mediaServerRoutes(deps));
  app.route('/', notificationRoutes(deps));
  return app;
}
