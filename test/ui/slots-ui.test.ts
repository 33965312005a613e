/**
 * Issue #19 in a real Chromium, with issue #21's page rules (1366×900 and 390×844, light and dark,
 * no horizontal overflow, zero axe-core WCAG 2.1 AA violations): the profiles page editing a
 * featurette profile's applies-to and subtitles (a refused save keeps what was typed), theme
 * music hiding the conversion fields, and the item page's Files section with three slots, whose
 * Fetch button queues the slot's job. Screenshots: test-results/screenshots/slots-*.png.
 */
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProfile } from '../../src/admin/profiles.ts';
import { createFirstAdmin } from '../../src/auth/admin-account.ts';
import { SESSION_COOKIE } from '../../src/auth/session-cookie.ts';
import { createSession } from '../../src/auth/sessions.ts';
import { mediaSlots, trailerProfiles, trailers } from '../../src/db/schema/index.ts';
import { testBackend } from '../support/test-db.ts';
import { startTestService, type TestService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';
import { collectPageProblems, eventually, launchBrowser, type TestBrowser } from './browser.ts';
import { checkPage, VIEWPORTS } from './page-checks.ts';
import { seedConnection, seedMedia } from './seed.ts';

const LONG_FOLDER = `/tv/${'The Extraordinarily Long Named Series '.repeat(3).trim()} (2022)`;

describe(`profiles and the Files section in Chromium (${testBackend})`, () => {
  let svc: TestService;
  let browser: TestBrowser;
  let page: Page;
  let problems: string[];
  let radarrId: number;
  let seriesId: number;
  let seasonProfileId: number;
  const db = () => svc.deps.database.db;

  beforeAll(async () => {
    // No workers: what a button queues stays queued for the assertions.
    svc = await startTestService({ workers: () => [] });
    radarrId = (await seedConnection(db(), { name: '4K Radarr' })).id;
    const sonarr = await seedConnection(db(), { name: 'Sonarr', kind: 'sonarr' });
    const account = await createFirstAdmin(db(), 'admin', 'a long enough password');
    if (!account.ok) throw new Error('no account');
    const { cookieValue } = await createSession(db(), account.userId);
    browser = await launchBrowser();
    await browser.context.addCookies([{ name: SESSION_COOKIE, value: cookieValue, url: svc.url }]);
    page = await browser.context.newPage();
    problems = collectPageProblems(page);

    const [main] = await db().select().from(trailerProfiles).where(eq(trailerProfiles.isDefault, true));
    const profile = async (input: Record<string, unknown>) => {
      const result = await createProfile(db(), input);
      if (!result.ok) throw new Error(result.message);
      return result.profile.id;
    };
    seasonProfileId = await profile({ name: 'Season trailers', kind: 'trailer', scope: 'season', languageRule: 'original-subtitled', subtitles: { languages: ['en'], automatic: false } });
    const themeId = await profile({ name: 'Theme music', kind: 'theme-music' });
    const series = await seedMedia(db(), sonarr.id, {
      kind: 'series',
      title: 'The Extraordinarily Long Named Series',
      folderPath: LONG_FOLDER,
      trailerStatus: 'have',
      seasons: [{ number: 1, monitored: true }],
    });
    seriesId = series.id;
    await db()
      .insert(trailers)
      .values([
        { mediaId: seriesId, profileId: main!.id, path: `${LONG_FOLDER}/Trailers/${'The Extraordinarily Long Named Series'.replace(/ /g, '.')}-trailer.mkv`, sizeBytes: 48_200_000, mtimeMs: 1, sourceUrl: 'http://127.0.0.1:9/a' },
        { mediaId: seriesId, profileId: themeId, path: `${LONG_FOLDER}/theme.mp3`, sizeBytes: 2_100_000, mtimeMs: 1, sourceUrl: 'http://127.0.0.1:9/b' },
      ]);
    await db()
      .insert(mediaSlots)
      .values([
        { mediaId: seriesId, profileId: seasonProfileId, season: 1, status: 'needs-attention', statusReason: `ERROR: [youtube] ${'abcdefghij'.repeat(4)}: Sign in to confirm you’re not a bot. Use --cookies-from-browser` },
        { mediaId: seriesId, profileId: themeId, season: null, status: 'have' },
      ]);
    await db().update(trailerProfiles).set({ enabled: false }).where(eq(trailerProfiles.id, themeId));
  });

  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  it('edits a featurette profile: applies to and subtitles, typed values kept when refused', async () => {
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.goto(`${svc.url}/settings/profiles`);
    await page.click('#profile-new summary');
    const f = (name: string) => `#profile-new-${name}`;
    await page.fill(f('name'), 'Featurettes');
    await page.selectOption(f('kind'), 'featurette');
    await page.selectOption(f('scope'), 'season');
    await page.selectOption(f('languageRule'), 'original');
    await page.fill(f('subtitleLanguages'), 'en, english');
    await page.check(`${f('mediaKinds')}-movie`);
    await page.check(`${f('connectionIds')}-${radarrId}`);
    await page.fill(f('tags'), '4k, kids');
    await page.click('#profile-new button[type=submit]');
    await page.waitForSelector(`${f('scope')}-error`);
    expect(await page.textContent(`${f('scope')}-error`)).toContain('Only trailers, teasers and clips come per season');
    expect(await page.textContent(`${f('subtitleLanguages')}-error`)).toContain('"english"');
    // Everything as typed.
    expect(await page.inputValue(f('name'))).toBe('Featurettes');
    expect(await page.inputValue(f('kind'))).toBe('featurette');
    expect(await page.inputValue(f('scope'))).toBe('season');
    expect(await page.inputValue(f('languageRule'))).toBe('original');
    expect(await page.inputValue(f('subtitleLanguages'))).toBe('en, english');
    expect(await page.inputValue(f('tags'))).toBe('4k, kids');
    expect(await page.isChecked(`${f('mediaKinds')}-movie`)).toBe(true);
    expect(await page.isChecked(`${f('mediaKinds')}-series`)).toBe(false);
    expect(await page.isChecked(`${f('connectionIds')}-${radarrId}`)).toBe(true);
    const found: string[] = [];
    found.push(...(await checkPage(page, 'slots-profiles-error-desktop')));
    await page.setViewportSize(VIEWPORTS.phone);
    found.push(...(await checkPage(page, 'slots-profiles-error-phone')));
    await page.setViewportSize(VIEWPORTS.desktop);

    await page.selectOption(f('scope'), 'item');
    await page.fill(f('subtitleLanguages'), 'en, pt-BR');
    await page.check(f('subtitleAutomatic'), { force: true });
    await page.click('#profile-new button[type=submit]');
    await eventually(() => page.textContent('.banner.ok')).toContain('Added the profile "Featurettes"');
    const [saved] = await db().select().from(trailerProfiles).where(eq(trailerProfiles.name, 'Featurettes'));
    expect(saved).toMatchObject({
      kind: 'featurette',
      scope: 'item',
      languageRule: 'original',
      subtitles: { languages: ['en', 'pt-BR'], automatic: true },
      appliesTo: { mediaKinds: ['movie'], connectionIds: [radarrId], tags: ['4k', 'kids'] },
      enabled: true,
    });
    expect(found).toEqual([]);
  });

  it('theme music hides the conversion fields and says why', async () => {
    await page.click('#profile-new summary');
    await page.selectOption('#profile-new-kind', 'theme-music');
    expect(await page.isVisible('#profile-new .conversion-fields')).toBe(false);
    expect(await page.textContent('#profile-new .theme-music-note')).toContain('MP3, loudness-normalised');
    expect(await page.isVisible('#profile-new .theme-music-note')).toBe(true);
    await page.selectOption('#profile-new-kind', 'trailer');
    expect(await page.isVisible('#profile-new .conversion-fields')).toBe(true);
  });

  it('the item page lists three slots with state and file, at desktop and phone size, light and dark', async () => {
    const found: string[] = [];
    for (const size of ['desktop', 'phone'] as const) {
      await page.setViewportSize(VIEWPORTS[size]);
      await page.goto(`${svc.url}/library/${seriesId}`);
      await page.waitForSelector('#slots');
      const rows = await page.$$eval('#slots tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
      expect(rows).toHaveLength(3);
      expect(rows[0]).toMatch(/Trailer \(main trailer\) Whole item.*As in Trailer choice.*Default.*Have trailer.*-trailer\.mkv \(46 MiB\)/);
      expect(rows[1]).toMatch(/Trailer Season 1.*Original, subtitled.*Season trailers.*Needs attention.*Sign in to confirm/);
      // Each slot's state names its own kind: the theme music slot is not "Have trailer".
      expect(rows[2]).toMatch(/Theme music Whole item.*Theme music.*Have theme music.*profile disabled — file kept.*theme\.mp3/);
      expect(rows[2]).not.toContain('Have trailer');
      found.push(...(await checkPage(page, `slots-item-${size}`)));
    }
    expect(found).toEqual([]);
  });

  it("a slot's Fetch button queues that slot's fetch and the row says so", async () => {
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.goto(`${svc.url}/library/${seriesId}`);
    await page.click(`#slots tr[data-profile-id="${seasonProfileId}"][data-season="1"] button[data-action=slot-fetch]`);
    await page.waitForSelector(`#slots tr[data-profile-id="${seasonProfileId}"][data-season="1"][data-status=queued]`);
    await waitFor(async () => (await svc.boss.findJobs('trailer-fetch', { queued: true, data: { mediaId: seriesId, profileId: seasonProfileId, season: 1 } })).length === 1, {
      timeoutMs: 10_000,
      what: 'the season fetch job',
    });
    expect(problems).toEqual([]);
  });
});
