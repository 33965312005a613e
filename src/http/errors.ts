import type { Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';

/** The one JSON error shape every route answers with. */
export type ErrorBody = { error: string; message: string; issues?: Array<{ path: string; message: string }> };

export function errorJson(c: Context, status: ContentfulStatusCode, error: string, message: string, extra: Partial<ErrorBody> = {}) {
  return c.json({ error, message, ...extra } satisfies ErrorBody, status);
}

function pathPattern(path: string): RegExp {
  const escaped = path
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      if (segment.startsWith(':')) return segment.endsWith('?') ? '[^/]*' : '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${escaped}/?$`);
}

/** JSON 404 / 405 (with Allow) / 500 bodies instead of Hono's plain-text defaults. */
export function installErrorHandlers(app: Hono<any>, logger: Logger): void {
  app.notFound((c) => {
    const allowed = new Set<string>();
    for (const route of app.routes) {
      if (route.method === 'ALL' || route.path.endsWith('*')) continue;
      if (pathPattern(route.path).test(c.req.path)) allowed.add(route.method);
    }
    if (allowed.size > 0 && !allowed.has(c.req.method)) {
      if (allowed.has('GET')) allowed.add('HEAD');
      c.header('Allow', [...allowed].sort().join(', '));
      return errorJson(c, 405, 'method_not_allowed', `${c.req.method} is not allowed on ${c.req.path}`);
    }
    return errorJson(c, 404, 'not_found', `No route for ${c.req.method} ${c.req.path}`);
  });

  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      return errorJson(c, status, status === 401 ? 'unauthorized' : 'http_error', err.message || 'Request failed');
    }
    logger.error({ err, method: c.req.method, path: c.req.path }, 'unhandled error');
    return errorJson(c, 500, 'internal_error', 'Something went wrong inside Previewarr; the log has details.');
  });
}
