import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { apiRoutes } from '../routes/api/api.routes.ts';
import { connectionRoutes } from '../routes/connections/connections.routes.ts';
import { healthRoutes } from '../routes/health/health.routes.ts';
import { syncRoutes } from '../routes/sync/sync.routes.ts';
import { uiRoutes } from '../routes/ui/ui.routes.tsx';
import { webhookRoutes } from '../routes/webhooks/webhook.routes.ts';
import type { AppDeps } from './app-deps.ts';
import { installErrorHandlers } from './errors.ts';
import { requestLog } from './request-log.ts';
import { closeAfterUnreadBody } from './unread-body.ts';

/** The one place the HTTP app is assembled: middleware, then each route group. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use('*', requestLog(deps.logger));
  app.use('*', closeAfterUnreadBody());
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        mediaSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
      xFrameOptions: 'DENY',
      referrerPolicy: 'same-origin',
    }),
  );
  app.route('/', healthRoutes(deps));
  app.route('/', webhookRoutes(deps));
  app.route('/', connectionRoutes(deps));
  app.route('/', syncRoutes(deps));
  app.route('/', apiRoutes(deps));
  app.route('/', uiRoutes(deps));
  installErrorHandlers(app, deps.logger);
  return app;
}
