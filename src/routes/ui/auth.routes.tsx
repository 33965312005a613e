import type { BlockList } from 'node:net';
import { Hono, type Context } from 'hono';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { setupFormSchema, loginFormSchema } from '../../auth/account-schemas.ts';
import { adminExists, createFirstAdmin, verifyCredentials } from '../../auth/admin-account.ts';
import { tokensMatch } from '../../auth/csrf.ts';
import { LoginThrottle } from '../../auth/login-throttle.ts';
import { clearSessionCookie, formCookieValue, formToken, readSessionCookie, setSessionCookie } from '../../auth/session-cookie.ts';
import { createSession, deleteSession, findSession } from '../../auth/sessions.ts';
import { safeNextPath } from '../../auth/ui-auth.ts';
import { requestClient, trustedProxiesOf } from '../../auth/client-address.ts';
import { fieldErrors } from '../../admin/admin-schemas.ts';
import { LoginPage, SetupPage } from '../../../views/auth-pages.tsx';
import { formFields, sendError, sendPage } from './render.tsx';
import type { AssetUrls } from './static-assets.ts';

/**
 * What a guess is counted against: the client (X-Forwarded-For believed only from
 * TRUSTED_PROXIES) and the account, so neither changing headers nor many addresses get more tries.
 */
function throttleKeys(c: Context, trustedProxies: BlockList, username: string | undefined): string[] {
  return [`client:${requestClient(c, trustedProxies) ?? 'unknown'}`, `account:${(username ?? '').trim().toLowerCase()}`];
}

/** Set-up and login forms come before any session: a double-submit cookie guards them. */
function formTokenValid(c: Context, fields: Record<string, string>): boolean {
  return tokensMatch(fields['_csrf'], formCookieValue(c) ?? '');
}

const EXPIRED_FORM = 'The form expired. Reload the page and try again.';

/** First-run account creation, login, and logout (logout itself is mounted behind the session guard). */
export function authRoutes(deps: ServiceDeps, assets: AssetUrls, throttle = new LoginThrottle()): Hono {
  const db = deps.database.db;
  const trustedProxies = trustedProxiesOf(deps.env);
  const app = new Hono();

  app.get('/setup', async (c) => {
    if (await adminExists(db)) return c.redirect('/login', 303);
    return sendPage(c, <SetupPage assets={assets} formToken={formToken(c)} />);
  });

  app.post('/setup', async (c) => {
    if (await adminExists(db)) return c.redirect('/login', 303);
    const fields = await formFields(c);
    if (!formTokenValid(c, fields)) return sendError(c, assets, 403, EXPIRED_FORM);
    const parsed = setupFormSchema.safeParse(fields);
    if (!parsed.success) {
      const page = <SetupPage assets={assets} formToken={formToken(c)} values={{ username: fields['username'] ?? '' }} errors={fieldErrors(parsed.error)} />;
      return sendPage(c, page, 422);
    }
    const created = await createFirstAdmin(db, parsed.data.username, parsed.data.password);
    if (!created.ok) return c.redirect('/login', 303);
    const { cookieValue } = await createSession(db, created.userId);
    setSessionCookie(c, cookieValue);
    deps.logger.info({ username: parsed.data.username }, 'administrator account created');
    return c.redirect('/', 303);
  });

  app.get('/login', async (c) => {
    if (!(await adminExists(db))) return c.redirect('/setup', 303);
    const next = safeNextPath(c.req.query('next'));
    const cookie = readSessionCookie(c);
    if (cookie && (await findSession(db, cookie))) return c.redirect(next, 303);
    const message = c.req.query('loggedOut') !== undefined ? 'You are signed out.' : undefined;
    return sendPage(c, <LoginPage assets={assets} formToken={formToken(c)} next={next} message={message} />);
  });

  app.post('/login', async (c) => {
    if (!(await adminExists(db))) return c.redirect('/setup', 303);
    const fields = await formFields(c);
    const next = safeNextPath(fields['next']);
    const render = (status: 401 | 403 | 422 | 429, errors: Record<string, string>) =>
      sendPage(c, <LoginPage assets={assets} formToken={formToken(c)} next={next} values={{ username: fields['username'] ?? '' }} errors={errors} />, status);
    if (!formTokenValid(c, fields)) return render(403, { _form: EXPIRED_FORM });
    const keys = throttleKeys(c, trustedProxies, fields['username']);
    const verdict = keys.map((key) => throttle.check(key)).find((v) => !v.allowed) ?? { allowed: true };
    if (!verdict.allowed) {
      c.header('Retry-After', String(verdict.retryAfterSeconds));
      return render(429, { _form: `Too many failed attempts. Try again in ${verdict.retryAfterSeconds} seconds.` });
    }
    const parsed = loginFormSchema.safeParse(fields);
    if (!parsed.success) return render(422, fieldErrors(parsed.error));
    const userId = await verifyCredentials(db, parsed.data.username, parsed.data.password);
    if (userId === null) {
      for (const key of keys) throttle.failed(key);
      deps.logger.warn({ client: keys[0] }, 'failed login');
      return render(401, { _form: 'Wrong user name or password.' });
    }
    for (const key of keys) throttle.succeeded(key);
    const { cookieValue } = await createSession(db, userId);
    setSessionCookie(c, cookieValue);
    return c.redirect(next, 303);
  });

  return app;
}

/** POST /logout, mounted behind the session guard (so it needs the CSRF token like any change). */
export function logoutRoute(deps: ServiceDeps): Hono<{ Variables: { session: { id: string } } }> {
  const app = new Hono<{ Variables: { session: { id: string } } }>();
  app.post('/logout', async (c) => {
    await deleteSession(deps.database.db, c.get('session').id);
    clearSessionCookie(c);
    return c.redirect('/login?loggedOut', 303);
  });
  return app;
}
