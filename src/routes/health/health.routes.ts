import { Hono } from 'hono';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { checkReadiness } from './readiness.ts';

/** Public probes: /healthz (the process lives), /readyz (database and schema ready), /ping. */
export function healthRoutes(deps: Pick<ServiceDeps, 'database'>): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  // Radarr and Sonarr answer GET /ping with {"status":"OK"}; monitoring tools expect the same.
  app.get('/ping', (c) => c.json({ status: 'OK' }));
  app.get('/readyz', async (c) => {
    const report = await checkReadiness(deps.database);
    return c.json({ status: report.ready ? 'ready' : 'unavailable', checks: report.checks }, report.ready ? 200 : 503);
  });
  return app;
}
