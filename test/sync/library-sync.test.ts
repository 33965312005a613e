import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertConnection } from '../../src/connections/connection-store.ts';
import { rowsOf } from '../../src/db/client.ts';
import { writeSettings } from '../../src/db/settings-store.ts';
import { PRIORITY, QUEUES } from '../../src/jobs/queues.ts';
import { syncLibrary, type SyncDeps } from '../../src/sync/library-sync.ts';
import { generateMovies, generateSeries, type JsonObject } from '../support/fake-arr-data.ts';
import { startFakeRadarr, startFakeSonarr, type FakeArrServer } from '../support/fake-arr.ts';
import { testBackend } from '../support/test-db.ts';
import { startTestService, type TestService } from '../support/test-service.ts';

type MediaRow = {
  id: number;
  arr_id: number;
  title: string;
  year: number | null;
  folder_path: string;
  movie_file_relative_path: string | null;
  tmdb_id: number | null;
  imdb_id: string | null;
  tvdb_id: number | null;
  youtube_trailer_id: string | null;
  monitored: boolean;
  has_file: boolean;
  trailer_status: string;
  removed_at: unknown;
  poster_remote_url: string | null;
  poster_path: string | null;
};

const MOVIES = 10_000;
// Contents are asserted, never time; a loaded 2-core machine must not fail the suite.
const SLOW = { timeout: 300_000 };

describe(`library sync of ${MOVIES} movies (${testBackend})`, () => {
  let svc: TestService;
  let radarr: FakeArrServer;
  let deps: SyncDeps;
  let connectionId: number;
  const movies = generateMovies(MOVIES, { rootFolder: '/nonexistent-previewarr-root/movies', seed: 7 });

  const rows = async (where = sql`true`): Promise<MediaRow[]> =>
    rowsOf<MediaRow>(await deps.db.execute(sql`select * from media where connection_id = ${connectionId} and ${where} order by arr_id`)).map(
      (row) => ({ ...row, id: Number(row.id) }),
    );
  const count = async (where = sql`true`): Promise<number> =>
    Number(rowsOf<{ n: number }>(await deps.db.execute(sql`select count(*)::int as n from media where connection_id = ${connectionId} and ${where}`))[0]?.n);
  const backfillJobs = async () => svc.boss.findJobs<{ mediaId: number; reason: string }>(QUEUES.trailerFetch, { limit: 100_000 });

  beforeAll(async () => {
    radarr = await startFakeRadarr({ movies, urlBase: '/radarr' });
    svc = await startTestService({ workers: () => [] });
    deps = { db: svc.deps.database.db, boss: svc.boss, logger: svc.deps.logger };
    const connection = await insertConnection(deps.db, { name: 'Radarr', kind: 'radarr', baseUrl: radarr.url, apiKey: radarr.apiKey });
    connectionId = connection.id;
  }, 300_000);
  afterAll(async () => {
    await svc?.stop();
    await radarr?.close();
  });

  it('stores every movie with the fields the Arr reported', SLOW, async () => {
    const outcome = await syncLibrary(deps, connectionId);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.report).toMatchObject({ listed: MOVIES, added: MOVIES, updated: 0, unchanged: 0, removed: 0, skipped: [] });
    expect(await count()).toBe(MOVIES);

    const stored = await rows();
    expect(stored.map((row) => row.arr_id)).toEqual(movies.map((movie) => movie['id']));
    for (const [index, row] of stored.entries()) {
      const movie = movies[index] as JsonObject;
      const expected = {
        title: movie['title'],
        year: movie['year'],
        folder_path: movie['path'],
        movie_file_relative_path: movie['hasFile'] ? movie['movieFile'].relativePath : null,
        tmdb_id: movie['tmdbId'],
        imdb_id: movie['imdbId'],
        tvdb_id: null,
        // Radarr writes "" or omits it when there is none.
        youtube_trailer_id: movie['youTubeTrailerId'] || null,
        monitored: movie['monitored'],
        has_file: movie['hasFile'],
        removed_at: null,
        poster_remote_url: `https://image.tmdb.org/t/p/original/${movie['id']}.jpg`,
        poster_path: `/MediaCover/${movie['id']}/poster.jpg`,
      };
      expect(row).toMatchObject(expected);
    }
    // The generator's mix is what makes the assertions above meaningful.
    expect(stored.filter((row) => !row.has_file).length).toBeGreaterThan(500);
    expect(stored.filter((row) => row.youtube_trailer_id === null).length).toBeGreaterThan(500);
  });

  it('queues a backfill fetch for each monitored movie, once, at backfill priority', SLOW, async () => {
    const monitored = movies.filter((movie) => movie['monitored']).length;
    expect(monitored).toBeLessThan(MOVIES);
    const jobs = await backfillJobs();
    expect(jobs).toHaveLength(monitored);
    expect(new Set(jobs.map((job) => job.data.mediaId)).size).toBe(monitored);
    expect(jobs.every((job) => job.data.reason === 'backfill' && job.priority === PRIORITY.backfill)).toBe(true);
    const queued = await rows(sql`trailer_status = 'queued'`);
    expect(queued.map((row) => row.id).sort((a, b) => a - b)).toEqual(jobs.map((job) => job.data.mediaId).sort((a, b) => a - b));
    expect(queued.every((row) => row.monitored)).toBe(true);
    expect(await count(sql`trailer_status = 'missing'`)).toBe(MOVIES - monitored);
  });

  it('a second sync of an unchanged library writes nothing and queues nothing again', SLOW, async () => {
    const before = await backfillJobs();
    const outcome = await syncLibrary(deps, connectionId);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.report).toMatchObject({ listed: MOVIES, added: 0, updated: 0, unchanged: MOVIES, removed: 0, backfillQueued: 0 });
    expect(await backfillJobs()).toHaveLength(before.length);
  });

  it('marks movies gone from Radarr as removed, updates changed ones, and re-lists returning ones', SLOW, async () => {
    const [gone1, gone2, changed] = [10, 20, 30].map((index) => movies[index] as JsonObject) as [JsonObject, JsonObject, JsonObject];
    radarr.remove(gone1['id']);
    radarr.remove(gone2['id']);
    // A new poster in Radarr (its lastWrite changes) is an update like any other fact.
    radarr.patch(changed['id'], { title: 'A New Title', monitored: false, images: [{ coverType: 'poster', url: `/MediaCover/${changed['id']}/poster.jpg?lastWrite=9` }] });
    const outcome = await syncLibrary(deps, connectionId);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.report).toMatchObject({ listed: MOVIES - 2, added: 0, updated: 1, removed: 2 });
    const removed = await rows(sql`removed_at is not null`);
    expect(removed.map((row) => row.arr_id)).toEqual([gone1['id'], gone2['id']]);
    expect((await rows(sql`arr_id = ${changed['id']}`))[0]).toMatchObject({
      title: 'A New Title',
      monitored: false,
      removed_at: null,
      poster_path: `/MediaCover/${changed['id']}/poster.jpg?lastWrite=9`,
      poster_remote_url: null,
    });

    radarr.upsert(gone1);
    const again = await syncLibrary(deps, connectionId);
    if (!again.ok) throw new Error(again.message);
    expect(again.report).toMatchObject({ updated: 1, removed: 0 });
    expect((await rows(sql`arr_id = ${gone1['id']}`))[0]?.removed_at).toBeNull();
    expect(await count(sql`removed_at is not null`)).toBe(1);
  });

  it('a wider backfill policy queues the rest on the next sync, still once per item', SLOW, async () => {
    await writeSettings(deps.db, { backfillPolicy: 'all' });
    const outcome = await syncLibrary(deps, connectionId);
    if (!outcome.ok) throw new Error(outcome.message);
    const jobs = await backfillJobs();
    const ids = jobs.map((job) => job.data.mediaId);
    expect(new Set(ids).size).toBe(ids.length);
    // Every live item is queued now; the one removed item is not.
    expect(await count(sql`trailer_status = 'missing' and removed_at is null`)).toBe(0);
    expect(await count(sql`trailer_status = 'queued'`)).toBe(ids.length);
    expect(outcome.report.backfillQueued).toBeGreaterThan(0);
  });

  it('records the sync on the connection', SLOW, async () => {
    const [row] = rowsOf<{ health: { ok: boolean; message: string }; last_sync_at: unknown; root_folders: unknown[] }>(
      await deps.db.execute(sql`select health, last_sync_at, root_folders from connections where id = ${connectionId}`),
    );
    expect(row?.health.ok).toBe(true);
    expect(row?.health.message).toMatch(/^Synced 9999 movies: /);
    expect(row?.health.message).toContain('Connected to Radarr 6.0.3.10276');
    expect(row?.last_sync_at).not.toBeNull();
    expect(row?.root_folders).toHaveLength(2);
  });
});

describe(`library sync of Sonarr series (${testBackend})`, () => {
  let svc: TestService;
  let sonarr: FakeArrServer;

  beforeAll(async () => {
    sonarr = await startFakeSonarr({ series: generateSeries(300, { rootFolder: '/nonexistent-previewarr-root/tv', seed: 3 }) });
    svc = await startTestService({ workers: () => [] });
  });
  afterAll(async () => {
    await svc?.stop();
    await sonarr?.close();
  });

  it('stores series with tvdb ids and "has files" from the episode count', async () => {
    const db = svc.deps.database.db;
    const connection = await insertConnection(db, { name: 'Sonarr', kind: 'sonarr', baseUrl: sonarr.url, apiKey: sonarr.apiKey });
    await writeSettings(db, { backfillPolicy: 'with-files' });
    const outcome = await syncLibrary({ db, boss: svc.boss, logger: svc.deps.logger }, connection.id);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.report).toMatchObject({ kind: 'series', listed: 300, added: 300 });
    const stored = rowsOf<MediaRow & { kind: string }>(await db.execute(sql`select * from media order by arr_id`));
    const series = [...sonarr.items.values()];
    expect(stored).toHaveLength(300);
    for (const [index, row] of stored.entries()) {
      const item = series[index] as JsonObject;
      expect(row).toMatchObject({
        kind: 'series',
        arr_id: item['id'],
        title: item['title'],
        folder_path: item['path'],
        tvdb_id: item['tvdbId'],
        movie_file_relative_path: null,
        has_file: item['statistics'].episodeFileCount > 0,
      });
    }
    const withFiles = stored.filter((row) => row.has_file).length;
    expect(withFiles).toBeLessThan(300);
    expect(outcome.report.backfillQueued).toBe(withFiles);
  });
});
