import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFirstAdmin } from '../../../src/auth/admin-account.ts';
import { createSession } from '../../../src/auth/sessions.ts';
import { connections, trailerProfiles } from '../../../src/db/schema/index.ts';
import { testBackend } from '../../support/test-db.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';

describe(`settings pages: connections and profiles forms (${testBackend})`, () => {
  let svc: TestService;
  let cookie = '';
  let csrf = '';

  const page = (path: string) => fetch(`${svc.url}${path}`, { redirect: 'manual', headers: { cookie } });
  /** A form post; `fields` may repeat a name (path mapping rows). */
  const submit = (path: string, fields: Array<[string, string]>, headers: Record<string, string> = {}) =>
    fetch(`${svc.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers },
      body: new URLSearchParams([['_csrf', csrf], ...fields]).toString(),
    });

  beforeAll(async () => {
    svc = await startTestService({ workers: () => [] });
    const db = svc.deps.database.db;
    const account = await createFirstAdmin(db, 'admin', 'a long enough password');
    if (!account.ok) throw new Error('account exists');
    const { cookieValue, session } = await createSession(db, account.userId);
    cookie = `previewarr_session=${cookieValue}`;
    csrf = session.csrfToken;
  });
  afterAll(async () => {
    await svc?.stop();
  });

  const connectionFields = (overrides: Record<string, string> = {}): Array<[string, string]> => [
    ['name', overrides['name'] ?? 'Radarr 4K'],
    ['kind', 'radarr'],
    ['baseUrl', overrides['baseUrl'] ?? 'http://127.0.0.1:9/radarr/'],
    ['apiKey', overrides['apiKey'] ?? 'arr-key-0123456789abcdef'],
    ['enabled', 'false'],
    ['enabled', 'true'],
    ['remotePrefix', '/data/movies'],
    ['localPrefix', '/movies'],
    ['remotePrefix', ''],
    ['localPrefix', ''],
  ];

  it('adds a connection from the form with its path mappings, and refuses bad fields beside them', async () => {
    const bad = await submit('/settings/connections', connectionFields({ baseUrl: 'radarr:7878' }));
    expect(bad.status).toBe(422);
    expect(await bad.text()).toMatch(/id="f-baseUrl-error"[^>]*>must start with http:\/\/ or https:\/\//);

    const relative = await submit('/settings/connections', [...connectionFields({ name: 'Other' }).slice(0, 6), ['remotePrefix', '/data'], ['localPrefix', 'relative/path']]);
    expect(relative.status).toBe(422);
    expect(await relative.text()).toContain('class="field-error"');

    const ok = await submit('/settings/connections', connectionFields());
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/settings/connections?saved=Radarr%204K');
    const [row] = await svc.deps.database.db.select().from(connections).where(eq(connections.name, 'Radarr 4K'));
    expect(row).toMatchObject({ baseUrl: 'http://127.0.0.1:9/radarr', enabled: true, pathMappings: [{ remotePrefix: '/data/movies', localPrefix: '/movies' }] });
    // The first library sync was queued with it.
    expect(await svc.boss.findJobs('library-sync', { queued: true, data: { connectionId: row!.id } })).toHaveLength(1);

    // It was tested on save: nothing listens there, and the page after the save says so.
    const list = await (await page('/settings/connections?saved=Radarr%204K')).text();
    expect(list).toMatch(/<div class="banner error" data-saved="fails">Saved &quot;Radarr 4K&quot;, but it does not work yet: .*cannot connect \(ECONNREFUSED\)/);
    expect(list).toContain(`/webhooks/radarr?connection=Radarr%204K`);
    expect(list).toContain('••••cdef');
    expect(list).not.toContain('arr-key-0123456789abcdef');

    const duplicate = await submit('/settings/connections', connectionFields({ name: 'radarr 4k' }));
    expect(duplicate.status).toBe(409);
    expect(await duplicate.text()).toMatch(/id="f-name-error"[^>]*>A connection named/);
  });

  it('edits a connection: the masked key sent back keeps the stored key', async () => {
    const [row] = await svc.deps.database.db.select().from(connections).where(eq(connections.name, 'Radarr 4K'));
    const form = await (await page(`/settings/connections/${row!.id}`)).text();
    expect(form).toContain('value="••••cdef"');
    const saved = await submit(`/settings/connections/${row!.id}`, connectionFields({ name: 'Radarr UHD', apiKey: '••••cdef' }));
    expect(saved.status).toBe(303);
    const [after] = await svc.deps.database.db.select().from(connections).where(eq(connections.id, row!.id));
    expect(after).toMatchObject({ name: 'Radarr UHD', apiKey: 'arr-key-0123456789abcdef' });
    expect((await page('/settings/connections/999999')).status).toBe(404);
    expect((await page('/settings/connections/abc')).status).toBe(404);
  });

  it('tests and deletes a connection from its card (htmx), answering with the card and a toast', async () => {
    const [row] = await svc.deps.database.db.select().from(connections).where(eq(connections.name, 'Radarr UHD'));
    const tested = await submit(`/settings/connections/${row!.id}/test`, [], { 'hx-request': 'true' });
    expect(tested.status).toBe(200);
    const html = await tested.text();
    expect(html).toMatch(/data-health="error"/);
    expect(html).toMatch(/<hx-partial hx-target="#toast"[^>]*><div class="toast toast-error"[^>]*>Test failed: /);
    const deleted = await submit(`/settings/connections/${row!.id}/delete`, [], { 'hx-request': 'true' });
    expect(deleted.status).toBe(200);
    expect(await svc.deps.database.db.select().from(connections).where(eq(connections.id, row!.id))).toHaveLength(0);
    expect((await submit(`/settings/connections/${row!.id}/delete`, [], { 'hx-request': 'true' })).status).toBe(404);
  });

  it('adds, edits and deletes profiles through the forms, with the API rules', async () => {
    const refused = await submit('/settings/profiles', [['name', 'Web'], ['container', 'webm'], ['videoCodec', 'h264'], ['audioCodec', 'opus'], ['maxHeight', '1080'], ['crf', '30'], ['preset', 'fast'], ['hwaccel', 'none']]);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toMatch(/id="profile-new-videoCodec-error"[^>]*>webm holds only vp9 or av1 video/);

    const added = await submit('/settings/profiles', [['name', 'Web'], ['container', 'webm'], ['videoCodec', 'vp9'], ['audioCodec', 'opus'], ['maxHeight', '720'], ['crf', '32'], ['preset', 'fast'], ['hwaccel', 'none']]);
    expect(added.status).toBe(303);
    const [web] = await svc.deps.database.db.select().from(trailerProfiles).where(eq(trailerProfiles.name, 'Web'));
    expect(web).toMatchObject({ container: 'webm', videoCodec: 'vp9', maxHeight: 720, crf: 32, isDefault: false });

    const badCrf = await submit(`/settings/profiles/${web!.id}`, [['name', 'Web'], ['crf', 'high']]);
    expect(badCrf.status).toBe(422);
    expect(await badCrf.text()).toMatch(new RegExp(`id="profile-${web!.id}-crf-error"[^>]*>must be a whole number`));

    const made = await submit(`/settings/profiles/${web!.id}`, [['name', 'Web'], ['crf', '30'], ['isDefault', 'false'], ['isDefault', 'true']]);
    expect(made.status).toBe(303);
    const defaults = await svc.deps.database.db.select().from(trailerProfiles).where(eq(trailerProfiles.isDefault, true));
    expect(defaults.map((p) => p.name)).toEqual(['Web']);

    const keepDefault = await submit(`/settings/profiles/${web!.id}/delete`, []);
    expect(keepDefault.status).toBe(409);
    expect(await svc.deps.database.db.select().from(trailerProfiles).where(eq(trailerProfiles.id, web!.id))).toHaveLength(1);
  });

  it('answers unknown items and bad filters on the pages with 404 and 400, not a crash', async () => {
    expect((await page('/library/abc')).status).toBe(404);
    expect((await page('/library/99999999')).status).toBe(404);
    const filter = await page('/library?status=shiny');
    expect(filter.status).toBe(400);
    expect(await filter.text()).toContain('status: must be all or one of');
    expect((await page('/events?page=0')).status).toBe(400);
    expect((await page('/library/99999999/trailer')).status).toBe(404);
  });
});
