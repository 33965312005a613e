import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertConnection } from '../../src/connections/connection-store.ts';
import { rowsOf } from '../../src/db/client.ts';
import { writeSettings } from '../../src/db/settings-store.ts';
import { QUEUES } from '../../src/jobs/queues.ts';
import { REASON_DELETED_RESPECT } from '../../src/sync/trailer-decision.ts';
import { syncLibrary, type SyncDeps } from '../../src/sync/library-sync.ts';
import type { JsonObject } from '../support/fake-arr-data.ts';
import { startFakeRadarr, type FakeArrServer } from '../support/fake-arr.ts';
import { testBackend } from '../support/test-db.ts';
import { startTestService, type TestService } from '../support/test-service.ts';

type Row = { id: number; title: string; trailer_status: string; external_trailer_path: string | null; status_reason: string | null };

/** A movie as GET /api/v3/movie lists it, in Radarr's own path space (/movies/...). */
function movie(id: number, title: string, relativePath: string | null): JsonObject {
  const path = `/movies/${title} (2001)`;
  return {
    id,
    title,
    year: 2001,
    path,
    monitored: true,
    hasFile: relativePath !== null,
    tmdbId: 100 + id,
    ...(relativePath ? { movieFile: { id: id * 10, movieId: id, relativePath, path: `${path}/${relativePath}` } } : {}),
  };
}

/** Every file under `dir` with its size and mtime: what "never touched" is checked against. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const info = statSync(full);
    out[full.slice(dir.length)] = `${info.size}@${info.mtimeMs}`;
  }
  return out;
}

// Files of ours recorded in the main trailer's slot (the main profile, when there is one).
const MAIN_PROFILE = sql`(select id from trailer_profiles order by is_default desc, id limit 1)`;

describe(`existing trailers on disk (${testBackend})`, () => {
  let svc: TestService;
  let radarr: FakeArrServer;
  let deps: SyncDeps;
  let connectionId: number;
  let root: string;
  const local = (title: string, ...rest: string[]) => join(root, 'movies', `${title} (2001)`, ...rest);
  const put = (path: string, bytes = 'x') => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, bytes);
  };
  const rows = async (): Promise<Record<string, Row>> =>
    Object.fromEntries(
      rowsOf<Row>(await deps.db.execute(sql`select id, title, trailer_status, external_trailer_path, status_reason from media order by arr_id`)).map(
        (row) => [row.title, { ...row, id: Number(row.id) }],
      ),
    );
  const fetchJobs = async () => svc.boss.findJobs<{ mediaId: number; reason: string }>(QUEUES.trailerFetch, { limit: 1000 });
  const sync = async () => {
    const before = tree(root);
    const outcome = await syncLibrary(deps, connectionId);
    if (!outcome.ok) throw new Error(outcome.message);
    // Reconcile only ever reads the media folders.
    expect(tree(root)).toEqual(before);
    return outcome.report;
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'previewarr-external-'));
    put(local('Alpha', 'Alpha (2001) Bluray-1080p.mkv'), 'movie');
    put(local('Alpha', 'Alpha (2001) Bluray-1080p-trailer.mp4'), 'their trailer');
    put(local('Bravo', 'Bravo (2001).mkv'), 'movie');
    put(local('Bravo', 'trailers', 'Official Trailer #1.mkv'), 'their trailer');
    put(local('Charlie', 'Charlie (2001).mkv'), 'movie');
    put(local('Charlie', 'Charlie (2001)-trailer.srt'), 'subtitles are not a trailer');
    put(local('Charlie', 'poster.jpg'), 'image');
    put(local('Charlie', '.Charlie (2001)-trailer.mkv.previewarr-partial'), 'a partial download is not a trailer');
    put(local('Delta', 'Extras', 'Delta (2001).mkv'), 'movie in a sub-folder');
    put(local('Delta', 'Extras', 'Delta (2001)-trailer.webm'), 'their trailer');
    // Echo has no folder here at all.
    put(local('Foxtrot', 'Foxtrot (2001).mkv'), 'movie');
    put(local('Golf', 'Golf (2001).mkv'), 'movie');
    put(local('Hotel', 'Hotel (2001).mkv'), 'movie');
    put(local('India', 'India (2001).mkv'), 'movie');
    put(local('India', 'India (2001)-trailer.mkv'), 'their trailer');
    put(local('Juliett', 'Trailer.mkv'), 'a movie file that happens to be named like a trailer');

    radarr = await startFakeRadarr({
      movies: [
        movie(1, 'Alpha', 'Alpha (2001) Bluray-1080p.mkv'),
        movie(2, 'Bravo', 'Bravo (2001).mkv'),
        movie(3, 'Charlie', 'Charlie (2001).mkv'),
        movie(4, 'Delta', 'Extras/Delta (2001).mkv'),
        movie(5, 'Echo', 'Echo (2001).mkv'),
        movie(6, 'Foxtrot', 'Foxtrot (2001).mkv'),
        movie(7, 'Golf', 'Golf (2001).mkv'),
        movie(8, 'Hotel', 'Hotel (2001).mkv'),
        movie(9, 'India', 'India (2001).mkv'),
        movie(10, 'Juliett', 'Trailer.mkv'),
      ],
    });
    svc = await startTestService({ workers: () => [] });
    deps = { db: svc.deps.database.db, boss: svc.boss, logger: svc.deps.logger };
    await writeSettings(deps.db, { backfillPolicy: 'all', deletedTrailerPolicy: 'respect' });
    const connection = await insertConnection(deps.db, {
      name: 'Radarr',
      kind: 'radarr',
      baseUrl: radarr.url,
      apiKey: radarr.apiKey,
      pathMappings: [{ remotePrefix: '/movies', localPrefix: join(root, 'movies') }],
    });
    connectionId = connection.id;
  });
  afterAll(async () => {
    await svc?.stop();
    await radarr?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('marks trailers a media server already reads as external, and queues only the rest', async () => {
    const report = await sync();
    expect(report.trailers).toMatchObject({ externalFound: 4, notVisible: 1, scanned: 9 });
    const media = await rows();
    expect(media['Alpha']).toMatchObject({ trailer_status: 'external', external_trailer_path: local('Alpha', 'Alpha (2001) Bluray-1080p-trailer.mp4') });
    expect(media['Bravo']).toMatchObject({ trailer_status: 'external', external_trailer_path: local('Bravo', 'trailers', 'Official Trailer #1.mkv') });
    expect(media['Delta']).toMatchObject({ trailer_status: 'external', external_trailer_path: local('Delta', 'Extras', 'Delta (2001)-trailer.webm') });
    expect(media['India']).toMatchObject({ trailer_status: 'external', external_trailer_path: local('India', 'India (2001)-trailer.mkv') });
    for (const title of ['Charlie', 'Echo', 'Foxtrot', 'Golf', 'Hotel', 'Juliett']) {
      expect(media[title], title).toMatchObject({ trailer_status: 'queued', external_trailer_path: null });
    }
    const jobs = await fetchJobs();
    expect(jobs.map((job) => job.data.mediaId).sort((a, b) => a - b)).toEqual(
      ['Charlie', 'Echo', 'Foxtrot', 'Golf', 'Hotel', 'Juliett'].map((title) => media[title]?.id).sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
  });

  it('notices our trailer deleted from disk (respected) and their trailer deleted (back to the backfill)', async () => {
    const media = await rows();
    // As the pipeline leaves them: Foxtrot and Golf got a trailer of ours.
    for (const title of ['Foxtrot', 'Golf']) {
      const path = local(title, `${title} (2001)-trailer.mkv`);
      put(path, 'our trailer');
      const info = statSync(path);
      await deps.db.execute(sql`update media set trailer_status = 'have' where id = ${media[title]?.id}`);
      await deps.db.execute(sql`insert into trailers (media_id, path, size_bytes, mtime_ms, source_url, profile_id)
        values (${media[title]?.id}, ${path}, ${info.size}, ${Math.round(info.mtimeMs)}, 'http://example.invalid/v', ${MAIN_PROFILE})`);
    }
    unlinkSync(local('Golf', 'Golf (2001)-trailer.mkv'));
    unlinkSync(local('India', 'India (2001)-trailer.mkv'));
    const jobsBefore = (await fetchJobs()).length;

    const report = await sync();
    expect(report.trailers).toMatchObject({ trailersGone: 1, refetchQueued: 0, externalFound: 0 });
    const after = await rows();
    expect(after['Foxtrot']).toMatchObject({ trailer_status: 'have' });
    expect(after['Golf']).toMatchObject({ trailer_status: 'skipped', status_reason: REASON_DELETED_RESPECT });
    // Their trailer was never ours to respect: India simply needs one again.
    expect(after['India']).toMatchObject({ trailer_status: 'queued', external_trailer_path: null });
    const states = rowsOf<{ path: string; state: string }>(await deps.db.execute(sql`select path, state from trailers order by path`));
    expect(states).toEqual([
      { path: local('Foxtrot', 'Foxtrot (2001)-trailer.mkv'), state: 'present' },
      { path: local('Golf', 'Golf (2001)-trailer.mkv'), state: 'missing' },
    ]);
    const jobs = await fetchJobs();
    expect(jobs).toHaveLength(jobsBefore + 1);
    expect(jobs.at(-1)?.data).toEqual({ mediaId: after['India']?.id, reason: 'backfill' });
  });

  it('with the refetch policy, a deleted trailer of ours is queued again at once', async () => {
    await writeSettings(deps.db, { deletedTrailerPolicy: 'refetch' });
    const media = await rows();
    const path = local('Hotel', 'Hotel (2001)-trailer.mkv');
    await deps.db.execute(sql`update media set trailer_status = 'have' where id = ${media['Hotel']?.id}`);
    await deps.db.execute(sql`insert into trailers (media_id, path, size_bytes, mtime_ms, source_url, profile_id)
      values (${media['Hotel']?.id}, ${path}, 1, 1, 'http://example.invalid/v', ${MAIN_PROFILE})`);
    const report = await sync();
    expect(report.trailers).toMatchObject({ trailersGone: 1, refetchQueued: 1 });
    expect((await rows())['Hotel']).toMatchObject({ trailer_status: 'queued' });
    const refetch = (await fetchJobs()).filter((job) => job.data.reason === 'refetch');
    expect(refetch.map((job) => job.data.mediaId)).toEqual([media['Hotel']?.id]);
  });

  it('a user trailer that appears later wins over a skipped or queued state', async () => {
    put(local('Golf', 'Trailers', 'Golf.mp4'), 'their trailer');
    put(local('Charlie', 'Charlie (2001) trailer.mkv'), 'their trailer');
    const report = await sync();
    expect(report.trailers.externalFound).toBe(2);
    const media = await rows();
    expect(media['Golf']).toMatchObject({ trailer_status: 'external', external_trailer_path: local('Golf', 'Trailers', 'Golf.mp4'), status_reason: null });
    expect(media['Charlie']).toMatchObject({ trailer_status: 'external', external_trailer_path: local('Charlie', 'Charlie (2001) trailer.mkv') });
  });
});
