import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { apiRoutes } from '../routes/api/api.routes.ts';
import { connectionRoutes } from '../routes/api/connections.routes.ts';
import { healthRoutes } from '../routes/health/health.routes.ts';
import { countWebhookReplies, metricsRoutes } from '../routes/metrics/metrics.routes.ts';
import { syncRoutes } from '../routes/api/sync.routes.ts';
import { outboundRoutes } from '../routes/api/outbound.routes.ts';
import { uiRoutes } from '../routes/ui/ui.routes.tsx';
import { webhookRoutes } from '../routes/webhooks/webhook.routes.ts';
import type { ServiceDeps } from './service-deps.ts';
import { installErrorHandlers } from '../http/errors.ts';
import { requestLog } from '../http/request-log.ts';
import { closeAfterUnreadBody } from '../http/unread-body.ts';
import { withUrlBase } from '../http/url-base.ts';

/** The one place the HTTP app is assembled: middleware, then each route group (under URL_BASE). */
export function createApp(deps: ServiceDeps): Hono {
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
  app.use('/webhooks/*', countWebhookReplies());
  app.route('/', webhookRoutes(deps));
  app.route('/', metricsRoutes(deps));
  app.route('/', connectionRoutes(deps));
  app.route('/', syncRoutes(deps));
  app.route('/', outboundRoutes(deps));
  app.route('/', apiRoutes(deps));
  app.route('/', uiRoutes(deps));
  installErrorHandlers(app, deps.logger);
  return withUrlBase(deps.env.URL_BASE, app, healthRoutes(deps), deps.logger);
}
