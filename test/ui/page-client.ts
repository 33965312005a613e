/**
 * A signed-in browser without the browser: an account and a session made the way /setup makes
 * them, then GET/POST with its cookie and CSRF token, as the pages' forms and htmx send them.
 *   const pages = await signedInPages(svc);
 *   const html = await (await pages.get('/')).text();
 *   await pages.post('/settings/profiles/1', { name: 'x' });
 */
import { createFirstAdmin, firstAdminId } from '../../src/auth/admin-account.ts';
import { createSession } from '../../src/auth/sessions.ts';
import type { TestService } from '../support/test-service.ts';

export type PageClient = {
  /** The session cookie header, for requests built by hand (a forged form without the token). */
  cookie: string;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  post(path: string, fields: Record<string, string | string[]>, headers?: Record<string, string>): Promise<Response>;
};

export async function signedInPages(svc: Pick<TestService, 'url' | 'deps'>): Promise<PageClient> {
  const db = svc.deps.database.db;
  const existing = await firstAdminId(db);
  const created = existing === null ? await createFirstAdmin(db, 'admin', 'a long enough password') : null;
  const userId = existing ?? (created?.ok ? created.userId : null);
  if (userId === null) throw new Error('no admin account');
  const { cookieValue, session } = await createSession(db, userId);
  const cookie = `previewarr_session=${cookieValue}`;
  return {
    cookie,
    get: (path, headers = {}) => fetch(`${svc.url}${path}`, { redirect: 'manual', headers: { cookie, ...headers } }),
    post: (path, fields, headers = {}) => {
      const body = new URLSearchParams();
      for (const [name, value] of Object.entries(fields)) for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
      body.set('_csrf', session.csrfToken);
      return fetch(`${svc.url}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'hx-request': 'true', ...headers },
        body: body.toString(),
      });
    },
  };
}
