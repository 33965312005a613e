import { zValidator } from '@hono/zod-validator';
import type { Context } from 'hono';
import type { z } from 'zod';
import { issuesOf } from '../../admin/admin-schemas.ts';
import { errorJson } from '../../http/errors.ts';

export type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

/** The parsed JSON body; a wrong content type or broken JSON is a 400 that says so. */
export async function readJsonValue(c: Context, { emptyAs }: { emptyAs?: unknown } = {}): Promise<Parsed<unknown>> {
  const text = await c.req.text();
  if (text.trim() === '' && emptyAs !== undefined) return { ok: true, data: emptyAs };
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    return { ok: false, response: errorJson(c, 400, 'invalid_request', `Send a JSON body with Content-Type: application/json (got ${type ? `"${type}"` : 'none'}).`) };
  }
  try {
    return { ok: true, data: JSON.parse(text) };
  } catch (err) {
    return { ok: false, response: errorJson(c, 400, 'invalid_json', `The body is not valid JSON: ${(err as Error).message}`) };
  }
}

/** A JSON body checked by `schema`; every failure is a 400 that says what is wrong. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S, options: { emptyAs?: unknown } = {}): Promise<Parsed<z.output<S>>> {
  const body = await readJsonValue(c, options);
  return body.ok ? checked(c, schema, body.data, 'body') : body;
}

/** A value checked by `schema`, or the 400 that says what is wrong with it. */
function checked<S extends z.ZodType>(c: Context, schema: S, value: unknown, what = 'request'): Parsed<z.output<S>> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, response: invalidRequest(c, parsed.error, what) };
}

/**
 * The route's path parameters or query string checked by `schema` before the handler runs
 * (`c.req.valid(target)` then holds the typed values), failing with the same 400 as the body
 * checks. Bodies keep {@link jsonBody}: its content-type and broken-JSON answers say more.
 */
export function validated<T extends 'param' | 'query', S extends z.ZodType>(target: T, schema: S, what: string) {
  return zValidator(target, schema, (result, c) => {
    if (!result.success) return invalidRequest(c, result.error, what);
  });
}

function invalidRequest(c: Context, error: Pick<z.core.$ZodError, 'issues'>, what: string): Response {
  const issues = issuesOf(error);
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return errorJson(c, 400, 'invalid_request', `The ${what} is not valid: ${summary}`, { issues });
}
