// Signing in over HTTP the way a browser does (first-run form, its double-submit cookie, the
// session cookie, the page's CSRF token), and the route list of the running app, for the access
// and secret tests.
import { createApp } from '../../src/app/create-app.ts';
import type { TestService } from '../support/test-service.ts';

export const ADMIN = { username: 'admin', password: 'correct horse battery staple' };

export type AdminSession = { cookie: string; sessionValue: string; csrfToken: string };

function cookiesOf(res: Response): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair!.indexOf('=');
    cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
  }
  return cookies;
}

/** Creates the administrator through /setup and returns the signed-in session. */
export async function createAdmin(svc: Pick<TestService, 'url'>): Promise<AdminSession> {
  const form = await fetch(`${svc.url}/setup`);
  const formCookie = cookiesOf(form).get('previewarr_form');
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!formCookie || !token) throw new Error('the set-up page gave no form token');
  const res = await fetch(`${svc.url}/setup`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: `previewarr_form=${formCookie}` },
    body: new URLSearchParams({ _csrf: token, username: ADMIN.username, password: ADMIN.password, confirm: ADMIN.password }),
  });
  const sessionValue = cookiesOf(res).get('previewarr_session');
  if (res.status !== 303 || !sessionValue) throw new Error(`set-up failed: ${res.status} ${await res.text()}`);
  const cookie = `previewarr_session=${sessionValue}`;
  const page = await fetch(`${svc.url}/`, { headers: { Cookie: cookie } });
  const csrfToken = /<meta name="csrf-token" content="([^"]+)"/.exec(await page.text())?.[1];
  if (!csrfToken) throw new Error('the dashboard carries no CSRF token');
  return { cookie, sessionValue, csrfToken };
}

export type AppRoute = { method: string; path: string; example: string };

/** Every handler route of the app (middleware entries left out), with a concrete example path. */
export function appRoutes(svc: TestService): AppRoute[] {
  const seen = new Set<string>();
  const routes: AppRoute[] = [];
  for (const route of createApp(svc.deps).routes) {
    if (route.method === 'ALL') continue;
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const example = route.path
      .replace(/:[A-Za-z]+\{([^|}]+)[^}]*\}/g, '$1') // `:section{media|downloads}` → its first choice
      .replace(/:[A-Za-z]+\??/g, '1')
      .replace(/\*$/, 'x');
    routes.push({ method: route.method, path: route.path, example });
  }
  return routes;
}

/** Posts the login form as a browser does (its double-submit token first); the answer is not followed. */
export async function postLogin(svc: TestService, fields: { username: string; password: string }, headers: Record<string, string> = {}): Promise<Response> {
  const form = await fetch(`${svc.url}/login`, { headers });
  const formCookie = cookiesOf(form).get('previewarr_form');
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!formCookie || !token) throw new Error('the login page gave no form token');
  return fetch(`${svc.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: `previewarr_form=${formCookie}`, ...headers },
    body: new URLSearchParams({ _csrf: token, ...fields }),
  });
}
