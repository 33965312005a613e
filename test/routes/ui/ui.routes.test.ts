import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { jobProgress, webhookEvents } from '../../../src/db/schema/index.ts';
import { readSettings, writeInternal, writeSettings } from '../../../src/db/settings-store.ts';
import { seedConnection, seedMedia } from '../../ui/seed.ts';
import { testBackend } from '../../support/test-db.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';
import { waitFor } from '../../support/wait-for.ts';

const PASSWORD = 'a long enough password';

/** The cookie value set by a response, by name. */
function setCookie(res: Response, name: string): { value: string; attributes: string } | undefined {
  for (const line of res.headers.getSetCookie()) {
    const [pair = '', ...rest] = line.split(';');
    const [key, value = ''] = pair.split('=');
    if (key?.trim() === name) return { value, attributes: rest.join(';').toLowerCase() };
  }
  return undefined;
}

describe(`admin pages over HTTP (${testBackend})`, () => {
  let svc: TestService;
  let session = '';
  let csrf = '';

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${svc.url}${path}`, { redirect: 'manual', headers: { cookie: `previewarr_session=${session}`, ...headers } });
  const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${svc.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `previewarr_session=${session}`, ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  /** The set-up/login forms' double-submit token: the cookie and the hidden field must agree. */
  const formToken = async (path: string) => {
    // Once the account exists /setup redirects; the login form hands out the same kind of token.
    for (const page of [path, '/login']) {
      const token = setCookie(await fetch(`${svc.url}${page}`, { redirect: 'manual' }), 'previewarr_form');
      if (token) return token.value;
    }
    throw new Error('no form token');
  };
  const postForm = async (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) => {
    const token = await formToken(path);
    return fetch(`${svc.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `previewarr_form=${token}`, ...headers },
      body: new URLSearchParams({ ...fields, _csrf: token }).toString(),
    });
  };

  beforeAll(async () => {
    svc = await startTestService({ workers: () => [] });
  });
  afterAll(async () => {
    await svc?.stop();
  });

  it('serves htmx from node_modules and our assets with long caching under a content hash', async () => {
    const page = await (await fetch(`${svc.url}/setup`)).text();
    const htmxUrl = /<script src="(\/static\/htmx\.min\.js\?v=[0-9a-f]+)"/.exec(page)?.[1];
    expect(htmxUrl).toBeDefined();
    const res = await fetch(`${svc.url}${htmxUrl}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/javascript');
    expect(res.headers.get('cache-control')).toContain('immutable');
    const onDisk = readFileSync(createRequire(import.meta.url).resolve('htmx.org/dist/htmx.min.js'), 'utf8');
    expect(await res.text()).toBe(onDisk);
    const again = await fetch(`${svc.url}${htmxUrl}`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect((await fetch(`${svc.url}/static/nothing.js`)).status).toBe(404);
  });

  it('before an account exists every page leads to the first-run form (htmx gets HX-Redirect)', async () => {
    for (const path of ['/', '/library', '/settings/general', '/login']) {
      const res = await fetch(`${svc.url}${path}`, { redirect: 'manual' });
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location'), path).toBe('/setup');
    }
    const htmx = await fetch(`${svc.url}/library`, { headers: { 'hx-request': 'true' } });
    expect(htmx.status).toBe(401);
    expect(htmx.headers.get('hx-redirect')).toBe('/setup');
  });

  it('first-run: refuses a missing form token and a weak password, then creates the one account', async () => {
    const noToken = await fetch(`${svc.url}/setup`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=a&password=b&confirm=b' });
    expect(noToken.status).toBe(403);
    const weak = await postForm('/setup', { username: 'admin', password: 'short', confirm: 'short' });
    expect(weak.status).toBe(422);
    expect(await weak.text()).toContain('At least 10 characters');

    const created = await postForm('/setup', { username: 'admin', password: PASSWORD, confirm: PASSWORD }, { 'x-forwarded-proto': 'https' });
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe('/');
    const cookie = setCookie(created, 'previewarr_session')!;
    // Behind an HTTPS proxy the session cookie is Secure; always HttpOnly and SameSite=Lax.
    expect(cookie.attributes).toContain('httponly');
    expect(cookie.attributes).toContain('samesite=lax');
    expect(cookie.attributes).toContain('secure');
    session = cookie.value;

    // A second set-up changes nothing.
    const second = await postForm('/setup', { username: 'intruder', password: PASSWORD, confirm: PASSWORD });
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe('/login');
    expect(setCookie(second, 'previewarr_session')).toBeUndefined();
  });

  it('pages carry the strict CSP and contain no inline script or style', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(html)![1]!;
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/\son[a-z]+="/);
  });

  it('login: plain HTTP gives a cookie without Secure; a foreign next path is ignored; guessing is throttled', async () => {
    const ok = await postForm('/login', { username: 'ADMIN', password: PASSWORD, next: '//evil.example/x' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/');
    expect(setCookie(ok, 'previewarr_session')!.attributes).not.toContain('secure');

    // Guessing is throttled per client and per account (test/routes/ui/login-throttle.test.ts has the rest).
    for (let i = 0; i < 5; i++) expect((await postForm('/login', { username: 'someone', password: 'wrong' })).status).toBe(401);
    const locked = await postForm('/login', { username: 'someone', password: 'wrong' });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('a settings form is checked by the settings schema: errors beside the field, nothing stored', async () => {
    const before = await readSettings(svc.deps.database.db);
    const res = await post('/settings/media', { _csrf: csrf, minDurationSeconds: 'abc', maxDurationSeconds: '300', trailerLayout: 'beside' }, { 'hx-request': 'true' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/^<form/);
    expect(html).toMatch(/id="f-minDurationSeconds-error"[^>]*>Enter a whole number</);
    expect(await readSettings(svc.deps.database.db)).toEqual(before);

    // A language that can never match a trailer is refused at save, with the reason beside it.
    const language = await post('/settings/media', { _csrf: csrf, preferredLanguages: 'de\nGerman', minDurationSeconds: '20', maxDurationSeconds: '240' }, { 'hx-request': 'true' });
    expect(language.status).toBe(422);
    expect(await language.text()).toMatch(/id="f-preferredLanguages-error"[^>]*>&quot;German&quot; does not start with a two-letter language code: use a two-letter ISO 639-1 code such as en/);
    expect(await readSettings(svc.deps.database.db)).toEqual(before);

    const saved = await post('/settings/media', { _csrf: csrf, preferredLanguages: 'de, en\nfr', minDurationSeconds: '20', maxDurationSeconds: '240' }, { 'hx-request': 'true' });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('Saved.');
    expect(await readSettings(svc.deps.database.db)).toMatchObject({ preferredLanguages: ['de', 'en', 'fr'], minDurationSeconds: 20, maxDurationSeconds: 240 });
  });

  it('the Events page shows a waiting event with its next try, and Retry now runs a failed one again', async () => {
    const db = svc.deps.database.db;
    const event = { source: 'radarr' as const, eventType: 'Download', rawBody: '{}' };
    const nextTryAt = new Date(Date.now() + 60_000);
    const [failed, waiting, done] = await db
      .insert(webhookEvents)
      .values([
        { ...event, dedupeKey: 'ui-failed', state: 'failed', summary: 'skipped: /srv/x maps outside every root' },
        { ...event, dedupeKey: 'ui-waiting', state: 'received', summary: 'waiting: connection "Radarr" is disabled', deferrals: 1, nextTryAt },
        { ...event, dedupeKey: 'ui-done', state: 'processed', summary: 'added "Done"' },
      ])
      .returning({ id: webhookEvents.id });
    const html = await (await get('/events')).text();
    expect(html).toContain(`waiting: connection &quot;Radarr&quot; is disabled, next try at <time datetime="${nextTryAt.toISOString()}"`);
    expect(html.match(/data-action="retry-event"/g)).toHaveLength(2);

    const retried = await post(`/events/${failed!.id}/retry`, { _csrf: csrf });
    expect(retried.status).toBe(303);
    expect(retried.headers.get('location')).toBe('/events');
    const [row] = await db.select().from(webhookEvents).where(eq(webhookEvents.id, failed!.id));
    expect(row).toMatchObject({ state: 'received', nextTryAt: null });
    expect(await svc.boss.findJobs('webhook-event', { data: { eventId: failed!.id } })).toHaveLength(1);
    expect((await post(`/events/${done!.id}/retry`, { _csrf: csrf })).status).toBe(409);
    // A waiting event runs now rather than at its next try.
    expect((await post(`/events/${waiting!.id}/retry`, { _csrf: csrf })).status).toBe(303);
    expect(await svc.boss.findJobs('webhook-event', { data: { eventId: waiting!.id } })).toHaveLength(1);
  });

  it('streams dashboard updates over Server-Sent Events as job_progress changes', async () => {
    const db = svc.deps.database.db;
    const item = await seedMedia(db, (await seedConnection(db)).id, { title: 'Streamed Movie', trailerStatus: 'downloading' });
    const controller = new AbortController();
    const res = await fetch(`${svc.url}/live/dashboard`, { headers: { cookie: `previewarr_session=${session}` }, signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    const read = async () => {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
      return text;
    };
    await waitFor(async () => (await read()).includes('status-counts'), { what: 'the first snapshot' });
    expect(text).not.toContain('Streamed Movie</a>');

    await db.insert(jobProgress).values({ mediaId: item.id, stage: 'downloading', percent: 42, detail: '1.2 MiB/s' });
    await waitFor(async () => (await read()).includes('Streamed Movie'), { what: 'the progress row in the stream' });
    expect(text).toMatch(/data: .*value="42"/);
    controller.abort();
  });

  it('shows an active YouTube cool-off on the dashboard', async () => {
    await writeInternal(svc.deps.database.db, 'rateLimit', { until: Date.now() + 600_000, level: 1, reason: 'HTTP 429', updatedAt: Date.now() });
    const html = await (await get('/')).text();
    expect(html).toMatch(/Downloads are paused<\/strong>: YouTube asked us to slow down \(HTTP 429\)\. They resume in \d+ minutes/);
    await writeInternal(svc.deps.database.db, 'rateLimit', { until: Date.now() - 1, level: 1, updatedAt: Date.now() });
    expect(await (await get('/')).text()).not.toContain('Downloads are paused');
  });

  it('an action that fails under htmx answers with a toast retargeted to the toast area', async () => {
    const res = await post('/library/987654/fetch', { view: 'row' }, { 'hx-request': 'true', 'x-csrf-token': csrf });
    expect(res.status).toBe(404);
    expect(res.headers.get('hx-retarget')).toBe('#toast');
    expect(res.headers.get('hx-reswap')).toBe('innerHTML');
    expect(await res.text()).toMatch(/^<div class="toast toast-error" role="alert">No library item with id 987654</);
  });

  it('uploads a cookies file from the settings page (multipart, with the CSRF field)', async () => {
    const form = new FormData();
    form.set('_csrf', csrf);
    form.set('cookies', new File(['# Netscape HTTP Cookie File\n.youtube.com\tTRUE\t/\tTRUE\t0\tSID\tv\n'], 'cookies.txt', { type: 'text/plain' }));
    const res = await fetch(`${svc.url}/settings/cookies`, { method: 'POST', redirect: 'manual', headers: { cookie: `previewarr_session=${session}` }, body: form });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/settings/downloads?cookies=saved');
    expect((await readSettings(svc.deps.database.db)).cookiesFile).toMatch(/cookies\.txt$/);
    const page = await (await get('/settings/downloads?cookies=saved')).text();
    expect(page).toContain('A cookies file is uploaded.');
    expect(page).not.toContain('SID\tv');

    const bad = new FormData();
    bad.set('_csrf', csrf);
    bad.set('cookies', new File(['SID=1; HSID=2'], 'cookies.txt'));
    const refused = await fetch(`${svc.url}/settings/cookies`, { method: 'POST', redirect: 'manual', headers: { cookie: `previewarr_session=${session}` }, body: bad });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('7 tab-separated fields');
  });

  it('"no login from local addresses": a local client gets a session, a forwarded remote one does not', async () => {
    await writeSettings(svc.deps.database.db, { authDisabledForLocalAddresses: true });
    const local = await fetch(`${svc.url}/`, { redirect: 'manual' });
    expect(local.status).toBe(200);
    expect(setCookie(local, 'previewarr_session')).toBeDefined();
    const remote = await fetch(`${svc.url}/`, { redirect: 'manual', headers: { 'x-forwarded-for': '198.51.100.7' } });
    expect(remote.status).toBe(303);
    expect(remote.headers.get('location')).toBe('/login');
    await writeSettings(svc.deps.database.db, { authDisabledForLocalAddresses: false });
    expect((await fetch(`${svc.url}/`, { redirect: 'manual' })).status).toBe(303);
  });

  it('logout ends the session: the old cookie no longer opens a page', async () => {
    expect((await post('/logout', {})).status).toBe(403);
    const out = await post('/logout', { _csrf: csrf });
    expect(out.status).toBe(303);
    expect((await get('/')).status).toBe(303);
  });
});
