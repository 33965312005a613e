import type { MiddlewareHandler } from 'hono';
import { isStateChanging, presentedCsrfToken, tokensMatch } from '../../auth/csrf.ts';
import { readSessionCookie } from '../../auth/session-cookie.ts';
import { findSession } from '../../auth/sessions.ts';
import type { Db } from '../../db/client.ts';
import { apiKeyMatches, presentedApiKey } from '../../http/api-key.ts';
import { errorJson } from '../../http/errors.ts';

/**
 * The JSON API answers a valid API key (X-Api-Key and the other places Radarr/Sonarr put it), or
 * a signed-in browser session, which must then send its CSRF token with every change.
 */
export function requireApiKeyOrSession(db: Db, currentKey: () => string): MiddlewareHandler {
  return async (c, next) => {
    const presented = presentedApiKey(c);
    if (presented !== undefined) {
      if (!apiKeyMatches(presented, currentKey())) return errorJson(c, 401, 'unauthorized', 'The API key is wrong.');
      return next();
    }
    const cookie = readSessionCookie(c);
    const session = cookie ? await findSession(db, cookie) : null;
    if (!session) {
      return errorJson(c, 401, 'unauthorized', 'A valid API key is required (X-Api-Key header, ?apikey=, Bearer token or Basic auth password).');
    }
    if (isStateChanging(c.req.method) && !tokensMatch(await presentedCsrfToken(c), session.csrfToken)) {
      return errorJson(c, 403, 'csrf', 'A signed-in request that changes something must carry the X-CSRF-Token header.');
    }
    return next();
  };
}
