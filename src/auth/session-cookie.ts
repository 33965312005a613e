import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_LIFETIME_MS, newToken } from './sessions.ts';

export const SESSION_COOKIE = 'previewarr_session';
/** Double-submit token for the forms shown before there is a session (set-up and login). */
export const FORM_COOKIE = 'previewarr_form';

/** Served over HTTPS directly or by a proxy that says so: then cookies get `Secure`. */
export function requestIsHttps(c: Context): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https';
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

export function setSessionCookie(c: Context, value: string): void {
  setCookie(c, SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: requestIsHttps(c),
    path: '/',
    maxAge: Math.floor(SESSION_LIFETIME_MS / 1000),
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: requestIsHttps(c) });
}

/** The pre-session form token: the one in the cookie, or a new one set now. */
export function formToken(c: Context): string {
  const existing = getCookie(c, FORM_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{20,100}$/.test(existing)) return existing;
  const token = newToken();
  setCookie(c, FORM_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure: requestIsHttps(c), path: '/' });
  return token;
}

export function formCookieValue(c: Context): string | undefined {
  return getCookie(c, FORM_COOKIE);
}
