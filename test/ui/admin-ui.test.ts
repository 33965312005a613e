/**
 * The admin pages in a real Chromium, against the real service and a fake Radarr. One story,
 * step by step: first-run account, logout/login, CSRF refusal, add + test a connection, the
 * library, Sync now, the events log, every settings page, a phone. (Fetching and choosing
 * trailers: trailer-ui.test.ts.) Screenshots (light and dark) go to test-results/screenshots/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrFixture } from '../support/fake-arr-data.ts';
import { type FakeArrServer } from '../support/fake-arr.ts';
import { postWebhook } from '../support/arr-webhook-client.ts';
import { testBackend } from '../support/test-db.ts';
import type { TestService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';
import { collectPageProblems, eventually, launchBrowser, saveScreenshots, type TestBrowser } from './browser.ts';
import { startUiWorld, UI_PASSWORD, UI_USER, type UiWorld } from './ui-world.ts';

describe(`admin UI in Chromium (${testBackend})`, () => {
  let world: UiWorld;
  let svc: TestService;
  let radarr: FakeArrServer;
  let browser: TestBrowser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    world = await startUiWorld();
    ({ svc, radarr } = world);
    browser = await launchBrowser();
    page = await browser.context.newPage();
    problems = collectPageProblems(page);
  });

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it('sends every page to the first-run form until an account exists, then creates it', async () => {
    await page.goto(`${svc.url}/library`);
    expect(new URL(page.url()).pathname).toBe('/setup');
    await saveScreenshots(page, '01-setup');

    // A mismatched repeat is refused beside its field, nothing is created.
    await page.fill('#f-username', UI_USER);
    await page.fill('#f-password', UI_PASSWORD);
    await page.fill('#f-confirm', 'something else entirely');
    await page.click('button[type=submit]');
    await eventually(() => page.textContent('#f-confirm-error')).toContain('do not match');

    await page.fill('#f-password', UI_PASSWORD);
    await page.fill('#f-confirm', UI_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${svc.url}/`);
    await page.waitForSelector('#status-counts');
    expect(await page.textContent('h1')).toBe('Dashboard');
    // The session cookie is what the issue asks for: HttpOnly, SameSite=Lax (no Secure on http).
    const cookie = (await browser.context.cookies(svc.url)).find((c) => c.name === 'previewarr_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });
    await saveScreenshots(page, '02-dashboard-empty');

    // The first-run page is gone for good.
    await page.goto(`${svc.url}/setup`);
    expect(new URL(page.url()).pathname).not.toBe('/setup');
  });

  it('logs out, refuses a wrong password, and logs back in to the page asked for', async () => {
    await page.goto(`${svc.url}/`);
    await page.click('.header-user button[type=submit]');
    await page.waitForURL(/\/login\?loggedOut/);
    expect(await page.textContent('.form-message')).toContain('signed out');
    await saveScreenshots(page, '03-login');

    await page.goto(`${svc.url}/events`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('#f-username', UI_USER);
    await page.fill('#f-password', 'wrong password');
    const refused = page.waitForResponse((res) => res.url().endsWith('/login') && res.request().method() === 'POST');
    await page.click('button[type=submit]');
    expect((await refused).status()).toBe(401);
    expect(await page.textContent('.form-message')).toContain('Wrong user name or password');

    await page.fill('#f-password', UI_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${svc.url}/events`);
    expect(await page.textContent('h1')).toBe('Events');
    await saveScreenshots(page, '04-events');
  });

  it('refuses a state-changing request without the CSRF token (403) and accepts it with', async () => {
    await page.goto(`${svc.url}/settings/general`);
    const results = await page.evaluate(async () => {
      const token = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
      const form = (fields: Record<string, string>) => ({
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
      const bare = await fetch('/settings/security', form({ authDisabledForLocalAddresses: 'true' }));
      const wrong = await fetch('/settings/security', { ...form({ authDisabledForLocalAddresses: 'true' }), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': 'forged' } });
      const api = await fetch('/api/v1/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"searchResultCount":12}' });
      const withToken = await fetch('/settings/security', form({ authDisabledForLocalAddresses: 'false', _csrf: token }));
      return { bare: bare.status, wrong: wrong.status, api: api.status, withToken: withToken.status };
    });
    expect(results).toEqual({ bare: 403, wrong: 403, api: 403, withToken: 200 });
    const settings = await (await fetch(`${svc.url}/api/v1/settings`, { headers: { 'x-api-key': svc.apiKey } })).json();
    expect(settings).toMatchObject({ authDisabledForLocalAddresses: false, searchResultCount: 10 });
    await saveScreenshots(page, '05-settings-general');
  });

  it('adds a connection to the fake Radarr, tests it, and shows the webhook URL to paste', async () => {
    await page.goto(`${svc.url}/settings/connections`);
    await saveScreenshots(page, '06-connections-empty');
    await page.fill('#f-name', 'Radarr');
    await page.selectOption('#f-kind', 'radarr');
    await page.fill('#f-baseUrl', radarr.url);
    await page.fill('#f-apiKey', radarr.apiKey);
    await page.locator('input[name=remotePrefix]').first().fill('/movies');
    await page.locator('input[name=localPrefix]').first().fill(world.mediaRoot);
    await page.click('#connection-form button[type=submit]');
    await page.waitForURL(/\/settings\/connections\?saved=Radarr/);

    // Tested on save: the page after it says the connection works.
    expect(await page.locator('.banner[data-saved]').getAttribute('data-saved')).toBe('works');
    expect(await page.locator('.banner[data-saved]').textContent()).toContain('Connected to Radarr');
    const card = page.locator('.connection-card[data-connection="Radarr"]');
    await card.locator('button[data-action=test]').click();
    await eventually(() => card.locator('.health-message').textContent()).toContain('Connected to Radarr');
    expect(await card.locator('.health-message').getAttribute('data-health')).toBe('ok');
    // The key is never shown in full; the webhook URL names the connection.
    expect(await card.textContent()).not.toContain(radarr.apiKey);
    const webhook = await card.locator('.copy-field input').inputValue();
    expect(webhook).toBe(`${svc.url}/webhooks/radarr?connection=Radarr`);
    await saveScreenshots(page, '07-connection-tested');
  });

  it('shows the library once the first sync has run, and filters it as you type', async () => {
    await waitFor(
      async () => {
        await page.goto(`${svc.url}/library?kind=movie`);
        return (await page.locator('tr[data-media-id]').count()) === 3;
      },
      { timeoutMs: 30_000, intervalMs: 500, what: 'the three Radarr movies in the library' },
    );
    expect(await page.locator('.title-cell a').allTextContents()).toEqual(['Arrival', 'Blade Runner 2049', 'Nightfall Protocol']);
    await saveScreenshots(page, '08-library');

    await page.fill('#library-filters input[type=search]', 'arriv');
    await eventually(() => page.locator('tr[data-media-id]').count()).toBe(1);
    expect(page.url()).toContain('q=arriv');
    await page.fill('#library-filters input[type=search]', '');
    await eventually(() => page.locator('tr[data-media-id]').count()).toBe(3);
  });

  it('"Sync now" on the connection reads the library again', async () => {
    const [nightfallId] = [...radarr.items.entries()].find(([, movie]) => movie['title'] === 'Nightfall Protocol')!;
    radarr.items.set(nightfallId, { ...radarr.items.get(nightfallId)!, title: 'Nightfall Protocol Redux' });
    await page.goto(`${svc.url}/settings/connections`);
    await page.locator('.connection-card[data-connection="Radarr"] button[data-action=sync]').click();
    await eventually(() => page.locator('#toast .toast').first().textContent()).toContain('Library sync queued for "Radarr"');
    await waitFor(
      async () => {
        await page.goto(`${svc.url}/library?kind=movie&q=redux`);
        return (await page.locator('tr[data-media-id]').count()) === 1;
      },
      { timeoutMs: 30_000, intervalMs: 500, what: 'the renamed movie after the sync' },
    );
  });

  it('lists a webhook from an instance no connection matches as needing set-up, with what to do', async () => {
    const reply = await postWebhook(`${svc.url}/webhooks/sonarr`, arrFixture('sonarr', 'webhook-download'), { app: 'sonarr', headers: { 'X-Api-Key': svc.apiKey } });
    expect(reply.status).toBeLessThan(300);
    await page.goto(`${svc.url}/events`);
    await page.selectOption('#events-filters select[name=state]', 'needs-setup');
    await page.waitForURL(/state=needs-setup/);
    await eventually(() => page.locator('tr[data-event-id]').count()).toBe(1);
    expect(await page.locator('tr[data-event-id] .hint').textContent()).toContain('Add a connection');
    await saveScreenshots(page, '04b-events-needs-setup');
  });

  it('renders every settings page, and the pages on a phone', async () => {
    for (const [path, name] of [
      ['/settings/connections', '13-settings-connections'],
      ['/settings/profiles', '14-settings-profiles'],
      ['/settings/media', '15-settings-media'],
      ['/settings/downloads', '16-settings-downloads'],
    ] as const) {
      await page.goto(`${svc.url}${path}`);
      await saveScreenshots(page, name);
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${svc.url}/`);
    await saveScreenshots(page, '17-phone-dashboard');
    await page.goto(`${svc.url}/library?kind=movie`);
    await saveScreenshots(page, '18-phone-library');
    await page.setViewportSize({ width: 1280, height: 860 });
    // No CSP violation, script error or broken asset on any page visited.
    expect(problems).toEqual([]);
  });
});
