// Promise: nobody gets in without credentials. The test lists every route the app has, so a route
// added later without a guard fails it unless it is put on the public list below on purpose.
// Also: a signed-in browser cannot be made to change anything without the page's CSRF token, and
// pages carry the security headers that keep them out of frames and stop content sniffing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '../support/test-db.ts';
import { startTestService, type TestService } from '../support/test-service.ts';
import { appRoutes, createAdmin, type AdminSession, type AppRoute } from './admin-session.ts';

/** Reachable without credentials, each for a reason: probes, the two forms before any session, assets. */
const PUBLIC: Array<{ method: string; path: string }> = [
  { method: 'GET', path: '/healthz' },
  { method: 'GET', path: '/readyz' },
  { method: 'GET', path: '/ping' },
  { method: 'GET', path: '/setup' },
  { method: 'POST', path: '/setup' },
  { method: 'GET', path: '/login' },
  { method: 'POST', path: '/login' },
  { method: 'GET', path: '/static/:name' },
];
const isPublic = (route: AppRoute) => PUBLIC.some((entry) => entry.method === route.method && entry.path === route.path);

describe(`access control over every route (${testBackend})`, () => {
  let svc: TestService;
  let admin: AdminSession;
  let routes: AppRoute[];

  beforeAll(async () => {
    svc = await startTestService({ workers: () => [] });
    admin = await createAdmin(svc);
    routes = appRoutes(svc);
  });
  afterAll(async () => {
    await svc?.stop();
  });

  async function ask(route: AppRoute, headers: Record<string, string> = {}) {
    const hasBody = route.method !== 'GET' && route.method !== 'HEAD';
    const res = await fetch(`${svc.url}${route.example}`, {
      method: route.method,
      redirect: 'manual',
      headers: { ...(hasBody ? { 'Content-Type': 'application/json' } : {}), ...headers },
      ...(hasBody ? { body: '{}' } : {}),
    });
    await res.arrayBuffer();
    return res;
  }

  it('knows the routes it guards (the list is read from the app itself)', () => {
    expect(routes.length).toBeGreaterThan(40);
    for (const entry of PUBLIC) expect(routes.some((route) => route.method === entry.method && route.path === entry.path), `${entry.method} ${entry.path}`).toBe(true);
    expect(routes.some((route) => route.path.startsWith('/api/v1/'))).toBe(true);
    expect(routes.some((route) => route.path.startsWith('/settings'))).toBe(true);
  });

  it('refuses every non-public route without credentials: 401/403, or a redirect to the login page', async () => {
    const reachable: string[] = [];
    for (const route of routes.filter((r) => !isPublic(r))) {
      const res = await ask(route);
      const location = res.headers.get('location') ?? '';
      const refused = res.status === 401 || res.status === 403 || (res.status === 303 && /^\/login(\?|$)/.test(location));
      if (!refused) reachable.push(`${route.method} ${route.example} → ${res.status} ${location}`);
    }
    expect(reachable).toEqual([]);
  });

  it('refuses a wrong API key and a forged session cookie the same way', async () => {
    const reachable: string[] = [];
    for (const route of routes.filter((r) => !isPublic(r))) {
      const attempts: Array<Record<string, string>> = [{ 'X-Api-Key': 'wrong-key-0123456789abcdef' }, { Cookie: 'previewarr_session=forged-value' }];
      for (const headers of attempts) {
        const res = await ask(route, headers);
        const location = res.headers.get('location') ?? '';
        if (!(res.status === 401 || res.status === 403 || (res.status === 303 && /^\/login(\?|$)/.test(location)))) {
          reachable.push(`${route.method} ${route.example} with ${Object.keys(headers)[0]} → ${res.status}`);
        }
      }
    }
    expect(reachable).toEqual([]);
  });

  it('refuses every state-changing request of a signed-in browser that lacks the CSRF token', async () => {
    const changing = routes.filter((r) => !isPublic(r) && r.method !== 'GET' && r.method !== 'HEAD');
    expect(changing.length).toBeGreaterThan(20);
    const accepted: string[] = [];
    for (const route of changing) {
      // Form posts as a cross-site page would send them, and JSON as a script would.
      for (const type of ['application/x-www-form-urlencoded', 'application/json']) {
        const res = await fetch(`${svc.url}${route.example}`, {
          method: route.method,
          redirect: 'manual',
          headers: { Cookie: admin.cookie, 'Content-Type': type },
          body: type === 'application/json' ? '{}' : '_csrf=guessed-token',
        });
        await res.arrayBuffer();
        if (res.status !== 403 && res.status !== 401) accepted.push(`${route.method} ${route.example} (${type}) → ${res.status}`);
      }
    }
    expect(accepted).toEqual([]);
    // The same session with its token gets through (the refusals above were about the token).
    const logout = await fetch(`${svc.url}/logout`, { method: 'POST', redirect: 'manual', headers: { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrfToken } });
    expect(logout.status).toBe(303);
    expect(logout.headers.get('location')).toMatch(/^\/login/);
    const after = await fetch(`${svc.url}/settings/general`, { redirect: 'manual', headers: { Cookie: admin.cookie } });
    expect(after.status).toBe(303);
    admin = await signInAgain();
  });

  async function signInAgain(): Promise<AdminSession> {
    const form = await fetch(`${svc.url}/login`);
    const formCookie = /previewarr_form=([^;]+)/.exec(form.headers.getSetCookie().join('\n'))?.[1] ?? '';
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const res = await fetch(`${svc.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: `previewarr_form=${formCookie}` },
      body: new URLSearchParams({ _csrf: token, username: 'admin', password: 'correct horse battery staple' }),
    });
    const sessionValue = /previewarr_session=([^;]+)/.exec(res.headers.getSetCookie().join('\n'))?.[1] ?? '';
    expect(res.status).toBe(303);
    const page = await fetch(`${svc.url}/`, { headers: { Cookie: `previewarr_session=${sessionValue}` } });
    const csrfToken = /<meta name="csrf-token" content="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    return { cookie: `previewarr_session=${sessionValue}`, sessionValue, csrfToken };
  }

  it('serves pages with CSP (no framing), nosniff and no-referrer-leak headers', async () => {
    const pages = ['/login', '/', '/library', '/events', '/settings/general', '/settings/connections'];
    for (const path of pages) {
      const res = await fetch(`${svc.url}${path}`, { headers: { Cookie: admin.cookie } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
    }
    // The session cookie cannot be read by scripts or sent by other sites' forms.
    const setCookie = (await fetch(`${svc.url}/login`)).headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/previewarr_form=[^;]+;.*HttpOnly/i);
  });
});
