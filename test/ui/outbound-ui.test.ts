/**
 * Settings → Media servers and Settings → Notifications in a real Chromium: add a Jellyfin server
 * and a Discord target through the forms, press Test on each, and see the answer the fake server
 * gave — with the key and the webhook token never on the page. Screenshots in test-results/screenshots/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeJellyfin, type FakeJellyfin } from '../support/fake-media-server.ts';
import { startFakeNotify, type FakeNotify } from '../support/fake-notify.ts';
import { testBackend } from '../support/test-db.ts';
import { collectPageProblems, eventually, launchBrowser, saveScreenshots, type TestBrowser } from './browser.ts';
import { startUiWorld, type UiWorld } from './ui-world.ts';

const DISCORD_TOKEN = 'discordWebhookToken-0123456789abcdef';

describe(`media servers and notifications in Chromium (${testBackend})`, () => {
  let world: UiWorld;
  let jellyfin: FakeJellyfin;
  let hooks: FakeNotify;
  let browser: TestBrowser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    world = await startUiWorld();
    jellyfin = await startFakeJellyfin();
    hooks = await startFakeNotify();
    browser = await launchBrowser();
    await world.signInWithLibrary(browser.context);
    page = await browser.context.newPage();
    problems = collectPageProblems(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await world?.close();
    await jellyfin?.server.close();
    await hooks?.close();
  });

  it('adds a Jellyfin server and tests it', async () => {
    await page.goto(`${world.svc.url}/settings/media-servers`);
    await page.fill('#f-name', 'Living room');
    await page.selectOption('#f-kind', 'jellyfin');
    await page.fill('#f-baseUrl', jellyfin.url);
    await page.fill('#f-token', jellyfin.token);
    await page.fill('input[name=remotePrefix]', '/media/movies');
    await page.fill('input[name=localPrefix]', world.mediaRoot);
    await page.click('#mediaserver-form button[type=submit]');
    await page.waitForURL(/\/settings\/media-servers\?saved=/);
    const card = page.locator('[data-mediaserver="Living room"]');
    expect(await card.textContent()).toContain('Not tested yet');
    await card.locator('[data-action=test]').click();
    await eventually(() => page.textContent('[data-mediaserver="Living room"] .health-message')).toContain('Connected to Jellyfin "Fake jellyfin" 10.10.3');
    expect(jellyfin.requests.map((r) => r.path)).toEqual(['/System/Info']);
    expect(await page.content()).not.toContain(jellyfin.token);
    await saveScreenshots(page, 'outbound-01-media-servers');

    await page.goto(`${world.svc.url}/`);
    await eventually(() => page.textContent('#media-servers-health')).toContain('Living room');
    expect(await page.getAttribute('#media-servers-health li', 'class')).toContain('health-ok');
    await saveScreenshots(page, 'outbound-02-dashboard');

    // Edit: the masked key sent back unchanged keeps the stored one.
    await page.goto(`${world.svc.url}/settings/media-servers`);
    await page.locator('[data-mediaserver="Living room"] a', { hasText: 'Edit' }).click();
    expect(await page.inputValue('#f-token')).toMatch(/^••••/);
    await page.check('#f-skipIfTrailer', { force: true });
    await page.click('#mediaserver-form button[type=submit]');
    await page.waitForURL(/\/settings\/media-servers\?saved=/);
    expect(await page.textContent('[data-mediaserver="Living room"]')).toContain('yes: items this server already lists');
    await page.locator('[data-mediaserver="Living room"] [data-action=test]').click();
    await eventually(() => page.textContent('[data-mediaserver="Living room"] .health-message')).toContain('Connected to Jellyfin');
  });

  it('adds a Discord target and presses Test', async () => {
    await page.goto(`${world.svc.url}/settings/notifications`);
    await page.fill('#f-name', 'Discord');
    await page.selectOption('#f-kind', 'discord');
    await page.fill('#f-url', `${hooks.url}/api/webhooks/4242/${DISCORD_TOKEN}`);
    await page.check('input[name=events][value=trailer-deleted]');
    await page.click('#notification-form button[type=submit]');
    await page.waitForURL(/\/settings\/notifications\?saved=/);
    const card = page.locator('[data-notification="Discord"]');
    expect(await card.textContent()).toContain('Trailer placed');
    expect(await card.textContent()).toContain('Trailer deleted');
    await card.locator('[data-action=test]').click();
    await eventually(() => page.textContent('[data-notification="Discord"] .health-message')).toContain('Test message sent to Discord "Discord"');
    const [message] = hooks.messages('/api/webhooks/4242/');
    expect((message as any).embeds[0].title).toBe('Previewarr test');
    expect(hooks.requests[0]!.path).toBe(`/api/webhooks/4242/${DISCORD_TOKEN}`);
    expect(await page.content()).not.toContain(DISCORD_TOKEN);
    await saveScreenshots(page, 'outbound-03-notifications');

    // Edit the events; the masked webhook token sent back keeps the stored one.
    await page.locator('[data-notification="Discord"] a', { hasText: 'Edit' }).click();
    expect(await page.inputValue('#f-secret')).toMatch(/^••••/);
    await page.uncheck('input[name=events][value=trailer-deleted]');
    await page.click('#notification-form button[type=submit]');
    await page.waitForURL(/\/settings\/notifications\?saved=/);
    expect(await page.textContent('[data-notification="Discord"]')).not.toContain('Trailer deleted');
    await page.locator('[data-notification="Discord"] [data-action=test]').click();
    await eventually(() => hooks.messages('/api/webhooks/4242/').length).toBe(2);
    expect(hooks.requests.map((r) => r.path)).toEqual([`/api/webhooks/4242/${DISCORD_TOKEN}`, `/api/webhooks/4242/${DISCORD_TOKEN}`]);
    expect(problems).toEqual([]);
  });
});
