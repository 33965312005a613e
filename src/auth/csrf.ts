import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';

/** Header the page's script adds to every htmx request (see views/static/app.js). */
export const CSRF_HEADER = 'x-csrf-token';
/** Hidden field every form carries, so forms also work before the script has loaded. */
export const CSRF_FIELD = '_csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

export function tokensMatch(presented: string | undefined, expected: string): boolean {
  if (!presented || !expected) return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * The token a request carries: the header, else the form field of a urlencoded or multipart
 * body (Hono caches the parsed body, so the handler reads the same form again for free).
 */
export async function presentedCsrfToken(c: Context): Promise<string | undefined> {
  const header = c.req.header(CSRF_HEADER);
  if (header) return header;
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return undefined;
  try {
    const form = await c.req.parseBody();
    const value = form[CSRF_FIELD];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
