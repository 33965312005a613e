// Extra slots are planned and queued by the sync (backfill priority) and by an import: only for
// enabled profiles that apply (media kind, connection, tag), one per monitored season for a
// season-scoped profile, never twice, never for an unmonitored or excluded item.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertConnection } from '../../src/connections/connection-store.ts';
import { rowsOf } from '../../src/db/client.ts';
import { media, trailerProfiles } from '../../src/db/schema/index.ts';
import { writeSettings } from '../../src/db/settings-store.ts';
import { QUEUES } from '../../src/jobs/queues.ts';
import { readSlotPlanning } from '../../src/library/planned-slots.ts';
import { queueExtraSlots } from '../../src/library/slot-planning.ts';
import { syncLibrary, type SyncDeps } from '../../src/sync/library-sync.ts';
import { generateMovies, generateSeries } from '../support/fake-arr-data.ts';
import { startFakeRadarr, startFakeSonarr, type FakeArrServer } from '../support/fake-arr.ts';
import { testBackend } from '../support/test-db.ts';
import { startTestService, type TestService } from '../support/test-service.ts';

type SlotRow = { media_id: number; arr_id: number; profile_id: number; season: number | null; status: string };
type FetchJob = { mediaId: number; reason: string; profileId?: number; season?: number };

describe(`extra slots planned by sync and import (${testBackend})`, () => {
  let svc: TestService;
  let radarr: FakeArrServer;
  let sonarr: FakeArrServer;
  let deps: SyncDeps;
  let radarrId: number;
  let sonarrId: number;
  let featurette: number;
  let seasonTrailer: number;
  let theme: number;
  const movies = generateMovies(6, { rootFolder: '/nonexistent-previewarr-root/movies', seed: 3 });
  const series = generateSeries(2, { rootFolder: '/nonexistent-previewarr-root/tv', seed: 4 });

  const slots = async (): Promise<SlotRow[]> =>
    rowsOf<SlotRow>(
      await deps.db.execute(sql`select s.media_id, m.arr_id, s.profile_id, s.season, s.status from media_slots s
        join media m on m.id = s.media_id order by m.arr_id, s.profile_id, s.season nulls first`),
    ).map((row) => ({ ...row, media_id: Number(row.media_id) }));
  const slotJobs = async (): Promise<FetchJob[]> =>
    (await svc.boss.findJobs<FetchJob>(QUEUES.trailerFetch, { limit: 10_000 })).map((job) => job.data).filter((data) => data.profileId !== undefined);

  beforeAll(async () => {
    // Movies 1000–1005: all monitored, tags 1 ("4K") on the first two, 2 ("kids") on the third.
    for (const [index, movie] of movies.entries()) {
      movie['monitored'] = true;
      movie['tags'] = index < 2 ? [1] : index === 2 ? [2] : [];
    }
    for (const show of series) {
      show['monitored'] = true;
      show['seasons'] = [
        { seasonNumber: 0, monitored: false },
        { seasonNumber: 1, monitored: true },
        { seasonNumber: 2, monitored: true },
        { seasonNumber: 3, monitored: false },
      ];
    }
    radarr = await startFakeRadarr({ movies });
    radarr.tags = [
      { id: 1, label: '4K' },
      { id: 2, label: 'kids' },
    ];
    sonarr = await startFakeSonarr({ series });
    svc = await startTestService({ workers: () => [] });
    deps = { db: svc.deps.database.db, boss: svc.boss, logger: svc.deps.logger };
    await writeSettings(deps.db, { backfillPolicy: 'all' });
    radarrId = (await insertConnection(deps.db, { name: 'Radarr', kind: 'radarr', baseUrl: radarr.url, apiKey: radarr.apiKey })).id;
    sonarrId = (await insertConnection(deps.db, { name: 'Sonarr', kind: 'sonarr', baseUrl: sonarr.url, apiKey: sonarr.apiKey })).id;
    const profile = async (values: Partial<typeof trailerProfiles.$inferInsert> & { name: string }) =>
      (await deps.db.insert(trailerProfiles).values(values).returning({ id: trailerProfiles.id }))[0]?.id ?? 0;
    featurette = await profile({ name: 'Featurettes for 4K', kind: 'featurette', appliesTo: { mediaKinds: ['movie'], connectionIds: [radarrId], tags: ['4k'] } });
    seasonTrailer = await profile({ name: 'Season trailers', scope: 'season' });
    theme = await profile({ name: 'Themes for series', kind: 'theme-music', appliesTo: { mediaKinds: ['series'], connectionIds: [], tags: [] } });
    await profile({ name: 'Disabled teasers', kind: 'teaser', enabled: false });
  }, 120_000);
  afterAll(async () => {
    await svc?.stop();
    await radarr?.close();
    await sonarr?.close();
  });

  it('stores the tag labels and seasons, and queues only the slots whose profile applies', async () => {
    const synced = await syncLibrary(deps, radarrId);
    if (!synced.ok) throw new Error(synced.message);
    expect(synced.report.extrasQueued).toBe(2);
    const stored = await deps.db.select({ arrId: media.arrId, tags: media.tags }).from(media).where(eq(media.connectionId, radarrId));
    expect(stored.sort((a, b) => a.arrId - b.arrId).map((row) => row.tags)).toEqual([['4K'], ['4K'], ['kids'], [], [], []]);
    expect(await slots()).toEqual([
      expect.objectContaining({ arr_id: 1000, profile_id: featurette, season: null, status: 'queued' }),
      expect.objectContaining({ arr_id: 1001, profile_id: featurette, season: null, status: 'queued' }),
    ]);
    const jobs = await slotJobs();
    expect(jobs.map((job) => [job.profileId, job.season, job.reason])).toEqual([
      [featurette, undefined, 'backfill'],
      [featurette, undefined, 'backfill'],
    ]);
  });

  it('gives a series a theme slot and one season-trailer slot per monitored season', async () => {
    const synced = await syncLibrary(deps, sonarrId);
    if (!synced.ok) throw new Error(synced.message);
    expect(synced.report.extrasQueued).toBe(2 * 3);
    const seriesSlots = (await slots()).filter((row) => row.arr_id >= 1000 && row.profile_id !== featurette);
    expect(seriesSlots.map((row) => [row.profile_id, row.season])).toEqual([
      [seasonTrailer, 1],
      [seasonTrailer, 2],
      [theme, null],
      [seasonTrailer, 1],
      [seasonTrailer, 2],
      [theme, null],
    ]);
  });

  it('never queues a slot twice: a second sync finds them queued', async () => {
    const before = (await slotJobs()).length;
    const again = await syncLibrary(deps, radarrId);
    const againSeries = await syncLibrary(deps, sonarrId);
    if (!again.ok || !againSeries.ok) throw new Error('sync failed');
    expect(again.report.extrasQueued + againSeries.report.extrasQueued).toBe(0);
    expect((await slotJobs()).length).toBe(before);
  });

  it('skips items that are excluded or not monitored for trailers', async () => {
    await deps.db.execute(sql`delete from media_slots`);
    const [first, second] = await deps.db.select().from(media).where(eq(media.connectionId, radarrId)).orderBy(media.arrId).limit(2);
    if (!first || !second) throw new Error('movies not stored');
    await deps.db.update(media).set({ excludedReason: 'not wanted' }).where(eq(media.id, first.id));
    await deps.db.update(media).set({ trailerMonitored: false }).where(eq(media.id, second.id));
    const queued = await deps.db.transaction(async (tx) => queueExtraSlots(svc.boss, tx, [first, second], 'import', await readSlotPlanning(tx)));
    expect(queued).toBe(0);
    expect((await slots()).map((row) => row.status)).toEqual(['missing', 'missing']);
  });
});
