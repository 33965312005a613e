/**
 * Settings → Profiles (issue #21, items 2 and 8): a refused edit shows the fields as typed (like
 * the add form does), profile names are unique ignoring case, and the page says that only the
 * default profile is used.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProfile, listProfiles } from '../../../src/admin/profiles.ts';
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

  it('says that trailers are made with the default profile only', async () => {
    const html = await (await pages.get('/settings/profiles')).text();
    expect(html).toMatch(/id="default-profile-note"[^>]*>[\s\S]*made with the <strong>default<\/strong> profile/);
  });
});
