/**
 * URL_BASE=/previewarr behind a reverse proxy that forwards only /previewarr/*: probes, pages,
 * assets, the JSON API and webhooks answer under the prefix, and everything the app hands back
 * (redirects, cookies, links) points under it. The browser side is test/ui/url-base-ui.test.ts.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookEvents } from '../../src/db/schema/index.ts';
import { prefixCookiePath, prefixHtml, prefixLocation } from '../../src/http/url-base.ts';
import { arrFixture } from '../support/fake-arr-data.ts';
import { startFakeRadarr } from '../support/fake-arr.ts';
import { postWebhook } from '../support/arr-webhook-client.ts';
import { makePoster } from '../support/make-poster.ts';
import { signedInPages } from '../ui/page-client.ts';
import { seedConnection, seedMedia } from '../ui/seed.ts';
import { startPrefixProxy, type PrefixProxy } from '../support/prefix-proxy.ts';
import { testBackend } from '../support/test-db.ts';
import { startTestService, type TestService } from '../support/test-service.ts';

const BASE = '/previewarr';

describe('URL base rewriting', () => {
  it('prefixes root-relative URLs in our markup and leaves everything else alone', () => {
    const html = '<a href="/library?kind=movie">x</a><form action="/login" hx-post="/settings/general"></form>'
      + '<div hx-sse:connect="/live/dashboard"></div><script src="/static/app.js?v=1"></script>'
      + '<a href="//cdn.example/x">y</a><a href="https://example.com/">z</a><p>href="/text" is text</p>';
    expect(prefixHtml(html, BASE)).toBe(
      '<a href="/previewarr/library?kind=movie">x</a><form action="/previewarr/login" hx-post="/previewarr/settings/general"></form>'
        + '<div hx-sse:connect="/previewarr/live/dashboard"></div><script src="/previewarr/static/app.js?v=1"></script>'
        + '<a href="//cdn.example/x">y</a><a href="https://example.com/">z</a><p>href="/text" is text</p>',
    );
    expect(prefixLocation('/login?next=%2Fevents', BASE)).toBe('/previewarr/login?next=%2Fevents');
    expect(prefixLocation('//evil.example/', BASE)).toBe('//evil.example/');
    expect(prefixCookiePath('previewarr_session=abc; Max-Age=60; Path=/; HttpOnly', BASE)).toBe('previewarr_session=abc; Max-Age=60; Path=/previewarr; HttpOnly');
  });
});

describe(`URL_BASE behind a prefix proxy (${testBackend})`, () => {
  let svc: TestService;
  let proxy: PrefixProxy;
  const key = () => ({ 'X-Api-Key': svc.apiKey });

  beforeAll(async () => {
    svc = await startTestService({ workers: () => [], env: { URL_BASE: `${BASE}/` } });
    proxy = await startPrefixProxy(svc.url, BASE);
  });
  afterAll(async () => {
    await proxy?.close();
    await svc?.stop();
  });

  it('answers probes under the prefix, and at the root for container health checks', async () => {
    for (const path of [`${BASE}/healthz`, `${BASE}/readyz`, `${BASE}/ping`]) expect((await fetch(`${proxy.url}${path}`)).status).toBe(200);
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
  });

  it('serves the JSON API under the prefix only', async () => {
    const status = await fetch(`${proxy.url}${BASE}/api/v1/status`, { headers: key() });
    expect(status.status).toBe(200);
    expect(await status.json()).toHaveProperty('counts');
    expect((await fetch(`${proxy.url}${BASE}/api/v1/status`)).status).toBe(401);
    const unprefixed = await fetch(`${svc.url}/api/v1/status`, { headers: key() });
    expect(unprefixed.status).toBe(404);
    expect(await unprefixed.json()).toMatchObject({ error: 'not_found' });
  });

  it('serves the OpenAPI document with the prefix as its server, and /metrics', async () => {
    const doc = await fetch(`${proxy.url}${BASE}/api/v1/openapi.json`, { headers: key() });
    expect(((await doc.json()) as { servers: unknown }).servers).toEqual([{ url: BASE }]);
    const metrics = await fetch(`${proxy.url}${BASE}/metrics`, { headers: key() });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('previewarr_jobs');
  });

  it('stores a webhook sent to the prefixed URL', async () => {
    const reply = await postWebhook(`${proxy.url}${BASE}/webhooks/radarr`, arrFixture('radarr', 'webhook-download'), { headers: key() });
    expect(reply.status).toBe(202);
    const rows = await svc.deps.database.db.select().from(webhookEvents).where(eq(webhookEvents.source, 'radarr'));
    expect(rows).toHaveLength(1);
  });

  it('redirects pages to the prefixed first-run form and links every asset under the prefix', async () => {
    const root = await fetch(`${svc.url}/`, { redirect: 'manual' });
    expect(root.headers.get('location')).toBe(`${BASE}/`);
    const page = await fetch(`${proxy.url}${BASE}/library`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe(`${BASE}/setup`);
    const bare = await fetch(`${proxy.url}${BASE}`, { redirect: 'manual' });
    expect(bare.headers.get('location')).toBe(`${BASE}/setup`);

    const setup = await fetch(`${proxy.url}${BASE}/setup`);
    expect(setup.status).toBe(200);
    expect(setup.headers.get('set-cookie')).toMatch(/Path=\/previewarr(;|$)/);
    const html = await setup.text();
    expect(html).toContain(`action="${BASE}/setup"`);
    const assets = [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(3);
    for (const asset of assets) {
      expect(asset.startsWith(`${BASE}/`)).toBe(true);
      expect((await fetch(`${proxy.url}${asset}`)).status).toBe(200);
    }
    expect(proxy.refused).toEqual([]);
  });

  it('links the poster grid\'s images under the prefix, and serves them there', async () => {
    const radarr = await startFakeRadarr({ urlBase: '/radarr' });
    try {
      const db = svc.deps.database.db;
      const pages = await signedInPages(svc);
      const connection = await seedConnection(db, { baseUrl: radarr.url, apiKey: radarr.apiKey });
      const item = await seedMedia(db, connection.id, { arrId: 77, title: 'Prefixed Poster', posterPath: '/MediaCover/77/poster.jpg?lastWrite=5' });
      radarr.covers.set('77/poster-250.jpg', { contentType: 'image/jpeg', body: makePoster() });
      const grid = await fetch(`${proxy.url}${BASE}/library?view=grid`, { headers: { cookie: pages.cookie } });
      expect(grid.status).toBe(200);
      const src = new RegExp(`src="(${BASE}/posters/${item.id}\\?v=[0-9a-f]{16})"`).exec(await grid.text())?.[1];
      expect(src).toBeDefined();
      const image = await fetch(`${proxy.url}${src}`, { headers: { cookie: pages.cookie } });
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/jpeg');
    } finally {
      await radarr.close();
    }
  });
});
