/**
 * The admin pages in a real Chromium, against the real service (real workers, real yt-dlp and
 * ffmpeg against the local clip server, a fake Radarr). One story, step by step: first-run
 * account, logout/login, CSRF refusal, add + test a connection, the library, fetch a trailer and
 * watch its progress bar reach done on another open dashboard, choose another candidate.
 * Screenshots of every page (light and dark) go to test-results/screenshots/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { media, trailerCandidates, trailers, videoBlocklist } from '../../src/db/schema/index.ts';
import { startClipServer, type ClipServer } from '../support/clip-server.ts';
import { startFakeRadarr, type FakeArrServer } from '../support/fake-arr.ts';
import { testBackend } from '../support/test-db.ts';
import { startTestService, type TestService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';
import { collectPageProblems, launchBrowser, saveScreenshots, type TestBrowser } from './browser.ts';

const USER = 'admin';
const PASSWORD = 'correct horse battery';
const ARRIVAL_TRAILER = 'e4XkP1mTq9Z';
const OTHER_VIDEO = 'alt-trailer-2';

describe(`admin UI in Chromium (${testBackend})`, () => {
  let svc: TestService;
  let radarr: FakeArrServer;
  let clips: ClipServer;
  let browser: TestBrowser;
  let page: Page;
  let problems: string[];
  let mediaRoot: string;
  let arrivalFile: string;

  beforeAll(async () => {
    mediaRoot = mkdtempSync(join(tmpdir(), 'previewarr-ui-media-'));
    clips = await startClipServer();
    // Slow enough that the progress bar is seen moving, fast enough for a test.
    clips.behave(ARRIVAL_TRAILER, { kind: 'throttle', bytesPerSecond: 40_000 });
    radarr = await startFakeRadarr();
    // Not monitored: the backfill leaves them alone, so the only fetch is the one we press.
    for (const [id, movie] of radarr.items) radarr.items.set(id, { ...movie, monitored: false });
    for (const movie of radarr.items.values()) {
      if (!movie['movieFile']) continue;
      const folder = join(mediaRoot, String(movie['path']).replace(/^\/movies\//, ''));
      mkdirSync(folder, { recursive: true });
      const file = join(folder, String(movie['movieFile']['relativePath']));
      writeFileSync(file, 'not really a movie');
      if (movie['title'] === 'Arrival') arrivalFile = file;
    }
    svc = await startTestService({ env: { TRAILER_URL_TEMPLATE: clips.urlTemplate, WORKER_CONCURRENCY: '2' } });
    browser = await launchBrowser();
    page = await browser.context.newPage();
    problems = collectPageProblems(page);
  });

  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
    await radarr?.close();
    await clips?.close();
    if (mediaRoot) rmSync(mediaRoot, { recursive: true, force: true });
  });

  it('sends every page to the first-run form until an account exists, then creates it', async () => {
    await page.goto(`${svc.url}/library`);
    expect(new URL(page.url()).pathname).toBe('/setup');
    await saveScreenshots(page, '01-setup');

    // A mismatched repeat is refused beside its field, nothing is created.
    await page.fill('#f-username', USER);
    await page.fill('#f-password', PASSWORD);
    await page.fill('#f-confirm', 'something else entirely');
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('#f-confirm-error')).toContain('do not match');

    await page.fill('#f-password', PASSWORD);
    await page.fill('#f-confirm', PASSWORD);
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
    await page.fill('#f-username', USER);
    await page.fill('#f-password', 'wrong password');
    const refused = page.waitForResponse((res) => res.url().endsWith('/login') && res.request().method() === 'POST');
    await page.click('button[type=submit]');
    expect((await refused).status()).toBe(401);
    expect(await page.textContent('.form-message')).toContain('Wrong user name or password');

    await page.fill('#f-password', PASSWORD);
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
    await page.locator('input[name=localPrefix]').first().fill(mediaRoot);
    await page.click('#connection-form button[type=submit]');
    await page.waitForURL(/\/settings\/connections\?saved=Radarr/);

    const card = page.locator('.connection-card[data-connection="Radarr"]');
    expect(await card.locator('.health-message').textContent()).toContain('Not tested yet');
    await card.locator('button[data-action=test]').click();
    await expect.poll(() => card.locator('.health-message').textContent()).toContain('Connected to Radarr');
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
    await expect.poll(() => page.locator('tr[data-media-id]').count()).toBe(1);
    expect(page.url()).toContain('q=arriv');
    await page.fill('#library-filters input[type=search]', '');
    await expect.poll(() => page.locator('tr[data-media-id]').count()).toBe(3);
  });

  it('"Sync now" on the connection reads the library again', async () => {
    const [nightfallId] = [...radarr.items.entries()].find(([, movie]) => movie['title'] === 'Nightfall Protocol')!;
    radarr.items.set(nightfallId, { ...radarr.items.get(nightfallId)!, title: 'Nightfall Protocol Redux' });
    await page.goto(`${svc.url}/settings/connections`);
    await page.locator('.connection-card[data-connection="Radarr"] button[data-action=sync]').click();
    await expect.poll(() => page.locator('#toast .toast').first().textContent()).toContain('Library sync queued for "Radarr"');
    await waitFor(
      async () => {
        await page.goto(`${svc.url}/library?kind=movie&q=redux`);
        return (await page.locator('tr[data-media-id]').count()) === 1;
      },
      { timeoutMs: 30_000, intervalMs: 500, what: 'the renamed movie after the sync' },
    );
  });

  it('fetches a trailer from the clip server and the open dashboard shows its progress bar reach done', async () => {
    const [arrival] = await svc.deps.database.db.select().from(media).where(eq(media.title, 'Arrival'));
    expect(arrival).toBeDefined();
    const id = arrival!.id;

    // A second tab on the dashboard: it only learns of the fetch through Server-Sent Events.
    const dashboard = await browser.context.newPage();
    const dashboardProblems = collectPageProblems(dashboard);
    await dashboard.goto(`${svc.url}/`);
    await dashboard.waitForSelector('#live-progress');
    expect(await dashboard.locator(`.progress-item[data-media-id="${id}"]`).count()).toBe(0);

    await page.goto(`${svc.url}/library?kind=movie`);
    const row = page.locator(`tr[data-media-id="${id}"]`);
    await row.locator('button[data-action=fetch]').click();
    await expect.poll(() => row.locator('.badge').textContent()).toMatch(/Queued|Downloading|Have trailer/);
    await expect.poll(() => page.locator('#toast .toast').first().textContent()).toContain('Fetching the trailer of "Arrival"');

    const item = dashboard.locator(`.progress-item[data-media-id="${id}"]`);
    await item.waitFor({ timeout: 30_000 });
    const stagesSeen = new Set<string>();
    await waitFor(
      async () => {
        const stage = await item.getAttribute('data-stage').catch(() => null);
        if (stage) stagesSeen.add(stage);
        if (stage === 'downloading' && !stagesSeen.has('screenshot')) {
          stagesSeen.add('screenshot');
          await saveScreenshots(dashboard, '09-dashboard-downloading');
        }
        return stage === 'done';
      },
      { timeoutMs: 90_000, intervalMs: 100, what: 'the progress bar of Arrival to reach done' },
    );
    expect(await item.locator('progress').getAttribute('value')).toBe('100');
    expect(stagesSeen.size).toBeGreaterThan(1);
    await expect.poll(() => dashboard.locator('.count-tile[data-status=have] .count-value').textContent()).toBe('1');
    await saveScreenshots(dashboard, '10-dashboard-done');
    expect(dashboardProblems).toEqual([]);
    await dashboard.close();

    // The file is where Plex/Jellyfin/Kodi look: beside the movie, named after it.
    const [placed] = await svc.deps.database.db.select().from(trailers).where(and(eq(trailers.mediaId, id), eq(trailers.state, 'present')));
    expect(placed?.path).toBe(join(dirname(arrivalFile), `${basename(arrivalFile, '.mkv')}-trailer.mkv`));
    expect(statSync(placed!.path).size).toBe(placed!.sizeBytes);
  });

  it('chooses another candidate on the item page and replaces the trailer with it', async () => {
    const db = svc.deps.database.db;
    const [arrival] = await db.select().from(media).where(eq(media.title, 'Arrival'));
    const id = arrival!.id;
    // What a YouTube search would have found (the search itself needs the internet).
    await db
      .insert(trailerCandidates)
      .values({ mediaId: id, videoId: OTHER_VIDEO, url: clips.url(OTHER_VIDEO), title: 'Arrival - Official Trailer 2', channel: 'Paramount Pictures', durationSeconds: 2, source: 'search', score: 61.5, reasons: ['title has "official trailer"', 'studio channel'], rank: 5 })
      .onConflictDoNothing();

    await page.goto(`${svc.url}/library/${id}`);
    expect(await page.locator('#item-status').getAttribute('data-status')).toBe('have');
    const trailerResponse = await page.request.get(`${svc.url}/library/${id}/trailer`, { headers: { Range: 'bytes=0-99' } });
    expect(trailerResponse.status()).toBe(206);
    expect((await trailerResponse.body()).length).toBe(100);
    await saveScreenshots(page, '11-item');

    const candidate = page.locator(`#candidates tr[data-video-id="${OTHER_VIDEO}"]`);
    await candidate.locator('button[data-action=choose]').click();
    await waitFor(async () => (await page.locator('#item-status').getAttribute('data-status')) !== 'have', { what: 'the chosen fetch to start' });
    await waitFor(async () => (await page.locator('#item-status').getAttribute('data-status')) === 'have', {
      timeoutMs: 90_000,
      intervalMs: 200,
      what: 'the item to have the chosen trailer',
    });
    const present = await db.select().from(trailers).where(and(eq(trailers.mediaId, id), eq(trailers.state, 'present')));
    expect(present).toHaveLength(1);
    expect(present[0]?.sourceVideoId).toBe(OTHER_VIDEO);
    expect(clips.requests.some((r) => r.id === OTHER_VIDEO)).toBe(true);
    // The candidates list was refreshed by the last status poll: the chosen one is in use.
    await expect.poll(() => candidate.textContent()).toContain('in use');
    await saveScreenshots(page, '12-item-chosen');
  });

  it('blocklists a video, fetches from a pasted link, and deletes the trailer, all from the item page', async () => {
    const db = svc.deps.database.db;
    const [arrival] = await db.select().from(media).where(eq(media.title, 'Arrival'));
    const id = arrival!.id;
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${svc.url}/library/${id}`);

    const radarrCandidate = page.locator(`#candidates tr[data-video-id="${ARRIVAL_TRAILER}"]`);
    await radarrCandidate.locator('button[data-action=blocklist]').click();
    await expect.poll(() => radarrCandidate.textContent()).toContain('blocklisted');
    expect(await db.select().from(videoBlocklist).where(eq(videoBlocklist.mediaId, id))).toMatchObject([{ videoId: ARRIVAL_TRAILER }]);

    // A link that is not http(s) is refused beside the field; nothing is queued.
    await page.fill('#source-url-form input[name=url]', 'file:///etc/passwd');
    await page.click('#source-url-form button[type=submit]');
    await expect.poll(() => page.locator('#f-url-error').textContent()).toContain('http:// or https://');
    expect((await db.select().from(media).where(eq(media.id, id)))[0]?.userSourceUrl).toBeNull();

    const pasted = clips.url('pasted-clip');
    await page.fill('#source-url-form input[name=url]', pasted);
    await page.click('#source-url-form button[type=submit]');
    await waitFor(
      async () => {
        const [row] = await db.select().from(trailers).where(and(eq(trailers.mediaId, id), eq(trailers.state, 'present')));
        return row?.sourceUrl === pasted;
      },
      { timeoutMs: 90_000, intervalMs: 200, what: 'the trailer from the pasted link' },
    );
    await waitFor(async () => (await page.locator('#item-status').getAttribute('data-status')) === 'have', { timeoutMs: 30_000, what: 'the page to show it' });

    const [placed] = await db.select().from(trailers).where(and(eq(trailers.mediaId, id), eq(trailers.state, 'present')));
    await page.click('#item-status button[data-action=delete-trailer]');
    await expect.poll(() => page.locator('#toast .toast').first().textContent()).toContain('Deleting the trailer');
    await waitFor(() => !existsSync(placed!.path), { timeoutMs: 30_000, what: 'the trailer file to be deleted' });
    // The movie file beside it is untouched.
    expect(existsSync(arrivalFile)).toBe(true);
    // The open page follows the deletion to its end: no player, the item skipped from now on.
    await waitFor(async () => (await page.locator('#item-status').getAttribute('data-status')) === 'skipped', { timeoutMs: 30_000, what: 'the page to show the deletion' });
    expect(await page.locator('#item-status video').count()).toBe(0);
    await saveScreenshots(page, '12b-item-after-delete');
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
