// Reading a JSON API request: the body parsed and validated by a zod schema, path ids checked.
// Every problem becomes a 400 naming the field, never a 500.
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { issuesFromZod } from '../../arr/tolerant-json.ts';
import { errorJson } from '../../http/errors.ts';

/** JSON API bodies are small settings objects; anything larger is a mistake or an attack. */
export const MAX_API_BODY_BYTES = 64 * 1024;

export const apiBodyLimit = bodyLimit({
  maxSize: MAX_API_BODY_BYTES,
  onError: (c) => errorJson(c, 413, 'payload_too_large', `The request body is larger than ${MAX_API_BODY_BYTES / 1024} KiB.`),
});

export type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

/** Parses and validates the JSON body; the failure is a ready 400 response. */
export async function parseJsonBody<S extends z.ZodType>(c: Context, schema: S, what: string): Promise<Parsed<z.output<S>>> {
  const contentType = c.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
    return { ok: false, response: errorJson(c, 400, 'unsupported_content_type', 'Send the body as JSON with Content-Type: application/json.') };
  }
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    return { ok: false, response: errorJson(c, 400, 'invalid_json', 'The request body is not valid JSON.') };
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issues = issuesFromZod(parsed.error);
  const first = issues[0];
  const summary = first ? `${first.path}: ${first.message}` : 'invalid';
  return { ok: false, response: errorJson(c, 400, 'validation_failed', `The ${what} is not valid (${summary}).`, { issues }) };
}

const idSchema = z.coerce.number().int().positive().max(2_147_483_647);

/** A positive integer path or query parameter; the failure is a ready 400 response. */
export function parseId(c: Context, value: string | undefined, name: string): Parsed<number> {
  const parsed = idSchema.safeParse(value);
  if (parsed.success && /^\d+$/.test(value ?? '')) return { ok: true, data: parsed.data };
  return {
    ok: false,
    response: errorJson(c, 400, 'invalid_id', `${name} must be a positive whole number, got "${value ?? ''}".`, {
      issues: [{ path: name, message: 'must be a positive whole number' }],
    }),
  };
}
