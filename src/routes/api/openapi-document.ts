import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponseObject } from 'zod-openapi';
import { apiOperations, type ApiOperation } from './openapi-operations.ts';

// The OpenAPI 3.1 document of /api/v1, generated (by zod-openapi) from the operations list and
// the zod schemas the routes validate with; nothing in it is written by hand.

const errorSchema = z
  .object({
    error: z.string().meta({ description: 'A short machine-readable code, e.g. invalid_request' }),
    message: z.string().meta({ description: 'What went wrong, for a person' }),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Error' });

const ERROR_TEXT: Record<number, string> = {
  400: 'The request is not valid (each problem named in issues)',
  401: 'No valid API key (or signed-in session)',
  403: 'A signed-in request without its CSRF token',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'The body is too large',
  416: 'The range cannot be served',
  502: 'Radarr/Sonarr failed to answer',
  503: 'The job queue is not running in this process',
};

/** `/api/v1/media/:id` → `/api/v1/media/{id}`. */
export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function operationOf(op: ApiOperation): ZodOpenApiOperationObject {
  const errors = [400, 401, ...(op.apiKeyOnly ? [] : op.method === 'get' ? [] : [403]), ...(op.errors ?? [])];
  const responses: Record<string, ZodOpenApiResponseObject> = {
    [String(op.ok.status)]: {
      description: op.ok.description,
      ...(op.ok.schema || op.ok.contentType ? { content: { [op.ok.contentType ?? 'application/json']: op.ok.schema ? { schema: op.ok.schema } : {} } } : {}),
    },
  };
  for (const status of errors) responses[String(status)] = { description: ERROR_TEXT[status] ?? 'Error', content: { 'application/json': { schema: errorSchema } } };
  return {
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    operationId: `${op.method}${op.path.replace(/^\/api\/v1/, '').replace(/[/:.-]+([a-z0-9])/gi, (_all, ch: string) => ch.toUpperCase())}`,
    ...(op.params || op.query ? { requestParams: { ...(op.params ? { path: op.params } : {}), ...(op.query ? { query: op.query } : {}) } } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: !op.bodyOptional,
            content: op.body === 'text' ? { 'text/plain': { schema: z.string() } } : { 'application/json': { schema: op.body } },
          },
        }
      : {}),
    responses,
    security: op.apiKeyOnly ? [{ apiKey: [] }] : [{ apiKey: [] }, { session: [] }],
  };
}

/** The document; `urlBase` (URL_BASE) becomes its server URL so "try it" calls go to the right place. */
export function buildOpenApiDocument(urlBase: string, version: string): Record<string, unknown> {
  const paths: ZodOpenApiPathsObject = {};
  for (const op of apiOperations) {
    const path = openApiPath(op.path);
    paths[path] = { ...paths[path], [op.method]: operationOf(op) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Previewarr API',
      version,
      description: 'Everything the admin pages do. Send the API key in the X-Api-Key header (a signed-in browser session works too, with its X-CSRF-Token on changes).',
    },
    servers: [{ url: urlBase || '/' }],
    components: {
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
        session: { type: 'apiKey', in: 'cookie', name: 'previewarr_session' },
      },
    },
    paths,
  }) as unknown as Record<string, unknown>;
}
