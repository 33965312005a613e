import { Hono, type MiddlewareHandler } from 'hono';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { readSettings } from '../../db/settings-store.ts';
import { requireApiKey } from '../../http/api-key.ts';
import { errorJson } from '../../http/errors.ts';
import { countWebhookRequest, processRegistry } from '../../metrics/process-metrics.ts';
import { serviceRegistry } from '../../metrics/service-metrics.ts';

/**
 * GET /metrics in the Prometheus text format. Needs the API key (X-Api-Key, `?apikey=`, a Bearer
 * token or the Basic auth password, as Prometheus' `authorization` / `basic_auth` send it) unless
 * "Metrics without API key" is switched on in Settings → General.
 */
export function metricsRoutes(deps: Pick<ServiceDeps, 'database' | 'boss' | 'apiKey'>): Hono {
  const db = deps.database.db;
  const registry = serviceRegistry(db, deps.boss);
  const keyed = requireApiKey(() => deps.apiKey.current());
  const app = new Hono();
  app.get(
    '/metrics',
    // With the database unreachable the setting is unknown: the key is asked for (closed, not open).
    async (c, next) => ((await readSettings(db).catch(() => null))?.metricsWithoutApiKey ? next() : keyed(c, next)),
    async (c) => {
      let text: string;
      try {
        text = (await processRegistry.metrics()) + (await registry.metrics());
      } catch {
        return errorJson(c, 503, 'unavailable', 'The metrics could not be read from the database; /readyz says why.');
      }
      c.header('Content-Type', registry.contentType);
      c.header('Cache-Control', 'no-store');
      return c.body(text);
    },
  );
  return app;
}

/** Counts each answer of the webhook routes by source and status (mount on `/webhooks/*`). */
export function countWebhookReplies(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const source = c.req.path.replace(/\/+$/, '');
    if (source === '/webhooks/radarr') countWebhookRequest('radarr', c.res.status);
    else if (source === '/webhooks/sonarr') countWebhookRequest('sonarr', c.res.status);
  };
}
