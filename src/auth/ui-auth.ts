import type { BlockList } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import type { Db } from '../db/client.ts';
import { readSettings } from '../db/settings-store.ts';
import { adminExists, firstAdminId } from './admin-account.ts';
import { isStateChanging, presentedCsrfToken, tokensMatch } from './csrf.ts';
import { requestIsLocal } from './client-address.ts';
import { readSessionCookie, setSessionCookie } from './session-cookie.ts';
import { createSession, findSession, type UiSession } from './sessions.ts';

/** Hono environment of every signed-in page: `c.get('session')`. */
export type UiEnv = { Variables: { session: UiSession } };

export function isHtmxRequest(c: Context): boolean {
  return c.req.header('hx-request') === 'true';
}

/** A same-site path to return to after login; anything else falls back to the dashboard. */
export function safeNextPath(next: string | undefined): string {
  return next && /^\/(?![/\\])[^\s]*$/.test(next) ? next : '/';
}

function redirectTo(c: Context, location: string) {
  // htmx follows HX-Redirect with a full page load; a plain 303 would be swapped into the page.
  if (isHtmxRequest(c)) {
    c.header('HX-Redirect', location);
    return c.body(null, 401);
  }
  return c.redirect(location, 303);
}

export type UiAuthOptions = {
  db: Db;
  /** Reverse proxies whose X-Forwarded-For is believed (TRUSTED_PROXIES). */
  trustedProxies: BlockList;
  /** Answer for a state-changing request whose CSRF token is missing or wrong. */
  onCsrfFailure: (c: Context) => Response | Promise<Response>;
};

/**
 * Guards every page: no account yet → the first-run page; no session → the login page (or, with
 * "no login from local addresses" on and a local client, a session made on the spot, so the CSRF
 * rules stay the same); state-changing requests must carry the session's CSRF token.
 */
export function requireUiSession({ db, trustedProxies, onCsrfFailure }: UiAuthOptions): MiddlewareHandler<UiEnv> {
  let accountKnown = false;
  let localCookie: string | undefined;
  return async (c, next) => {
    if (!accountKnown) {
      accountKnown = await adminExists(db);
      if (!accountKnown) return redirectTo(c, '/setup');
    }
    const cookie = readSessionCookie(c);
    let session = cookie ? await findSession(db, cookie) : null;
    if (!session && (await localLoginAllowed(db, c, trustedProxies))) {
      // One session for every cookie-less local visitor (health probes, scripts): a row per
      // request would pile up for 30 days. Made again only when it is gone (logout, expiry).
      session = localCookie ? await findSession(db, localCookie) : null;
      const userId = session ? null : await firstAdminId(db);
      if (userId !== null) {
        const created = await createSession(db, userId);
        localCookie = created.cookieValue;
        session = created.session;
      }
      if (session && localCookie) setSessionCookie(c, localCookie);
    }
    if (!session) {
      const url = new URL(c.req.url);
      const next = c.req.method === 'GET' && !isHtmxRequest(c) ? url.pathname + url.search : '/';
      return redirectTo(c, next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`);
    }
    c.set('session', session);
    if (isStateChanging(c.req.method) && !tokensMatch(await presentedCsrfToken(c), session.csrfToken)) {
      return onCsrfFailure(c);
    }
    await next();
  };
}

async function localLoginAllowed(db: Db, c: Context, trustedProxies: BlockList): Promise<boolean> {
  if (!requestIsLocal(c, trustedProxies)) return false;
  return (await readSettings(db)).authDisabledForLocalAddresses;
}
