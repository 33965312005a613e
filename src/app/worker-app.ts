import { Hono } from 'hono';
import { installErrorHandlers } from '../http/errors.ts';
import { healthRoutes } from '../routes/health/health.routes.ts';
import { metricsRoutes } from '../routes/metrics/metrics.routes.ts';
import type { ServiceDeps } from './service-deps.ts';

/** A ROLE=worker process serves only its probes (container health checks) and its own /metrics. */
export function createWorkerApp(deps: ServiceDeps): Hono {
  const app = new Hono();
  app.route('/', healthRoutes(deps));
  app.route('/', metricsRoutes(deps));
  installErrorHandlers(app, deps.logger);
  return app;
}
