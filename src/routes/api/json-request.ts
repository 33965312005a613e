// The one way every /api/v1 route reads its request: the body limit (413), the JSON body (415 for
// another content type, 400 for broken JSON or a control character in any text), the zod check
// of body, path and query (400 naming each field). Every problem is a clear 4xx, never a 500.
import { zValidator } from '@hono/zod-validator';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { issuesOf } from '../../admin/admin-schemas.ts';
import { controlCharacterPath } from '../../domain/control-characters.ts';
import { errorJson } from '../../http/errors.ts';

/** Connection bodies are small settings objects; anything larger is a mistake or an attack. */
export const MAX_API_BODY_BYTES = 64 * 1024;

/** Refuses a body over `maxBytes` before it is read. */
export function jsonBodyLimit(maxBytes: number) {
  const size = maxBytes >= 1024 * 1024 ? `${maxBytes / (1024 * 1024)} MiB` : `${maxBytes / 1024} KiB`;
  return bodyLimit({ maxSize: maxBytes, onError: (c) => errorJson(c, 413, 'payload_too_large', `The request body is larger than ${size}.`) });
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

/** The parsed JSON body. `emptyAs` is what an empty body means, for routes where it is optional. */
export async function readJsonValue(c: Context, { emptyAs }: { emptyAs?: unknown } = {}): Promise<Parsed<unknown>> {
  const text = await c.req.text();
  if (text.trim() === '' && emptyAs !== undefined) return { ok: true, data: emptyAs };
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    return { ok: false, response: errorJson(c, 415, 'unsupported_content_type', `Send a JSON body with Content-Type: application/json (got ${type ? `"${type}"` : 'none'}).`) };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, response: errorJson(c, 400, 'invalid_json', `The body is not valid JSON: ${(err as Error).message}`) };
  }
  const path = controlCharacterPath(data);
  if (path !== undefined) {
    const issue = { path: path || '(body)', message: 'must not contain control characters (NUL, line breaks, escape…)' };
    return { ok: false, response: errorJson(c, 400, 'invalid_request', `The body is not valid: ${issue.path}: ${issue.message}`, { issues: [issue] }) };
  }
  return { ok: true, data };
}

/** A JSON body checked by `schema`; every failure is a 4xx that says what is wrong. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S, options: { emptyAs?: unknown; what?: string } = {}): Promise<Parsed<z.output<S>>> {
  const body = await readJsonValue(c, options);
  if (!body.ok) return body;
  const parsed = schema.safeParse(body.data);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, response: invalidRequest(c, parsed.error, options.what ?? 'body') };
}

/**
 * The route's path parameters or query string checked by `schema` before the handler runs
 * (`c.req.valid(target)` then holds the typed values), failing with the same 400 as the body.
 */
export function validated<T extends 'param' | 'query', S extends z.ZodType>(target: T, schema: S, what: string) {
  const check = zValidator(target, schema, (result, c) => {
    if (!result.success) return invalidRequest(c, result.error, what);
  });
  // A decoded path segment or query value may hold a control character (`%00`): refused like one
  // in a JSON body, before any schema or database sees it.
  return (async (c, next) => {
    const values = target === 'param' ? c.req.param() : c.req.queries();
    const at = controlCharacterPath(values);
    if (at !== undefined) {
      const message = 'control characters are not allowed';
      return errorJson(c, 400, 'invalid_request', `The ${what} is not valid: ${at}: ${message}`, { issues: [{ path: at, message }] });
    }
    return check(c, next);
  }) as typeof check;
}

/** The 400 for values a schema refused: a summary plus one issue per field. */
export function invalidRequest(c: Context, error: Pick<z.core.$ZodError, 'issues'>, what: string): Response {
  const issues = issuesOf(error);
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return errorJson(c, 400, 'invalid_request', `The ${what} is not valid: ${summary}`, { issues });
}
