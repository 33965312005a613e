/**
 * URL_BASE=/previewarr in a real Chromium, through a proxy that forwards only /previewarr/* (like
 * nginx or Traefik in front of the service): first-run and login redirects, the cookie's Path,
 * forms, htmx requests, the dashboard's live stream, a webhook, and no request outside the prefix.
 * Screenshot: test-results/screenshots/url-base-dashboard-{light,dark}.png.
 */
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { media, trailers } from '../../src/db/schema/index.ts';
import { arrFixture } from '../support/fake-arr-data.ts';
import { postWebhook } from '../support/arr-webhook-client.ts';
import { startPrefixProxy, type PrefixProxy } from '../support/prefix-proxy.ts';
import { testBackend } from '../support/test-db.ts';
import { waitFor } from '../support/wait-for.ts';
import { collectPageProblems, eventually, launchBrowser, saveScreenshots, type TestBrowser } from './browser.ts';
import { startUiWorld, UI_PASSWORD, UI_USER, type UiWorld } from './ui-world.ts';

const BASE = '/previewarr';

describe(`admin UI under URL_BASE behind a proxy, in Chromium (${testBackend})`, () => {
  let world: UiWorld;
  let proxy: PrefixProxy;
  let browser: TestBrowser;
  let page: Page;
  let problems: string[];
  let app: string;

  beforeAll(async () => {
    world = await startUiWorld({ env: { URL_BASE: BASE } });
    proxy = await startPrefixProxy(world.svc.url, BASE);
    app = `${proxy.url}${BASE}`;
    browser = await launchBrowser();
    page = await browser.context.newPage();
    problems = collectPageProblems(page);
  });

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await world?.close();
  });

  it('sends a first visit to the prefixed first-run form and signs in with a cookie scoped to the prefix', async () => {
    await page.goto(`${app}/library`);
    expect(new URL(page.url()).pathname).toBe(`${BASE}/setup`);
    await page.fill('#f-username', UI_USER);
    await page.fill('#f-password', UI_PASSWORD);
    await page.fill('#f-confirm', UI_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${app}/`);
    expect(await page.textContent('h1')).toBe('Dashboard');
    const cookie = (await browser.context.cookies(app)).find((c) => c.name === 'previewarr_session');
    expect(cookie).toMatchObject({ path: BASE, httpOnly: true });
  });

  it('adds and tests a connection through the form and htmx, and shows the prefixed webhook URL', async () => {
    await page.goto(`${app}/settings/connections`);
    await page.fill('#f-name', 'Radarr');
    await page.selectOption('#f-kind', 'radarr');
    await page.fill('#f-baseUrl', world.radarr.url);
    await page.fill('#f-apiKey', world.radarr.apiKey);
    await page.locator('input[name=remotePrefix]').first().fill('/movies');
    await page.locator('input[name=localPrefix]').first().fill(world.mediaRoot);
    await page.click('#connection-form button[type=submit]');
    await page.waitForURL(new RegExp(`${BASE}/settings/connections\\?saved=Radarr`));
    const card = page.locator('.connection-card[data-connection="Radarr"]');
    await card.locator('button[data-action=test]').click();
    await eventually(() => card.locator('.health-message').textContent()).toContain('Connected to Radarr');
    expect(await card.locator('.copy-field input').inputValue()).toBe(`${app}/webhooks/radarr?connection=Radarr`);
  });

  it('fetches a trailer from the library page while the open dashboard follows it over the live stream', async () => {
    const db = world.svc.deps.database.db;
    await waitFor(async () => (await db.select({ id: media.id }).from(media)).length === world.radarr.items.size, { timeoutMs: 30_000, what: 'the first library sync' });
    const [arrival] = await db.select().from(media).where(eq(media.title, 'Arrival'));
    const id = arrival!.id;

    const dashboard = await browser.context.newPage();
    const dashboardProblems = collectPageProblems(dashboard);
    const stream = dashboard.waitForResponse((res) => new URL(res.url()).pathname === `${BASE}/live/dashboard`);
    await dashboard.goto(`${app}/`);
    expect((await stream).status()).toBe(200);

    await page.goto(`${app}/library?kind=movie`);
    await page.locator(`tr[data-media-id="${id}"] button[data-action=fetch]`).click();
    await eventually(() => page.locator('#toast .toast').first().textContent()).toContain('Fetching the trailer of "Arrival"');

    const item = dashboard.locator(`.progress-item[data-media-id="${id}"]`);
    await item.waitFor({ timeout: 30_000 });
    expect(await item.locator('a').first().getAttribute('href')).toBe(`${BASE}/library/${id}`);
    await waitFor(async () => (await db.select().from(trailers).where(eq(trailers.mediaId, id))).some((t) => t.state === 'present'), { timeoutMs: 60_000, what: 'the placed trailer' });
    await saveScreenshots(dashboard, 'url-base-dashboard');
    await dashboard.close();
    expect(dashboardProblems).toEqual([]);
  });

  it('takes a webhook at the prefixed URL and lists it on the events page', async () => {
    const reply = await postWebhook(`${app}/webhooks/radarr?connection=Radarr`, arrFixture('radarr', 'webhook-download'), { headers: { 'X-Api-Key': world.svc.apiKey } });
    expect(reply.status).toBe(202);
    await waitFor(
      async () => {
        await page.goto(`${app}/events`);
        return (await page.locator('tr[data-event-id]').count()) === 1;
      },
      { timeoutMs: 20_000, intervalMs: 500, what: 'the webhook on the events page' },
    );
  });

  it('logs out and back in to the prefixed page asked for', async () => {
    await page.goto(`${app}/settings`);
    await page.click('.header-user button[type=submit]');
    await page.waitForURL(new RegExp(`${BASE}/login\\?loggedOut`));
    await page.goto(`${app}/events`);
    expect(new URL(page.url()).pathname).toBe(`${BASE}/login`);
    await page.fill('#f-username', UI_USER);
    await page.fill('#f-password', UI_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${app}/events`);
    expect(await page.textContent('h1')).toBe('Events');
  });

  it('never asked for anything outside the prefix, and no page broke', () => {
    expect(proxy.refused).toEqual([]);
    expect(problems).toEqual([]);
  });
});
