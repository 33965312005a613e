// Stale slot rows: after a profile's scope changes (tags, media kinds, disabled, deleted, per
// season) or the sync or an import webhook sees an item's tags change, the `media_slots` rows the plan no longer gives
// are pruned, so the library's "missing <kind>" filter and its count match the plan. A row whose
// slot holds a file of ours stays (as had) and the file stays on disk, as deleting a profile keeps
// its files.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProfile, deleteProfile, updateProfile } from '../../src/admin/profiles.ts';
import { insertConnection } from '../../src/connections/connection-store.ts';
import { rowsOf } from '../../src/db/client.ts';
import { connections, media, trailers } from '../../src/db/schema/index.ts';
import { writeSettings } from '../../src/db/settings-store.ts';
import { syncLibrary, type SyncDeps } from '../../src/sync/library-sync.ts';
import { apiClient } from '../ui/api-client.ts';
import { generateMovies, generateSeries } from '../support/fake-arr-data.ts';
import { startFakeRadarr, startFakeSonarr, type FakeArrServer } from '../support/fake-arr.ts';
import { testBackend } from '../support/test-db.ts';
import type { JsonObject } from '../support/fake-arr-data.ts';
import { fixture, processEvent, send } from '../inbox/webhook-test-kit.ts';
import { startTestService, type TestService } from '../support/test-service.ts';

type SlotRow = { arr_id: number; kind: string; profile_id: number; season: number | null; status: string };

describe(`stale slot rows are pruned (${testBackend})`, () => {
  let svc: TestService;
  let radarr: FakeArrServer;
  let sonarr: FakeArrServer;
  let deps: SyncDeps;
  let radarrId: number;
  let sonarrId: number;
  let tmp: string;
  const ids: Record<string, number> = {};
  const movies = generateMovies(4, { rootFolder: '/nonexistent-previewarr-root/movies', seed: 21, startId: 2000 });
  const series = generateSeries(1, { rootFolder: '/nonexistent-previewarr-root/tv', seed: 22 });

  const slots = async (profileId: number): Promise<SlotRow[]> =>
    rowsOf<SlotRow>(
      await deps.db.execute(sql`select m.arr_id, m.kind, s.profile_id, s.season, s.status from media_slots s join media m on m.id = s.media_id
        where s.profile_id = ${profileId} order by m.kind, m.arr_id, s.season nulls first`),
    ).map((row) => ({ ...row, arr_id: Number(row.arr_id) }));
  /** The library's "missing <kind>" filter and count, through the API. */
  const missing = async (kind: string) => {
    const res = await apiClient(svc)(`/api/v1/media?missing=${kind}&pageSize=100`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { total: number }).total;
  };
  const sync = async (connectionId: number) => {
    const synced = await syncLibrary(deps, connectionId);
    if (!synced.ok) throw new Error(synced.message);
    return synced.report;
  };
  const profile = async (input: Record<string, unknown>) => {
    const result = await createProfile(deps.db, input);
    if (!result.ok) throw new Error(result.message);
    return result.profile.id;
  };
  const update = async (id: number, input: Record<string, unknown>) => {
    const result = await updateProfile(deps.db, id, input);
    if (!result.ok) throw new Error(result.message);
    return result.profile;
  };

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'previewarr-prune-'));
    // Movies 2000–2003, all monitored; 2000 and 2001 tagged "4K".
    for (const [index, movie] of movies.entries()) {
      movie['monitored'] = true;
      movie['tags'] = index < 2 ? [1] : [];
    }
    for (const show of series) {
      show['monitored'] = true;
      show['seasons'] = [
        { seasonNumber: 1, monitored: true },
        { seasonNumber: 2, monitored: true },
      ];
    }
    radarr = await startFakeRadarr({ movies });
    radarr.tags = [{ id: 1, label: '4K' }];
    sonarr = await startFakeSonarr({ series });
    svc = await startTestService({ workers: () => [] });
    deps = { db: svc.deps.database.db, boss: svc.boss, logger: svc.deps.logger };
    await writeSettings(deps.db, { backfillPolicy: 'all' });
    radarrId = (await insertConnection(deps.db, { name: 'Radarr', kind: 'radarr', baseUrl: radarr.url, apiKey: radarr.apiKey })).id;
    sonarrId = (await insertConnection(deps.db, { name: 'Sonarr', kind: 'sonarr', baseUrl: sonarr.url, apiKey: sonarr.apiKey })).id;
    ids['featurette'] = await profile({ name: 'Featurettes for 4K', kind: 'featurette', appliesTo: { mediaKinds: ['movie'], tags: ['4k'] } });
    ids['theme'] = await profile({ name: 'Themes', kind: 'theme-music' });
    ids['teaser'] = await profile({ name: 'Season teasers', kind: 'teaser', scope: 'season', appliesTo: { mediaKinds: ['series'] } });
    await sync(radarrId);
    await sync(sonarrId);
  }, 120_000);
  afterAll(async () => {
    await svc?.stop();
    await radarr?.close();
    await sonarr?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('plans the slots first: featurettes for the 4K movies, theme music for all, a teaser per season', async () => {
    expect((await slots(ids['featurette']!)).map((row) => row.arr_id)).toEqual([2000, 2001]);
    expect(await slots(ids['theme']!)).toHaveLength(5);
    expect((await slots(ids['teaser']!)).map((row) => row.season)).toEqual([1, 2]);
    expect(await missing('featurette')).toBe(2);
    expect(await missing('theme-music')).toBe(5);
    expect(await missing('teaser')).toBe(1);
  });

  it('a tag change of the profile prunes the rows it no longer plans, keeping the one with a file of ours', async () => {
    // 2000's featurette is placed: a file of ours on disk, its slot had.
    const [first] = await deps.db.select({ id: media.id }).from(media).where(sql`${media.connectionId} = ${radarrId} and ${media.arrId} = 2000`);
    const file = path.join(tmp, 'First-featurette.mkv');
    await writeFile(file, 'our featurette');
    await deps.db.insert(trailers).values({ mediaId: first!.id, profileId: ids['featurette']!, path: file, sizeBytes: 14, mtimeMs: 1, sourceUrl: 'http://127.0.0.1/x', state: 'present' });
    await deps.db.execute(sql`update media_slots set status = 'needs-attention' where media_id = ${first!.id} and profile_id = ${ids['featurette']!}`);

    await update(ids['featurette']!, { appliesTo: { tags: ['kids'] } });
    // 2001's row (no file of ours) is gone; 2000's stays, as had, and its file is untouched.
    expect(await slots(ids['featurette']!)).toEqual([{ arr_id: 2000, kind: 'movie', profile_id: ids['featurette'], season: null, status: 'have' }]);
    expect(await readFile(file, 'utf8')).toBe('our featurette');
    expect(await missing('featurette')).toBe(0);
    // Back to 4K: the sync plans 2001's slot again.
    await update(ids['featurette']!, { appliesTo: { tags: ['4K'] } });
    expect((await sync(radarrId)).extrasQueued).toBe(1);
    expect(await missing('featurette')).toBe(1);
  });

  it('a media-kind change and a switched-off profile prune their rows', async () => {
    await update(ids['theme']!, { appliesTo: { mediaKinds: ['series'] } });
    expect((await slots(ids['theme']!)).map((row) => row.kind)).toEqual(['series']);
    expect(await missing('theme-music')).toBe(1);
    await update(ids['theme']!, { enabled: false });
    expect(await slots(ids['theme']!)).toEqual([]);
    expect(await missing('theme-music')).toBe(0);
  });

  it('a per-season profile made whole-item prunes the season rows; a deleted profile takes its rows', async () => {
    await update(ids['teaser']!, { scope: 'item' });
    expect(await slots(ids['teaser']!)).toEqual([]);
    expect(await missing('teaser')).toBe(0);
    expect((await sync(sonarrId)).extrasQueued).toBe(1);
    expect((await slots(ids['teaser']!)).map((row) => row.season)).toEqual([null]);
    expect((await deleteProfile(deps.db, ids['teaser']!)).ok).toBe(true);
    expect(await slots(ids['teaser']!)).toEqual([]);
    expect(await missing('teaser')).toBe(0);
  });

  it("the sync prunes an item's slot when its tags change in the Arr", async () => {
    expect((await slots(ids['featurette']!)).map((row) => row.arr_id)).toEqual([2000, 2001]);
    radarr.items.get(2001)!['tags'] = [];
    await sync(radarrId);
    expect((await slots(ids['featurette']!)).map((row) => row.arr_id)).toEqual([2000]);
    expect(await missing('featurette')).toBe(0);
  });

  it('the sync also prunes a slot whose item a webhook re-tagged before it (no change left to see)', async () => {
    radarr.items.get(2001)!['tags'] = [1];
    await sync(radarrId);
    expect((await slots(ids['featurette']!)).map((row) => row.arr_id)).toEqual([2000, 2001]);
    // An import webhook stored the Arr's new tags already: the sync reads the same tags.
    radarr.items.get(2001)!['tags'] = [];
    await deps.db.update(media).set({ tags: [] }).where(sql`${media.connectionId} = ${radarrId} and ${media.arrId} = 2001`);
    expect(await missing('featurette')).toBe(1);
    await sync(radarrId);
    expect((await slots(ids['featurette']!)).map((row) => row.arr_id)).toEqual([2000]);
    expect(await missing('featurette')).toBe(0);
  });

  it('an import webhook that brings new tags prunes at once, before any sync', async () => {
    radarr.items.get(2002)!['tags'] = [1];
    await sync(radarrId);
    expect((await slots(ids['featurette']!)).map((row) => row.arr_id)).toEqual([2000, 2002]);
    expect(await missing('featurette')).toBe(1);
    // A root visible here, so the webhook gets as far as recording the item.
    await deps.db.update(connections).set({ pathMappings: [{ remotePrefix: '/nonexistent-previewarr-root/movies', localPrefix: tmp }] }).where(eq(connections.id, radarrId));
    const movie = radarr.items.get(2002)!;
    movie['tags'] = [];
    const body = fixture('radarr', 'webhook-movie-added');
    body['movie'] = { ...(body['movie'] as JsonObject), id: 2002, title: movie['title'], year: movie['year'], folderPath: movie['path'], tmdbId: movie['tmdbId'], tags: [] };
    const reply = await send(svc, 'radarr', body);
    expect(reply.status).toBe(202);
    // The movie's folder is not there (it waits for it), but the item is recorded with its tags.
    const processed = await processEvent(svc, Number((JSON.parse(reply.text) as { eventId: number }).eventId));
    expect(processed).toMatchObject({ state: 'deferred', summary: expect.stringMatching(/^updated .*; waiting for its folder: /) });
    // 2000's row holds a file of ours: it stays, as had.
    expect((await slots(ids['featurette']!)).map((row) => row.arr_id)).toEqual([2000]);
    expect(await missing('featurette')).toBe(0);
  });
});
