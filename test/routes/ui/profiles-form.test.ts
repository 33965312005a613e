/**
 * Settings → Profiles (issue #21, items 2 and 8): a refused edit shows the fields as typed (like
 * the add form does), profile names are unique ignoring case, and the page says that only the
 * default profile is used.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProfile, listProfiles } from '../../../src/admin/profiles.ts';
import { trailers } from '../../../src/db/schema/index.ts';
import { seedConnection, seedMedia } from '../../ui/seed.ts';
import { testBackend } from '../../support/test-db.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';
import { signedInPages, type PageClient } from '../../ui/page-client.ts';

/** The value attribute of the input with this id, or the selected option of the select. */
function fieldValue(html: string, id: string): string | undefined {
  const input = new RegExp(`<input id="${id}"[^>]*value="([^"]*)"`).exec(html);
  if (input) return input[1];
  const select = new RegExp(`<select id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
  return /<option value="([^"]*)" selected=""/.exec(select)?.[1];
}

describe(`profile forms (${testBackend})`, () => {
  let svc: TestService;
  let pages: PageClient;
  let webId: number;

  beforeAll(async () => {
    svc = await startTestService({ workers: () => [] });
    pages = await signedInPages(svc);
    const db = svc.deps.database.db;
    // "Default" is made by the service at start (ensureDefaultProfile).
    expect((await listProfiles(db)).map((p) => p.name)).toEqual(['Default']);
    const web = await createProfile(db, { name: 'Web', container: 'webm', videoCodec: 'vp9', audioCodec: 'opus', maxHeight: 720, crf: 32 });
    if (!web.ok) throw new Error('profile not created');
    webId = web.profile.id;
  });
  afterAll(async () => {
    await svc?.stop();
  });

  it('keeps what was typed into an edited profile when saving is refused', async () => {
    const typed = { name: 'Web renamed', container: 'mp4', videoCodec: 'h264', audioCodec: 'aac', maxHeight: '480', crf: '99', preset: 'slow', hwaccel: 'none', isDefault: 'false' };
    const res = await pages.post(`/settings/profiles/${webId}`, typed, { 'hx-request': 'false' });
    expect(res.status).toBe(422);
    const html = await res.text();
    const prefix = `profile-${webId}-`;
    expect(html).toContain(`id="${prefix}crf-error"`);
    expect(fieldValue(html, `${prefix}name`)).toBe('Web renamed');
    expect(fieldValue(html, `${prefix}crf`)).toBe('99');
    expect(fieldValue(html, `${prefix}container`)).toBe('mp4');
    expect(fieldValue(html, `${prefix}videoCodec`)).toBe('h264');
    expect(fieldValue(html, `${prefix}maxHeight`)).toBe('480');
    expect(fieldValue(html, `${prefix}preset`)).toBe('slow');
    // Not a number at all: shown back as typed too.
    const words = await (await pages.post(`/settings/profiles/${webId}`, { ...typed, crf: 'high' }, { 'hx-request': 'false' })).text();
    expect(fieldValue(words, `${prefix}crf`)).toBe('high');
    // Nothing was stored.
    const stored = (await listProfiles(svc.deps.database.db)).find((p) => p.id === webId);
    expect(stored).toMatchObject({ name: 'Web', crf: 32, container: 'webm' });
  });

  it('refuses a name that differs from another profile only in case', async () => {
    const added = await pages.post('/settings/profiles', { name: 'default', container: 'mkv', videoCodec: 'h264', audioCodec: 'aac', maxHeight: '1080', crf: '22', preset: 'veryfast', hwaccel: 'none' }, { 'hx-request': 'false' });
    expect(added.status).toBe(409);
    expect(await added.text()).toContain('names are compared ignoring case');
    const renamed = await pages.post(`/settings/profiles/${webId}`, { name: 'DEFAULT' }, { 'hx-request': 'false' });
    expect(renamed.status).toBe(409);
    expect((await listProfiles(svc.deps.database.db)).map((p) => p.name).sort()).toEqual(['Default', 'Web']);
    // Its own name in another case is fine.
    const own = await pages.post(`/settings/profiles/${webId}`, { name: 'WEB' }, { 'hx-request': 'false' });
    expect(own.status).toBe(303);
  });

  it('says that the main trailer is made with the default profile', async () => {
    const html = await (await pages.get('/settings/profiles')).text();
    expect(html).toMatch(/id="default-profile-note"[^>]*>[\s\S]*made with the <strong>default<\/strong> profile/);
  });

  it('edits what a profile fetches: kind, applies to and subtitles, typed values kept on error (issue #19)', async () => {
    const db = svc.deps.database.db;
    const radarr = await seedConnection(db, { name: '4K Radarr' });
    const sonarr = await seedConnection(db, { name: 'Sonarr', kind: 'sonarr' });
    const html = await (await pages.get('/settings/profiles')).text();
    // Connections by name, as checkboxes of the "applies to" group.
    expect(html).toContain(`id="profile-${webId}-connectionIds-${radarr.id}" name="connectionIds" value="${radarr.id}"`);
    expect(html).toContain('4K Radarr (Radarr)');
    const typed = {
      name: 'Web',
      kind: 'featurette',
      scope: 'season',
      languageRule: 'original',
      subtitleLanguages: 'en, english',
      subtitleAutomatic: ['false', 'true'],
      mediaKinds: ['', 'movie'],
      connectionIds: ['', String(radarr.id)],
      tags: '4k, kids',
      enabled: ['false', 'true'],
    };
    const res = await pages.post(`/settings/profiles/${webId}`, typed, { 'hx-request': 'false' });
    expect(res.status).toBe(422);
    const page = await res.text();
    const prefix = `profile-${webId}-`;
    expect(page).toMatch(new RegExp(`id="${prefix}scope-error">Only trailers, teasers and clips come per season`));
    expect(page).toMatch(new RegExp(`id="${prefix}subtitleLanguages-error">&quot;english&quot; does not start with a two-letter`));
    expect(fieldValue(page, `${prefix}kind`)).toBe('featurette');
    expect(fieldValue(page, `${prefix}scope`)).toBe('season');
    expect(fieldValue(page, `${prefix}languageRule`)).toBe('original');
    expect(fieldValue(page, `${prefix}subtitleLanguages`)).toBe('en, english');
    expect(fieldValue(page, `${prefix}tags`)).toBe('4k, kids');
    expect(page).toMatch(new RegExp(`id="${prefix}mediaKinds-movie" name="mediaKinds" value="movie" checked=""`));
    expect(page).toMatch(new RegExp(`id="${prefix}connectionIds-${radarr.id}" name="connectionIds" value="${radarr.id}" checked=""`));
    expect(page).not.toMatch(new RegExp(`id="${prefix}connectionIds-${sonarr.id}"[^>]*checked`));
    expect(page).toMatch(new RegExp(`id="${prefix}subtitleAutomatic" type="checkbox" name="subtitleAutomatic" value="true" checked=""`));
    expect((await listProfiles(db)).find((p) => p.id === webId)).toMatchObject({ kind: 'trailer', subtitles: null });

    // Fixed: saved as typed.
    const saved = await pages.post(`/settings/profiles/${webId}`, { ...typed, scope: 'item', subtitleLanguages: 'en, pt-BR' }, { 'hx-request': 'false' });
    expect(saved.status).toBe(303);
    expect((await listProfiles(db)).find((p) => p.id === webId)).toMatchObject({
      kind: 'featurette',
      scope: 'item',
      languageRule: 'original',
      subtitles: { languages: ['en', 'pt-BR'], automatic: true },
      appliesTo: { mediaKinds: ['movie'], connectionIds: [radarr.id], tags: ['4k', 'kids'] },
      enabled: true,
    });
    // Unticking every box of a group is "any", not "unchanged".
    expect((await pages.post(`/settings/profiles/${webId}`, { mediaKinds: [''], connectionIds: [''] }, { 'hx-request': 'false' })).status).toBe(303);
    expect((await listProfiles(db)).find((p) => p.id === webId)?.appliesTo).toEqual({ mediaKinds: [], connectionIds: [], tags: ['4k', 'kids'] });
  });

  it('refuses to delete a profile with files on disk, beside its form', async () => {
    const db = svc.deps.database.db;
    const conn = await seedConnection(db);
    const item = await seedMedia(db, conn.id);
    await db.insert(trailers).values({ mediaId: item.id, profileId: webId, path: `/movies/${item.id}/Featurettes/x.mkv`, sizeBytes: 1, mtimeMs: 1, sourceUrl: 'http://127.0.0.1:9/x' });
    const res = await pages.post(`/settings/profiles/${webId}/delete`, {}, { 'hx-request': 'false' });
    expect(res.status).toBe(409);
    expect(await res.text()).toMatch(/<details class="card" id="profile-\d+" open="">[\s\S]*disable it instead, or delete its files first/);
    expect((await listProfiles(db)).some((p) => p.id === webId)).toBe(true);
  });
});
