import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnection } from '../../src/connections/connection-actions.ts';
import { createConnectionSchema } from '../../src/connections/connection-input.ts';
import { rowsOf } from '../../src/db/client.ts';
import { writeSettings } from '../../src/db/settings-store.ts';
import { QUEUES } from '../../src/jobs/queues.ts';
import { overdueConnections, rescheduleReconcile } from '../../src/sync/reconcile.ts';
import { syncJobWorkers } from '../../src/sync/sync-workers.ts';
import { generateMovies, type JsonObject } from '../support/fake-arr-data.ts';
import { startFakeRadarr, type FakeArrServer } from '../support/fake-arr.ts';
import { createTestDatabase, testBackend, type TestDatabase } from '../support/test-db.ts';
import { startTestService, type TestService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';

type MediaRow = { id: number; arr_id: number; trailer_status: string; removed_at: unknown };

describe(`reconcile (${testBackend})`, () => {
  let database: TestDatabase;
  let svc: TestService;
  let radarr: FakeArrServer;
  let connectionId: number;
  const movies = generateMovies(8, { rootFolder: '/nonexistent-previewarr-root/movies', seed: 5 }).map((movie) => ({ ...movie, monitored: true }));

  const db = () => svc.deps.database.db;
  const media = async (): Promise<MediaRow[]> =>
    rowsOf<MediaRow>(await db().execute(sql`select id, arr_id, trailer_status, removed_at from media order by arr_id`)).map((row) => ({ ...row, id: Number(row.id) }));
  const start = () => startTestService({ database, workers: (deps) => syncJobWorkers(deps) });
  /** Waits for every library-sync job to finish (this suite runs no other workers that could). */
  const settled = () =>
    waitFor(async () => {
      const jobs = await svc.boss.findJobs(QUEUES.librarySync, { limit: 1000 });
      return jobs.length > 0 && jobs.every((job) => job.state === 'completed') ? jobs : undefined;
    }, { what: 'library syncs to complete' });

  beforeAll(async () => {
    radarr = await startFakeRadarr({ movies });
    database = await createTestDatabase('reconcile');
    svc = await start();
    const input = createConnectionSchema.parse({ name: 'Radarr', kind: 'radarr', baseUrl: radarr.url, apiKey: radarr.apiKey });
    const created = await createConnection({ database: svc.deps.database, boss: svc.boss, logger: svc.deps.logger }, input);
    if (!created.ok) throw new Error(created.message);
    connectionId = created.connection.id;
  });
  afterAll(async () => {
    await svc?.stop();
    await database?.drop();
    await radarr?.close();
  });

  it('a new connection is synced by the library-sync worker', async () => {
    await settled();
    expect(await media()).toHaveLength(8);
    const jobs = await svc.boss.findJobs(QUEUES.trailerFetch, { limit: 100 });
    expect(jobs).toHaveLength(8);
  });

  it('after missed webhooks, a scheduled reconcile queues exactly the missing work', async () => {
    const before = await media();
    const [renamed, deleted] = [before[0], before[1]] as [MediaRow, MediaRow];
    // The pipeline placed a trailer for the first movie.
    await db().execute(sql`update media set trailer_status = 'have' where id = ${renamed.id}`);
    await db().execute(sql`insert into trailers (media_id, path, size_bytes, mtime_ms, source_url)
      values (${renamed.id}, '/nonexistent-previewarr-root/movies/x-trailer.mkv', 1, 1, 'http://example.invalid/v')`);
    const fetchBefore = new Set((await svc.boss.findJobs(QUEUES.trailerFetch, { limit: 100 })).map((job) => job.id));
    const syncsBefore = new Set((await svc.boss.findJobs(QUEUES.librarySync, { limit: 100 })).map((job) => job.id));

    // What happened in Radarr while no webhook got through: one import, one rename, one delete.
    const added = generateMovies(1, { rootFolder: '/nonexistent-previewarr-root/movies', startId: 5000, seed: 9 })[0] as JsonObject;
    radarr.upsert({ ...added, monitored: true, hasFile: true });
    const original = radarr.items.get(renamed.arr_id) as JsonObject;
    const movieFile = { id: 77, movieId: renamed.arr_id, relativePath: 'Renamed {imdb-tt1}.mkv', path: `${original['path']}/Renamed {imdb-tt1}.mkv` };
    radarr.patch(renamed.arr_id, { movieFile, hasFile: true });
    radarr.remove(deleted.arr_id);

    await svc.boss.send(QUEUES.reconcile, { trigger: 'schedule' });
    const syncs = await waitFor(async () => {
      const jobs = (await svc.boss.findJobs(QUEUES.librarySync, { limit: 100 })).filter((job) => !syncsBefore.has(job.id));
      return jobs.length === 1 && jobs[0]?.state === 'completed' ? jobs : undefined;
    }, { what: 'the reconcile to run its library sync' });
    expect(syncs[0]?.data).toEqual({ connectionId, reason: 'schedule' });

    const after = await media();
    const addedRow = after.find((row) => row.arr_id === added['id']);
    const newFetches = (await svc.boss.findJobs<{ mediaId: number; reason: string }>(QUEUES.trailerFetch, { limit: 100 })).filter((job) => !fetchBefore.has(job.id));
    expect(newFetches.map((job) => job.data)).toEqual([{ mediaId: addedRow?.id, reason: 'backfill' }]);
    const renames = await svc.boss.findJobs<{ mediaId: number }>(QUEUES.trailerRename, { limit: 100 });
    expect(renames.map((job) => job.data)).toEqual([{ mediaId: renamed.id }]);
    expect(after.find((row) => row.arr_id === deleted.arr_id)?.removed_at).not.toBeNull();
    expect(after.filter((row) => row.removed_at !== null)).toHaveLength(1);
    expect(await svc.boss.findJobs(QUEUES.trailerDelete, { limit: 100 })).toEqual([]);
  });

  it('keeps one schedule that follows the interval setting (0 turns it off)', async () => {
    const schedules = await svc.boss.getSchedules(QUEUES.reconcile);
    expect(schedules.map((schedule) => [schedule.cron, schedule.data])).toEqual([['FREQ=HOURLY;INTERVAL=6', { trigger: 'schedule' }]]);
    await writeSettings(db(), { reconcileIntervalHours: 48 });
    expect(await rescheduleReconcile({ database: svc.deps.database, boss: svc.boss })).toBe(48);
    expect((await svc.boss.getSchedules(QUEUES.reconcile)).map((schedule) => schedule.cron)).toEqual(['FREQ=HOURLY;INTERVAL=48']);
    await writeSettings(db(), { reconcileIntervalHours: 0 });
    await rescheduleReconcile({ database: svc.deps.database, boss: svc.boss });
    expect(await svc.boss.getSchedules(QUEUES.reconcile)).toEqual([]);
    await writeSettings(db(), { reconcileIntervalHours: 6 });
    await rescheduleReconcile({ database: svc.deps.database, boss: svc.boss });
  });

  it('a connection is overdue once its last sync is older than the interval', async () => {
    expect(await overdueConnections(db())).toEqual([]);
    // 7 hours later, with the 6-hour interval, it is overdue.
    expect(await overdueConnections(db(), new Date(Date.now() + 7 * 3_600_000))).toEqual([connectionId]);
  });

  it('after downtime longer than the interval, the restarted service syncs at once', async () => {
    await settled();
    await svc.stopService();
    // The service was down for a day: the last sync is older than the 6-hour interval.
    const offline = await startTestService({ database, workers: () => [] });
    await offline.deps.database.db.execute(sql`update connections set last_sync_at = now() - interval '1 day'`);
    const offlineStartJobs = (await offline.boss.findJobs<{ reason: string }>(QUEUES.librarySync, { limit: 100 })).filter((job) => job.data.reason === 'start');
    await offline.stopService();

    svc = await start();
    const synced = await waitFor(async () => {
      const jobs = (await svc.boss.findJobs<{ connectionId: number; reason: string }>(QUEUES.librarySync, { limit: 100 })).filter(
        (job) => job.data.reason === 'start' && job.state === 'completed',
      );
      return jobs.length > offlineStartJobs.length ? jobs : undefined;
    }, { what: 'the start-up sync' });
    expect(synced.at(-1)?.data.connectionId).toBe(connectionId);
    const [row] = rowsOf<{ recent: boolean }>(await db().execute(sql`select last_sync_at > now() - interval '1 hour' as recent from connections`));
    expect(row?.recent).toBe(true);
  });

  it('a sync that fails on a passing Arr error is retried; a wrong key is not', async () => {
    radarr.fail({ mode: 'status', status: 503, path: '/api/v3/movie' });
    const retried = await svc.boss.send(QUEUES.librarySync, { connectionId, reason: 'manual' });
    await waitFor(async () => (await svc.boss.findJobs(QUEUES.librarySync, { id: retried! }))[0]?.state === 'retry', { what: 'the 503 sync to await a retry' });
    await svc.boss.cancel(QUEUES.librarySync, retried!);
    radarr.clearFailures();

    radarr.fail({ mode: 'status', status: 401 });
    const refused = await svc.boss.send(QUEUES.librarySync, { connectionId, reason: 'manual' });
    await waitFor(async () => (await svc.boss.findJobs(QUEUES.librarySync, { id: refused! }))[0]?.state === 'completed', { what: 'the 401 sync to finish' });
    radarr.clearFailures();
    const [row] = rowsOf<{ health: { ok: boolean; message: string } }>(await db().execute(sql`select health from connections`));
    expect(row?.health).toMatchObject({ ok: false, message: expect.stringMatching(/API key rejected/) });
  });
});
