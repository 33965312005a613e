import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { errorJson } from './errors.ts';

/**
 * The key a caller presented, in the places Radarr/Sonarr and scripts can put it: `X-Api-Key`,
 * `?apikey=`, `Authorization: Bearer`, or the password of Basic auth (what Radarr's webhook
 * Username/Password fields send).
 */
export function presentedApiKey(c: Context): string | undefined {
  const header = c.req.header('x-api-key');
  if (header) return header;
  const query = c.req.query('apikey');
  if (query) return query;
  const authorization = c.req.header('authorization') ?? '';
  const [scheme, value = ''] = authorization.split(/\s+/, 2);
  if (scheme?.toLowerCase() === 'bearer') return value;
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('latin1');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : undefined;
  }
  return undefined;
}

/** Compares hashes so neither the length nor a prefix of the key leaks through timing. */
export function apiKeyMatches(presented: string | undefined, expected: string): boolean {
  if (!presented) return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Rejects requests without the current API key (read per request, since it can be regenerated). */
export function requireApiKey(currentKey: () => string): MiddlewareHandler {
  return async (c, next) => {
    if (!apiKeyMatches(presentedApiKey(c), currentKey())) {
      return errorJson(c, 401, 'unauthorized', 'A valid API key is required (X-Api-Key header, ?apikey=, Bearer token or Basic auth password).');
    }
    await next();
  };
}
