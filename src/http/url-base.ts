import { Hono, type MiddlewareHandler } from 'hono';
import { mount } from 'hono/mount';
import type { Logger } from 'pino';
import { installErrorHandlers } from './errors.ts';

// URL_BASE: the whole app served under a path prefix (`/previewarr`) behind a reverse proxy that
// forwards that prefix unchanged (Traefik PathPrefix, nginx `location /previewarr/`, Caddy
// `handle /previewarr/*`). The app itself stays prefix-free: requests have the prefix taken off on
// the way in, and on the way out every root-relative URL we generate gets it put back: redirect
// headers, cookie paths, and the links, forms and htmx attributes of our pages and live streams.
// One place owns the prefix, so no page, route or test has to know about it.

/** The attributes of our markup that hold a URL (hono/jsx always writes them double-quoted). */
const URL_ATTRIBUTE = /(\s(?:href|src|action|formaction|poster|hx-(?:get|post|put|patch|delete)|hx-sse:connect)=")\/(?!\/)/g;

/** Root-relative URLs in generated HTML, prefixed (`href="/x"` → `href="/base/x"`; `//host` untouched). */
export function prefixHtml(html: string, base: string): string {
  return html.replace(URL_ATTRIBUTE, `$1${base}/`);
}

/** A root-relative location (`/login?next=…`) prefixed; absolute and protocol-relative ones left alone. */
export function prefixLocation(location: string, base: string): string {
  return location.startsWith('/') && !location.startsWith('//') ? `${base}${location}` : location;
}

/** A Set-Cookie value whose `Path=/…` is moved under the prefix, so the browser sends it only there. */
export function prefixCookiePath(cookie: string, base: string): string {
  return cookie.replace(/(;\s*Path=)(\/[^;]*)/i, (_all, attr: string, path: string) => `${attr}${path === '/' ? base : base + path}`);
}

/** Rewrites a text stream line by line (an SSE event's data lines are whole lines). */
function prefixStream(body: ReadableStream<Uint8Array>, base: string): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let pending = '';
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        pending += decoder.decode(chunk, { stream: true });
        const end = pending.lastIndexOf('\n') + 1;
        if (end === 0) return;
        controller.enqueue(encoder.encode(prefixHtml(pending.slice(0, end), base)));
        pending = pending.slice(end);
      },
      flush(controller) {
        pending += decoder.decode();
        if (pending) controller.enqueue(encoder.encode(prefixHtml(pending, base)));
      },
    }),
  );
}

const REDIRECT_HEADERS = ['location', 'hx-redirect', 'hx-location'];

/** Puts the prefix back into everything the app answered. */
function prefixResponses(base: string): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    const headers = new Headers(res.headers);
    for (const name of REDIRECT_HEADERS) {
      const value = headers.get(name);
      if (value) headers.set(name, prefixLocation(value, base));
    }
    const cookies = headers.getSetCookie();
    if (cookies.length > 0) {
      headers.delete('set-cookie');
      for (const cookie of cookies) headers.append('set-cookie', prefixCookiePath(cookie, base));
    }
    const type = headers.get('content-type') ?? '';
    let body: BodyInit | null = res.body;
    if (res.body && type.startsWith('text/html')) {
      body = prefixHtml(await res.text(), base);
      headers.delete('content-length');
    } else if (res.body && type.startsWith('text/event-stream')) {
      body = prefixStream(res.body, base);
    }
    c.res = undefined;
    c.res = new Response(body, { status: res.status, statusText: res.statusText, headers });
  };
}

/**
 * The app served under `base` (empty: the app itself). The probes also answer at the root, so a
 * container health check or a load balancer needs no prefix; `/` sends a browser to the app.
 */
export function withUrlBase(base: string, app: Hono, probes: Hono, logger: Logger): Hono {
  if (base === '') return app;
  const outer = new Hono();
  installErrorHandlers(outer, logger);
  outer.route('/', probes);
  outer.get('/', (c) => c.redirect(`${base}/`, 302));
  // `${base}/*` also matches `${base}` itself, so one registration serves both.
  outer.use(`${base}/*`, prefixResponses(base));
  outer.all(`${base}/*`, mount(app.fetch));
  return outer;
}
