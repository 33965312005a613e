/**
 * Preview mode from the pages, in a real Chromium against the real service (issue #21): switch
 * "Preview only" on in the connection form, ask for a trailer (the fetch ranks and stops before the
 * download), read the Preview page at 1366 and 390 px in light and dark with axe-core, then
 * "Switch off preview and download" and see the trailers land on disk. Screenshots:
 * test-results/screenshots/preview-page-{desktop,phone}-{light,dark}.png.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connections, downloadAttempts, media, trailerPreviews, trailers } from '../../src/db/schema/index.ts';
import { ffmpeg } from '../pipeline/pipeline-fixture.ts';
import { testBackend } from '../support/test-db.ts';
import type { TestService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';
import { apiClient } from './api-client.ts';
import { collectPageProblems, launchBrowser, type TestBrowser } from './browser.ts';
import { checkPage, VIEWPORTS } from './page-checks.ts';
import { startUiWorld, type UiWorld } from './ui-world.ts';

const LONG_TITLE = `Official trailer ${'with a very long title '.repeat(6)}`;
const LONG_REASON = `no usable trailer found: search: ${'nothing matched the title and year; '.repeat(6)}`;

describe(`the Preview page, in Chromium (${testBackend})`, () => {
  let world: UiWorld;
  let svc: TestService;
  let browser: TestBrowser;
  let page: Page;
  let problems: string[];
  let connectionId: number;
  let previewed: Array<{ id: number; youTubeTrailerId: string | null; title: string }>;

  beforeAll(async () => {
    world = await startUiWorld();
    svc = world.svc;
    browser = await launchBrowser();
    await world.signInWithLibrary(browser.context);
    page = await browser.context.newPage();
    problems = collectPageProblems(page);
    const [connection] = await svc.deps.database.db.select().from(connections);
    connectionId = connection!.id;
  });

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it('the connection form switches preview on, and the card says so', async () => {
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.goto(`${svc.url}/settings/connections/${connectionId}`);
    await page.getByLabel('Preview only (dry run)').check({ force: true });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/settings\/connections\?saved=/);
    const card = page.locator(`#connection-${connectionId}`);
    await expect.poll(() => card.locator('[data-preview-only]').textContent()).toContain('Preview only — nothing is downloaded');
    expect(await card.locator('a[data-action="preview"]').getAttribute('href')).toBe(`/settings/connections/${connectionId}/preview`);
    const [row] = await svc.deps.database.db.select().from(connections).where(eq(connections.id, connectionId));
    expect(row?.previewOnly).toBe(true);
    const cardProblems: string[] = [];
    for (const size of ['desktop', 'phone'] as const) {
      await page.setViewportSize(VIEWPORTS[size]);
      await page.goto(`${svc.url}/settings/connections`);
      cardProblems.push(...(await checkPage(page, `preview-connections-${size}`)));
    }
    expect(cardProblems).toEqual([]);
  }, 120_000);

  it('a fetch the user asks for ranks and records the pick; the page lists it, readable at both sizes', async () => {
    const db = svc.deps.database.db;
    const api = apiClient(svc);
    const withIds = await db.select().from(media).where(isNotNull(media.youTubeTrailerId)).orderBy(media.id);
    previewed = withIds.slice(0, 2);
    for (const item of previewed) expect((await api(`/api/v1/media/${item.id}/fetch`, { method: 'POST' })).status).toBe(202);
    await waitFor(
      async () => (await db.select().from(media).where(and(eq(media.connectionId, connectionId), eq(media.trailerStatus, 'preview')))).length === 2,
      { timeoutMs: 60_000, what: 'both items previewed' },
    );
    expect(await db.select().from(downloadAttempts)).toEqual([]);
    expect(world.clips.requests).toEqual([]);
    // What the phone layout finds hardest: a long video title, and a long reason for nothing acceptable.
    await db.update(trailerPreviews).set({ title: LONG_TITLE, channel: 'A Channel With A Long Name' }).where(eq(trailerPreviews.mediaId, previewed[1]!.id));
    const [other] = await db.select().from(media).where(and(eq(media.connectionId, connectionId), eq(media.trailerStatus, 'missing')));
    await db.update(media).set({ trailerStatus: 'needs-attention', statusReason: LONG_REASON }).where(eq(media.id, other!.id));

    const pageProblems: string[] = [];
    for (const size of ['desktop', 'phone'] as const) {
      await page.setViewportSize(VIEWPORTS[size]);
      await page.goto(`${svc.url}/settings/connections/${connectionId}/preview`);
      pageProblems.push(...(await checkPage(page, `preview-page-${size}`)));
    }
    expect(pageProblems).toEqual([]);
    const rows = page.locator('#would-download tbody tr');
    expect(await rows.count()).toBe(2);
    const first = page.locator(`#would-download tr[data-media-id="${previewed[0]!.id}"]`);
    const link = first.locator('td').nth(1).locator('a');
    expect(await link.getAttribute('href')).toBe(world.clips.url(previewed[0]!.youTubeTrailerId!));
    expect(await link.textContent()).toBe(world.clips.url(previewed[0]!.youTubeTrailerId!));
    expect(await first.locator('td').nth(1).textContent()).toContain('radarr');
    expect(Number(await first.locator('td[data-label="Score"]').textContent())).toBeGreaterThan(0);
    expect(await page.locator(`#nothing-acceptable li[data-media-id="${other!.id}"]`).textContent()).toContain('nothing matched the title');
    expect(await page.locator('[data-action="run-preview"]').isEnabled()).toBe(true);
  }, 180_000);

  it('"Switch off preview and download" queues the real fetches and the trailers land on disk', async () => {
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.goto(`${svc.url}/settings/connections/${connectionId}/preview`);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator('[data-action="download-previewed"]').click();
    await page.waitForURL(/done=download/);
    expect(await page.locator('.banner.ok').textContent()).toContain('2 trailer downloads queued');
    expect(await page.locator('#preview-summary h2').textContent()).toBe('Preview is off');
    const db = svc.deps.database.db;
    for (const item of previewed) {
      const trailer = await waitFor(
        async () => (await db.select().from(trailers).where(and(eq(trailers.mediaId, item.id), eq(trailers.state, 'present'))))[0],
        { timeoutMs: 90_000, what: `the trailer of ${item.title}` },
      );
      expect(trailer.sourceVideoId).toBe(item.youTubeTrailerId);
      expect((await ffmpeg.probe(trailer.path)).video?.codec).toBe('h264');
    }
    expect(problems).toEqual([]);
  }, 180_000);
});
