/**
 * GET /api/v1/openapi.json: generated from the routes' own zod schemas, and complete — every
 * /api/v1 route the app registers is documented, and every documented operation exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument, openApiPath } from '../../../src/routes/api/openapi-document.ts';
import { appRoutes, createAdmin } from '../../guarantees/admin-session.ts';
import { testBackend } from '../../support/test-db.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';

type Operation = {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema: Record<string, unknown> }>;
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, unknown>;
};
type OpenApi = { openapi: string; servers: Array<{ url: string }>; paths: Record<string, Record<string, Operation>> };

describe(`the OpenAPI document (${testBackend})`, () => {
  let svc: TestService;
  let doc: OpenApi;

  beforeAll(async () => {
    svc = await startTestService({ workers: () => [] });
    const res = await fetch(`${svc.url}/api/v1/openapi.json`, { headers: { 'X-Api-Key': svc.apiKey } });
    expect(res.status).toBe(200);
    doc = (await res.json()) as OpenApi;
  });
  afterAll(async () => {
    await svc?.stop();
  });

  it('documents every /api/v1 route the app registers, and nothing it does not', () => {
    const registered = appRoutes(svc)
      .filter((route) => route.path.startsWith('/api/v1/') && route.method !== 'HEAD')
      .map((route) => `${route.method} ${openApiPath(route.path)}`);
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    expect(registered.length).toBeGreaterThan(30);
    expect([...new Set(registered)].sort()).toEqual([...documented].sort());
  });

  it('is OpenAPI 3.1 with the request rules the routes enforce', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: '/' }]);
    const list = doc.paths['/api/v1/media']!['get']!;
    expect(list.parameters?.find((p) => p.name === 'kind')?.schema['enum']).toEqual(['all', 'movie', 'series']);
    const choose = doc.paths['/api/v1/media/{id}/choose']!['post']!;
    expect(choose.parameters?.find((p) => p.name === 'id')).toMatchObject({ in: 'path', required: true, schema: { type: 'integer' } });
    const body = choose.requestBody?.content['application/json']?.schema;
    expect(body).toMatchObject({ type: 'object', required: ['videoId'], additionalProperties: false });
    const settings = doc.paths['/api/v1/settings']!['put']!.requestBody?.content['application/json']?.schema as { properties: Record<string, unknown> };
    expect(Object.keys(settings.properties)).toContain('backfillPolicy');
    expect(Object.keys(settings.properties)).not.toContain('cookiesFile');
    expect(Object.keys(doc.paths['/api/v1/connections/{id}']!['delete']!.responses)).toContain('204');
  });

  it('answers what it documents: a body with a property the document does not allow is refused', async () => {
    const res = await fetch(`${svc.url}/api/v1/media/1/choose`, {
      method: 'POST',
      headers: { 'X-Api-Key': svc.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ videoId: 'abc', extra: true }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('needs the API key or a signed-in session', async () => {
    expect((await fetch(`${svc.url}/api/v1/openapi.json`)).status).toBe(401);
    const admin = await createAdmin(svc);
    expect((await fetch(`${svc.url}/api/v1/openapi.json`, { headers: { Cookie: admin.cookie } })).status).toBe(200);
  });

  it('points its server at URL_BASE', () => {
    expect((buildOpenApiDocument('/previewarr', '1.0.0') as unknown as OpenApi).servers).toEqual([{ url: '/previewarr' }]);
  });
});
