import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { buildOpenApiDocument } from './openapi-document.ts';

const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

/** GET /api/v1/openapi.json: built once at start (it depends on URL_BASE only). Auth: api.routes.ts. */
export function openApiRoutes(deps: Pick<ServiceDeps, 'env'>): Hono {
  const document = buildOpenApiDocument(deps.env.URL_BASE, version);
  const app = new Hono();
  app.get('/api/v1/openapi.json', (c) => c.json(document));
  return app;
}
