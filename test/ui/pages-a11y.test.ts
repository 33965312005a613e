/**
 * Every page in a real Chromium at 1366×900 and 390×844, light and dark (issue #21): nothing
 * wider than the screen, and zero axe-core violations of WCAG 2.1 A/AA, contrast included. The
 * pages carry what makes them hard: long URLs and errors on an item, a retrying item, work in
 * progress, webhook events, a connection with its root folders. Screenshots of each page go to
 * test-results/screenshots/a11y-<page>-<size>-{light,dark}.png.
 */
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadAttempts, jobProgress, media } from '../../src/db/schema/index.ts';
import { arrFixture } from '../support/fake-arr-data.ts';
import { postWebhook } from '../support/arr-webhook-client.ts';
import { testBackend } from '../support/test-db.ts';
import type { TestService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';
import { collectPageProblems, launchBrowser, type TestBrowser } from './browser.ts';
import { checkPage, VIEWPORTS } from './page-checks.ts';
import { seedCandidate } from './seed.ts';
import { startUiWorld, type UiWorld } from './ui-world.ts';

const LONG_URL = `https://www.youtube.com/watch?v=${'x'.repeat(11)}&list=${'PL'.repeat(40)}&index=12&pp=${'iAQB'.repeat(20)}`;
const LONG_ERROR = `ERROR: [youtube] ${'abcdefghij'.repeat(4)}: Sign in to confirm you’re not a bot. Use --cookies-from-browser or --cookies for the authentication. See ${LONG_URL}`;

describe(`every page at desktop and phone size, light and dark, with axe-core (${testBackend})`, () => {
  let world: UiWorld;
  let svc: TestService;
  let browser: TestBrowser;
  let page: Page;
  let pageProblems: string[];
  const paths: Record<string, string> = {};

  beforeAll(async () => {
    world = await startUiWorld();
    svc = world.svc;
    // A browser far from UTC: times on the pages must be in its zone, not the server's.
    browser = await launchBrowser({ timezoneId: 'Pacific/Auckland' });
    page = await browser.context.newPage();
    pageProblems = collectPageProblems(page);
  });

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  const visit = async (path: string, name: string, size: keyof typeof VIEWPORTS) => {
    await page.setViewportSize(VIEWPORTS[size]);
    await page.goto(`${svc.url}${path}`);
    await page.waitForLoadState('load');
    return checkPage(page, `a11y-${name}-${size}`);
  };

  it('the first-run form', async () => {
    const problems: string[] = [];
    for (const size of ['desktop', 'phone'] as const) problems.push(...(await visit('/setup', 'setup', size)));
    expect(problems).toEqual([]);
  });

  it('the login form, after the account exists', async () => {
    await world.signInWithLibrary(browser.context);
    const cookies = await browser.context.cookies();
    await browser.context.clearCookies();
    const problems: string[] = [];
    for (const size of ['desktop', 'phone'] as const) problems.push(...(await visit('/login', 'login', size)));
    await browser.context.addCookies(cookies);
    expect(problems).toEqual([]);
  });

  it('every signed-in page', async () => {
    const db = svc.deps.database.db;
    const [arrival] = await db.select().from(media).where(eq(media.title, 'Arrival'));
    const items = await db.select().from(media);
    const [retrying, working] = items.filter((m) => m.id !== arrival!.id);
    // An item with long URLs and errors everywhere (the phone layout's hardest case).
    await db.update(media).set({ trailerStatus: 'needs-attention', statusReason: LONG_ERROR, userSourceUrl: LONG_URL }).where(eq(media.id, arrival!.id));
    await seedCandidate(db, arrival!.id, 'x'.repeat(11), { url: LONG_URL, title: `Official trailer ${'very long title '.repeat(6)}`, score: 87.5 });
    await seedCandidate(db, arrival!.id, 'alt-trailer-2', { rank: 2, score: 40 });
    await db.insert(downloadAttempts).values([
      { mediaId: arrival!.id, sourceUrl: LONG_URL, sourceVideoId: 'x'.repeat(11), outcome: 'failed', errorKind: 'bot-check', error: LONG_ERROR, finishedAt: new Date() },
      { mediaId: arrival!.id, sourceUrl: LONG_URL, outcome: 'failed', errorKind: 'network', error: 'connection reset', nextTryAt: new Date(Date.now() + 240_000), finishedAt: new Date() },
    ]);
    // Waiting for a retry, and one at work: the dashboard's activity and queue show both.
    await db.update(media).set({ trailerStatus: 'queued', statusReason: 'download failed: connection reset; retrying' }).where(eq(media.id, retrying!.id));
    await db.update(media).set({ trailerStatus: 'downloading' }).where(eq(media.id, working!.id));
    await db.insert(jobProgress).values({ mediaId: working!.id, stage: 'converting', percent: 42, detail: 'h264 → 1080p' });
    // Webhook events of every kind the log shows.
    for (const [app, fixture] of [
      ['radarr', 'webhook-download'],
      ['sonarr', 'webhook-download'],
      ['radarr', 'webhook-test'],
    ] as const) {
      await postWebhook(`${svc.url}/webhooks/${app}`, arrFixture(app, fixture), { app, headers: { 'X-Api-Key': svc.apiKey } });
    }
    await waitFor(async () => !/state-received/.test(await (await page.request.get(`${svc.url}/events`)).text()), { timeoutMs: 30_000, what: 'the webhooks processed' });
    const [connection] = await db.query.connections.findMany();
    paths['dashboard'] = '/';
    paths['library'] = '/library';
    paths['library-posters'] = '/library?view=grid';
    paths['movies-filtered'] = '/library?kind=movie&status=needs-attention&q=arr';
    paths['item'] = `/library/${arrival!.id}`;
    paths['events'] = '/events';
    paths['settings-connections'] = '/settings/connections';
    paths['settings-connection-edit'] = `/settings/connections/${connection!.id}`;
    paths['connection-preview'] = `/settings/connections/${connection!.id}/preview`;
    paths['settings-profiles'] = '/settings/profiles';
    paths['settings-media'] = '/settings/media';
    paths['settings-downloads'] = '/settings/downloads';
    paths['settings-general'] = '/settings/general';
    paths['not-found'] = '/library/999999';

    const problems: string[] = [];
    for (const size of ['desktop', 'phone'] as const) {
      for (const [name, path] of Object.entries(paths)) problems.push(...(await visit(path, name, size)));
    }
    expect(problems).toEqual([]);
    expect(pageProblems).toEqual([]);
    // 26 page loads, each checked twice by axe-core: minutes on a busy two-core machine.
  }, 300_000);

  it('the poster grid: the Posters switch keeps filters and order in the URL; posters come through /posters, never from TMDB', async () => {
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(svc.url)) elsewhere.push(request.url());
    });
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.goto(`${svc.url}/library?kind=movie&sort=year&dir=desc`);
    await page.locator('label.tab', { hasText: 'Posters' }).click();
    await page.waitForURL(/view=grid/);
    const url = new URL(page.url());
    expect([url.searchParams.get('kind'), url.searchParams.get('sort'), url.searchParams.get('dir')]).toEqual(['movie', 'year', 'desc']);
    const cards = page.locator('.poster-card');
    await expect.poll(() => cards.count()).toBe(3);
    const images = page.locator('.poster-card img');
    expect(await images.evaluateAll((imgs) => imgs.map((img) => img.getAttribute('src')))).toEqual([
      expect.stringMatching(/^\/posters\/\d+\?v=[0-9a-f]{16}$/),
      expect.stringMatching(/^\/posters\/\d+\?v=[0-9a-f]{16}$/),
    ]);
    // Decoded real JPEGs (a broken or refused image has no natural size).
    await expect.poll(() => images.evaluateAll((imgs) => imgs.every((img) => (img as HTMLImageElement).naturalHeight === 250))).toBe(true);
    await expect.poll(() => page.locator('.poster-card', { hasText: 'No poster' }).count()).toBe(1);
    expect(elsewhere).toEqual([]);
    // A reload keeps the grid; the Table switch goes back.
    await page.reload();
    await expect.poll(() => cards.count()).toBe(3);
    await page.locator('label.tab', { hasText: 'Table' }).click();
    await expect.poll(() => page.locator('table.library-table tbody tr').count()).toBe(3);
    expect(new URL(page.url()).searchParams.get('view')).not.toBe('grid');
    expect(pageProblems).toEqual([]);
  });

  it('shows times relative, with the date and time in the browser\'s time zone', async () => {
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.goto(`${svc.url}${paths['item']}`);
    const nextTry = page.locator('#attempts td[data-label="Next try"] time[data-local]').first();
    await expect.poll(() => nextTry.textContent()).toMatch(/^in [34] minutes$/);
    const iso = await nextTry.getAttribute('datetime');
    const expected = new Intl.DateTimeFormat('en-US', { timeZone: 'Pacific/Auckland', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: true }).format(new Date(iso!));
    const title = (await nextTry.getAttribute('title')) ?? '';
    expect(title).toContain(expected);
    expect(title).toMatch(/GMT\+13|NZDT/);
    expect(pageProblems).toEqual([]);
  });
});
