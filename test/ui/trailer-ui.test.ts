/**
 * Trailers from the pages, in a real Chromium against the real service: real workers, real
 * yt-dlp and ffmpeg downloading from the local clip server for a fake Radarr's movies. Fetch now
 * and watch the progress bar reach done on an open dashboard (Server-Sent Events), choose another
 * candidate, blocklist a video, paste a link, delete the trailer.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSettings } from '../../src/db/settings-store.ts';
import { jobProgress, media, trailerCandidates, trailers, videoBlocklist } from '../../src/db/schema/index.ts';
import { mainProfileId } from '../../src/library/main-profile.ts';
import type { ClipServer } from '../support/clip-server.ts';
import { testBackend } from '../support/test-db.ts';
import type { TestService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';
import { collectPageProblems, eventually, launchBrowser, saveScreenshots, traceLiveStream, type TestBrowser } from './browser.ts';
import { startUiWorld, type UiWorld } from './ui-world.ts';

const ARRIVAL_TRAILER = 'e4XkP1mTq9Z';
const OTHER_VIDEO = 'alt-trailer-2';

describe(`trailers from the pages, in Chromium (${testBackend})`, () => {
  let world: UiWorld;
  let svc: TestService;
  let clips: ClipServer;
  let browser: TestBrowser;
  let page: Page;
  let problems: string[];
  let arrivalFile: string;

  beforeAll(async () => {
    world = await startUiWorld({ throttled: [ARRIVAL_TRAILER] });
    ({ svc, clips } = world);
    arrivalFile = world.movieFile('Arrival');
    browser = await launchBrowser();
    await world.signInWithLibrary(browser.context);
    page = await browser.context.newPage();
    problems = collectPageProblems(page);
  });

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it('fetches a trailer from the clip server and the open dashboard shows its progress bar reach done', async () => {
    const [arrival] = await svc.deps.database.db.select().from(media).where(eq(media.title, 'Arrival'));
    expect(arrival).toBeDefined();
    const id = arrival!.id;

    // A second tab on the dashboard: it only learns of the fetch through Server-Sent Events.
    const dashboard = await browser.context.newPage();
    const dashboardProblems = collectPageProblems(dashboard);
    const trace = await traceLiveStream(dashboard);
    await dashboard.goto(`${svc.url}/`);
    await dashboard.waitForSelector('#live-progress');
    expect(await dashboard.locator(`.progress-item[data-media-id="${id}"]`).count()).toBe(0);

    await page.goto(`${svc.url}/library?kind=movie`);
    const row = page.locator(`tr[data-media-id="${id}"]`);
    await row.locator('button[data-action=fetch]').click();
    await eventually(() => row.locator('.badge').textContent()).toMatch(/Queued|Finding a trailer|Downloading|Converting|Placing|Have trailer/).catch((err) => {
      const errors = svc.logs.filter((line) => Number(line['level']) >= 50);
      throw new Error(`${String(err)}\nERROR LOGS:${JSON.stringify(errors).slice(0, 3000)}`);
    });
    await eventually(() => page.locator('#toast .toast').first().textContent()).toContain('Fetching the trailer of "Arrival"');

    const item = dashboard.locator(`.progress-item[data-media-id="${id}"]`);
    await item.waitFor({ timeout: 30_000 }).catch(async (err) => {
      const live = await dashboard.evaluate(() => document.querySelector('#live-progress')?.innerHTML ?? 'none');
      const rows = await svc.deps.database.db.select().from(jobProgress);
      throw new Error(`${String(err)}\nTRACE:\n${trace.join('\n')}\nLIVE:${live.slice(0, 500)}\nROWS:${JSON.stringify(rows)}`);
    });
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
    await eventually(() => dashboard.locator('.count-tile[data-status=have] .count-value').textContent()).toBe('1');
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
      .values({ mediaId: id, profileId: await mainProfileId(db), videoId: OTHER_VIDEO, url: clips.url(OTHER_VIDEO), title: 'Arrival - Official Trailer 2', channel: 'Paramount Pictures', durationSeconds: 2, source: 'search', score: 61.5, reasons: ['title has "official trailer"', 'studio channel'], rank: 5 })
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
    await eventually(() => candidate.textContent()).toContain('in use');
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
    await eventually(() => radarrCandidate.textContent()).toContain('blocklisted');
    expect(await db.select().from(videoBlocklist).where(eq(videoBlocklist.mediaId, id))).toMatchObject([{ videoId: ARRIVAL_TRAILER }]);

    // A link that is not http(s) is refused beside the field; nothing is queued.
    await page.fill('#source-url-form input[name=url]', 'file:///etc/passwd');
    await page.click('#source-url-form button[type=submit]');
    await eventually(() => page.locator('#f-url-error').textContent()).toContain('http:// or https://');
    expect((await db.select().from(media).where(eq(media.id, id)))[0]?.userSourceUrl).toBeNull();

    // A link to this machine is refused beside the field until private addresses are allowed.
    const pasted = clips.url('pasted-clip');
    await page.fill('#source-url-form input[name=url]', pasted);
    await page.click('#source-url-form button[type=submit]');
    await eventually(() => page.locator('#f-url-error').textContent()).toContain('private network address');
    expect((await db.select().from(media).where(eq(media.id, id)))[0]?.userSourceUrl).toBeNull();
    await writeSettings(db, { allowPrivateSourceUrls: true });
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
    await eventually(() => page.locator('#toast .toast').first().textContent()).toContain('Deleting the trailer');
    await waitFor(() => !existsSync(placed!.path), { timeoutMs: 30_000, what: 'the trailer file to be deleted' });
    // The movie file beside it is untouched.
    expect(existsSync(arrivalFile)).toBe(true);
    // The open page follows the deletion to its end: no player, the item skipped from now on.
    await waitFor(async () => (await page.locator('#item-status').getAttribute('data-status')) === 'skipped', { timeoutMs: 30_000, what: 'the page to show the deletion' });
    expect(await page.locator('#item-status video').count()).toBe(0);
    await saveScreenshots(page, '12b-item-after-delete');
  });

  it('had no script error, CSP violation or broken asset on any page', () => {
    expect(problems).toEqual([]);
  });
});
