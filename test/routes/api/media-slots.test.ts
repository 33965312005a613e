/**
 * Every file slot of an item and the actions on one slot (issue #19): the list built from the
 * plan (profiles that apply, monitored seasons), `media_slots` and present files, main trailer
 * first and kept files of a disabled profile last; Fetch / Replace / Delete file queue the job
 * payloads the pipeline reads, through the API and the item page's htmx buttons alike.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProfile } from '../../../src/admin/profiles.ts';
import { media, mediaSlots, trailerProfiles, trailers } from '../../../src/db/schema/index.ts';
import { apiClient, type ApiInit } from '../../ui/api-client.ts';
import { signedInPages } from '../../ui/page-client.ts';
import { seedConnection, seedMedia } from '../../ui/seed.ts';
import { testBackend } from '../../support/test-db.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';

type Slot = { profileId: number | null; profileName: string | null; kind: string | null; season: number | null; main: boolean; planned: boolean; status: string; reason: string | null; file: { path: string; sizeBytes: number } | null; note: string | null };

describe(`item slots: /api/v1/media/{id}/slots and the Files section (${testBackend})`, () => {
  let svc: TestService;
  const api = (path: string, init?: ApiInit) => apiClient(svc)(path, init);
  const db = () => svc.deps.database.db;
  let seriesId: number;
  let mainId: number;
  let seasonId: number;
  let featuretteId: number;
  let themeId: number;

  const profile = async (input: Record<string, unknown>) => {
    const result = await createProfile(db(), input);
    if (!result.ok) throw new Error(result.message);
    return result.profile.id;
  };
  const fetchJobs = async (mediaId: number) => (await svc.boss.findJobs('trailer-fetch', { queued: true, data: { mediaId } })).map((job) => job.data);
  const deleteJobs = async (mediaId: number) => (await svc.boss.findJobs('trailer-delete', { data: { mediaId } })).map((job) => job.data);
  const slotsOf = async (id: number) => ((await (await api(`/api/v1/media/${id}/slots`)).json()) as { slots: Slot[] }).slots;
  const file = (mediaId: number, profileId: number, path: string, season: number | null = null) =>
    db().insert(trailers).values({ mediaId, profileId, season, path, sizeBytes: 2_500_000, mtimeMs: 1, sourceUrl: 'http://127.0.0.1:9/clip' });

  beforeAll(async () => {
    svc = await startTestService({ workers: () => [] });
    const sonarr = await seedConnection(db(), { name: 'Sonarr', kind: 'sonarr' });
    mainId = (await db().select().from(trailerProfiles).where(eq(trailerProfiles.isDefault, true)))[0]!.id;
    seasonId = await profile({ name: 'Season trailers', kind: 'trailer', scope: 'season', languageRule: 'original' });
    featuretteId = await profile({ name: 'Featurettes', kind: 'featurette', appliesTo: { tags: ['4K'] } });
    themeId = await profile({ name: 'Theme', kind: 'theme-music' });
    await profile({ name: 'Kids only', kind: 'clip', appliesTo: { tags: ['kids'] } });
    const series = await seedMedia(db(), sonarr.id, {
      kind: 'series',
      title: 'Severance',
      folderPath: '/tv/Severance',
      trailerStatus: 'have',
      seasons: [
        { number: 0, monitored: true },
        { number: 1, monitored: true },
        { number: 2, monitored: false },
        { number: 3, monitored: true },
      ],
      tags: ['4k'],
    });
    seriesId = series.id;
    await file(seriesId, mainId, '/tv/Severance/Severance-trailer.mkv');
    await file(seriesId, featuretteId, '/tv/Severance/Featurettes/Severance.mkv');
    await file(seriesId, themeId, '/tv/Severance/theme.mp3');
    await db().insert(mediaSlots).values([
      { mediaId: seriesId, profileId: featuretteId, season: null, status: 'have' },
      { mediaId: seriesId, profileId: seasonId, season: 1, status: 'needs-attention', statusReason: 'Every candidate failed' },
      { mediaId: seriesId, profileId: themeId, season: null, status: 'have' },
    ]);
    // The theme profile was switched off after its file was placed: the file stays, listed.
    await db().update(trailerProfiles).set({ enabled: false }).where(eq(trailerProfiles.id, themeId));
  });
  afterAll(async () => {
    await svc?.stop();
  });

  it('lists the main trailer, each monitored season (not the specials), the extras, then files kept from a disabled profile', async () => {
    const slots = await slotsOf(seriesId);
    expect(slots.map((s) => [s.profileName, s.season, s.status, s.planned])).toEqual([
      ['Default', null, 'have', true],
      ['Season trailers', 1, 'needs-attention', true],
      ['Season trailers', 3, 'missing', true],
      ['Featurettes', null, 'have', true],
      ['Theme', null, 'have', false],
    ]);
    expect(slots[0]).toMatchObject({ main: true, kind: 'trailer', file: { path: '/tv/Severance/Severance-trailer.mkv', sizeBytes: 2_500_000 } });
    expect(slots[1]).toMatchObject({ reason: 'Every candidate failed', file: null, kind: 'trailer', main: false });
    expect(slots[4]).toMatchObject({ kind: 'theme-music', note: 'profile disabled — file kept', file: { path: '/tv/Severance/theme.mp3' } });
    expect((await api('/api/v1/media/999999/slots')).status).toBe(404);
  });

  it('Fetch of an extra slot queues a user fetch naming profile and season, once', async () => {
    const first = await api(`/api/v1/media/${seriesId}/slots/fetch`, { method: 'POST', json: { profileId: seasonId, season: 1 } });
    expect(first.status).toBe(202);
    const { jobId } = (await first.json()) as { jobId: string };
    expect(await fetchJobs(seriesId)).toEqual([{ mediaId: seriesId, reason: 'user', force: false, profileId: seasonId, season: 1 }]);
    const [row] = await db().select().from(mediaSlots).where(and(eq(mediaSlots.mediaId, seriesId), eq(mediaSlots.profileId, seasonId), eq(mediaSlots.season, 1)));
    expect(row).toMatchObject({ status: 'queued', statusReason: 'Requested by you' });
    // The main trailer's state is untouched by another slot's fetch.
    const [item] = await db().select().from(media).where(eq(media.id, seriesId));
    expect(item!.trailerStatus).toBe('have');
    // Asking again does not queue a second job.
    const again = await api(`/api/v1/media/${seriesId}/slots/fetch`, { method: 'POST', json: { profileId: seasonId, season: 1 } });
    expect(await again.json()).toMatchObject({ jobId, message: expect.stringContaining('already queued') });
    expect(await fetchJobs(seriesId)).toHaveLength(1);
  });

  it('Replace needs replace=true for a slot with a file; a slot not in the plan is 404, a kept file 409', async () => {
    const have = await api(`/api/v1/media/${seriesId}/slots/fetch`, { method: 'POST', json: { profileId: featuretteId } });
    expect(have.status).toBe(409);
    expect(await have.json()).toMatchObject({ error: 'has_file' });
    expect((await api(`/api/v1/media/${seriesId}/slots/fetch`, { method: 'POST', json: { profileId: featuretteId, replace: true } })).status).toBe(202);
    expect(await fetchJobs(seriesId)).toContainEqual({ mediaId: seriesId, reason: 'user', force: true, profileId: featuretteId });
    // Season 2 is not monitored; the specials have no season slot; the kids-only clip profile does not apply to this item.
    expect((await api(`/api/v1/media/${seriesId}/slots/fetch`, { method: 'POST', json: { profileId: seasonId, season: 2 } })).status).toBe(404);
    expect((await api(`/api/v1/media/${seriesId}/slots/fetch`, { method: 'POST', json: { profileId: seasonId, season: 0 } })).status).toBe(404);
    const theme = await api(`/api/v1/media/${seriesId}/slots/fetch`, { method: 'POST', json: { profileId: themeId } });
    expect(theme.status).toBe(409);
    expect(await theme.json()).toMatchObject({ error: 'not_planned', message: expect.stringContaining('profile disabled') });
  });

  it('the main slot goes through the main trailer action: no profile in the payload', async () => {
    const res = await api(`/api/v1/media/${seriesId}/slots/fetch`, { method: 'POST', json: { profileId: mainId, replace: true } });
    expect(res.status).toBe(202);
    expect(await fetchJobs(seriesId)).toContainEqual({ mediaId: seriesId, reason: 'user', force: true });
    const [item] = await db().select().from(media).where(eq(media.id, seriesId));
    expect(item).toMatchObject({ trailerStatus: 'queued', statusReason: 'Requested by you' });
  });

  it('Delete file queues a trailer-delete naming the slot, the main one included; nothing to delete is 409', async () => {
    expect((await api(`/api/v1/media/${seriesId}/slots/delete`, { method: 'POST', json: { profileId: themeId } })).status).toBe(202);
    expect((await api(`/api/v1/media/${seriesId}/slots/delete`, { method: 'POST', json: { profileId: mainId, season: null } })).status).toBe(202);
    expect(await deleteJobs(seriesId)).toEqual(
      expect.arrayContaining([
        { mediaId: seriesId, reason: 'user', deleteMediaAfter: false, profileId: themeId },
        { mediaId: seriesId, reason: 'user', deleteMediaAfter: false, profileId: mainId },
      ]),
    );
    expect(await deleteJobs(seriesId)).toHaveLength(2);
    const none = await api(`/api/v1/media/${seriesId}/slots/delete`, { method: 'POST', json: { profileId: seasonId, season: 3 } });
    expect(none.status).toBe(409);
    expect(await none.json()).toMatchObject({ error: 'no_owned_file' });
  });

  it('refuses bodies that name no slot', async () => {
    for (const json of [{}, { profileId: 'x' }, { profileId: 0 }, { profileId: seasonId, season: -1 }, { profileId: seasonId, extra: 1 }]) {
      const res = await api(`/api/v1/media/${seriesId}/slots/fetch`, { method: 'POST', json });
      expect(res.status, JSON.stringify(json)).toBe(400);
    }
    expect((await api(`/api/v1/media/${seriesId}/slots/delete`, { method: 'POST', json: { profileId: seasonId, replace: true } })).status).toBe(400);
  });

  it('the item page shows the Files section, and its buttons queue the same jobs', async () => {
    const pages = await signedInPages(svc);
    const html = await (await pages.get(`/library/${seriesId}`)).text();
    expect(html).toContain('id="slots"');
    expect(html).not.toContain('Specials');
    expect(html).toContain('profile disabled — file kept');
    expect(html).toContain('/tv/Severance/Featurettes/Severance.mkv');
    const res = await pages.post(`/library/${seriesId}/slots/fetch`, { profileId: String(seasonId), season: '3', replace: 'false' });
    expect(res.status).toBe(200);
    const fragment = await res.text();
    expect(fragment).toMatch(/<tr data-profile-id="\d+" data-season="3" data-status="queued">/);
    expect(await fetchJobs(seriesId)).toContainEqual({ mediaId: seriesId, reason: 'user', force: false, profileId: seasonId, season: 3 });
    const bad = await pages.post(`/library/${seriesId}/slots/fetch`, { profileId: 'nope' });
    expect(bad.status).toBe(400);
    // While slots are queued and deletions wait, the section keeps refreshing itself.
    const polled = await (await pages.get(`/library/${seriesId}/slots`)).text();
    expect(polled).toMatch(/<section class="card" id="slots" hx-get="\/library\/\d+\/slots" hx-trigger="every 2s"/);
  });
});
