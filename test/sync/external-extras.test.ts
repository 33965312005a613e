// Extras the user already has, through the real sync and the real pipeline (fake Radarr/Sonarr,
// clip server, yt-dlp, ffmpeg): a movie with its own `Featurettes/Making of.mkv` and a series
// with its own `theme.mp3` get no download for those slots, while their other slots (the main
// trailers, the series' season trailers) are fetched; the user's files are never touched. The
// series has specials (season 0): no season slot and no search for them. When the user's
// featurette goes, the slot is wanted again and fetched.
import { readFileSync, rmSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertConnection } from '../../src/connections/connection-store.ts';
import { rowsOf, type Db } from '../../src/db/client.ts';
import { media, trailers } from '../../src/db/schema/index.ts';
import { writeSettings } from '../../src/db/settings-store.ts';
import { QUEUES } from '../../src/jobs/queues.ts';
import { REASON_DELETED_RESPECT } from '../../src/sync/trailer-decision.ts';
import { syncLibrary, type SyncDeps } from '../../src/sync/library-sync.ts';
import { closePipelineWorld, enqueueFetch, listFiles, openPipelineWorld, waitForStatus, type PipelineWorld } from '../pipeline/pipeline-fixture.ts';
import { insertProfile, slotRow, waitForSlot } from '../pipeline/slot-fixture.ts';
import { generateSeries, type JsonObject } from '../support/fake-arr-data.ts';
import { signedInPages } from '../ui/page-client.ts';
import { startFakeRadarr, startFakeSonarr, type FakeArrServer } from '../support/fake-arr.ts';
import { testBackend } from '../support/test-db.ts';
import { waitFor } from '../support/wait-for.ts';

let world: PipelineWorld;
let db: Db;
let deps: SyncDeps;
let radarr: FakeArrServer;
let sonarr: FakeArrServer;
let radarrId: number;
let sonarrId: number;
let featuretteId: number;
let themeId: number;
let seasonTrailerId: number;
const searches: string[] = [];

const USER_FEATURETTE = 'their own featurette, not a real video';
const USER_THEME = 'their own theme song, not a real mp3';
const movieFolder = () => path.join(world.root, 'movies', 'Alpha (2001)');
const seriesFolder = () => path.join(world.root, 'tv', 'Show');
const userFeaturette = () => path.join(movieFolder(), 'Featurettes', 'Making of.mkv');
const userTheme = () => path.join(seriesFolder(), 'theme.mp3');

/** What `yt-dlp --flat-playlist` prints for one video. */
const entry = (id: string, title: string, duration: number) => ({
  _type: 'url',
  ie_key: 'Youtube',
  id,
  url: `https://www.youtube.com/watch?v=${id}`,
  title,
  duration,
  channel: 'Studio',
  channel_id: 'UCstudio',
});

/** Answers each kind's query with one fitting video; a season's with a video naming that season. */
async function search(query: string): Promise<unknown[]> {
  searches.push(query);
  const season = /season (\d+)/i.exec(query)?.[1];
  if (season !== undefined) return [entry(`srchSeas${season.padStart(3, '0')}`, `Show Season ${season} - Official Trailer`, 120)];
  if (/featurette/i.test(query)) return [entry('srchFeatr01', 'Alpha - Official Featurette', 200)];
  if (/theme|intro|opening/i.test(query)) return [entry('srchTheme01', 'Show - Opening Theme', 60)];
  return [entry('srchTrail01', `${query.replace(/\s+(\d{4}\s+)?(series\s+)?trailer$/i, '')} - Official Trailer`, 150)];
}

async function put(file: string, bytes: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes);
}

async function sync(connectionId: number) {
  const outcome = await syncLibrary(deps, connectionId);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.report;
}

async function mediaId(connectionId: number): Promise<number> {
  const [row] = await db.select({ id: media.id }).from(media).where(eq(media.connectionId, connectionId));
  return row!.id;
}

async function ownPaths(id: number): Promise<string[]> {
  const rows = await db.select({ path: trailers.path }).from(trailers).where(and(eq(trailers.mediaId, id), eq(trailers.state, 'present')));
  return rows.map((row) => row.path).sort();
}

const rootFolder = (folder: string): JsonObject => ({ path: folder, accessible: true, freeSpace: 1e12, unmappedFolders: [], id: 1 });

beforeAll(async () => {
  world = await openPipelineWorld('external-extras', { pipeline: { search } });
  db = world.svc.deps.database.db;
  deps = { db, boss: world.svc.boss, logger: world.svc.deps.logger };
  await writeSettings(db, { backfillPolicy: 'all' });
  featuretteId = await insertProfile(db, { name: 'Featurettes', kind: 'featurette', appliesTo: { mediaKinds: ['movie'], connectionIds: [], tags: [] } });
  themeId = await insertProfile(db, { name: 'Theme', kind: 'theme-music', appliesTo: { mediaKinds: ['series'], connectionIds: [], tags: [] } });
  seasonTrailerId = await insertProfile(db, { name: 'Season trailers', kind: 'trailer', scope: 'season', appliesTo: { mediaKinds: ['series'], connectionIds: [], tags: [] } });

  await put(path.join(movieFolder(), 'Alpha (2001).mkv'), 'not a real movie');
  await put(userFeaturette(), USER_FEATURETTE);
  await put(path.join(seriesFolder(), 'Season 01', 'Show - S01E01.mkv'), 'episode');
  await put(path.join(seriesFolder(), 'Season 02', 'Show - S02E01.mkv'), 'episode');
  await put(path.join(seriesFolder(), 'Specials', 'Show - S00E01.mkv'), 'special');
  await put(userTheme(), USER_THEME);

  const moviePath = movieFolder();
  radarr = await startFakeRadarr({
    movies: [
      {
        id: 1,
        title: 'Alpha',
        year: 2001,
        path: moviePath,
        monitored: true,
        hasFile: true,
        tmdbId: 101,
        youTubeTrailerId: 'radarrAlph1',
        movieFile: { id: 10, movieId: 1, relativePath: 'Alpha (2001).mkv', path: path.join(moviePath, 'Alpha (2001).mkv') },
      },
    ],
    rootFolders: [rootFolder(path.join(world.root, 'movies'))],
  });
  const [show] = generateSeries(1, { rootFolder: path.join(world.root, 'tv'), seed: 9 });
  Object.assign(show!, {
    title: 'Show',
    year: 2020,
    path: seriesFolder(),
    monitored: true,
    seasons: [
      { seasonNumber: 0, monitored: true },
      { seasonNumber: 1, monitored: true },
      { seasonNumber: 2, monitored: true },
    ],
  });
  sonarr = await startFakeSonarr({ series: [show!], rootFolders: [rootFolder(path.join(world.root, 'tv'))] });
  // Root folders known from the start, as after the test that saving a connection runs: the
  // sync's fetches may start before the sync itself stores them.
  const roots = (folder: string) => [{ path: folder, localPath: folder, accessible: true }];
  const movies = path.join(world.root, 'movies');
  const tv = path.join(world.root, 'tv');
  radarrId = (await insertConnection(db, { name: 'Radarr', kind: 'radarr', baseUrl: radarr.url, apiKey: radarr.apiKey, rootFolders: roots(movies) })).id;
  sonarrId = (await insertConnection(db, { name: 'Sonarr', kind: 'sonarr', baseUrl: sonarr.url, apiKey: sonarr.apiKey, rootFolders: roots(tv) })).id;
}, 120_000);

afterAll(async () => {
  await closePipelineWorld(world);
  await radarr?.close();
  await sonarr?.close();
});

describe(`extras already on disk (${testBackend})`, () => {
  it("the movie's own featurette fills its slot: its trailer is fetched, no featurette is", async () => {
    const report = await sync(radarrId);
    expect(report.trailers.externalFound).toBe(1);
    expect(report.extrasQueued).toBe(0);
    const id = await mediaId(radarrId);
    expect(await slotRow(db, { mediaId: id, profileId: featuretteId })).toMatchObject({ status: 'external', externalPath: userFeaturette() });
    expect((await waitForStatus(db, id, ['have', 'needs-attention'], 90_000)).trailerStatus).toBe('have');
    expect(searches.some((query) => /featurette/i.test(query))).toBe(false);
    expect(await ownPaths(id)).toEqual([path.join(movieFolder(), 'Alpha (2001)-trailer.mkv')]);
    expect(readFileSync(userFeaturette(), 'utf8')).toBe(USER_FEATURETTE);
    expect(await listFiles(path.join(movieFolder(), 'Featurettes'))).toEqual(['Making of.mkv']);
    // The item page: the featurette slot has a file, the user's, with no Delete for it.
    const html = await (await (await signedInPages(world.svc)).get(`/library/${id}/slots`)).text();
    const row = new RegExp(`<tr data-profile-id="${featuretteId}" data-season="" data-status="external">([\\s\\S]*?)</tr>`).exec(html)?.[1];
    expect(row).toContain(`${userFeaturette()}</span> <span class="muted">(your own file, never touched)`);
    expect(row).not.toContain('delete');
  });

  it("the series' own theme.mp3 fills its slot: its trailer and the trailers of seasons 1 and 2 are fetched, nothing for the specials", async () => {
    const themeBefore = statSync(userTheme());
    const report = await sync(sonarrId);
    expect(report.trailers.externalFound).toBe(1);
    expect(report.extrasQueued).toBe(2);
    const id = await mediaId(sonarrId);
    expect(await slotRow(db, { mediaId: id, profileId: themeId })).toMatchObject({ status: 'external', externalPath: userTheme() });
    expect(await slotRow(db, { mediaId: id, profileId: seasonTrailerId, season: 0 })).toBeUndefined();
    for (const season of [1, 2]) {
      const slot = await waitForSlot(db, { mediaId: id, profileId: seasonTrailerId, season }, ['have', 'needs-attention', 'no-trailer-yet', 'skipped', 'missing'], 50_000);
      expect(slot.status, slot.statusReason ?? '').toBe('have');
    }
    const main = await waitForStatus(db, id, ['have', 'needs-attention', 'no-trailer-yet', 'skipped', 'missing'], 90_000);
    expect(main.trailerStatus, main.statusReason ?? '').toBe('have');
    expect(searches.filter((query) => /theme|intro|opening/i.test(query))).toEqual([]);
    expect(searches.filter((query) => /season|series \d/i.test(query)).every((query) => /(season|series) [12] /i.test(query))).toBe(true);
    expect(searches.some((query) => /season 0|series 0|specials/i.test(query))).toBe(false);
    const files = await ownPaths(id);
    expect(files).toHaveLength(3);
    expect(files).not.toContain(userTheme());
    expect(readFileSync(userTheme(), 'utf8')).toBe(USER_THEME);
    expect(statSync(userTheme()).mtimeMs).toBe(themeBefore.mtimeMs);
  }, 180_000);

  it('a season-0 job queued before specials had no slot ends without a search', async () => {
    const id = await mediaId(sonarrId);
    const before = searches.length;
    const job = await enqueueFetch(world.svc, { mediaId: id, reason: 'backfill', profileId: seasonTrailerId, season: 0 });
    await waitFor(async () => (await world.svc.boss.getJobById(QUEUES.trailerFetch, job))?.state === 'completed', { timeoutMs: 60_000, what: 'the season-0 job' });
    // A slot the plan does not give is pruned, not kept as skipped (library/slot-pruning.ts).
    expect(await slotRow(db, { mediaId: id, profileId: seasonTrailerId, season: 0 })).toBeUndefined();
    expect(searches.slice(before)).toEqual([]);
  });

  it("when the user's featurette goes, the slot is wanted again and fetched", async () => {
    rmSync(userFeaturette());
    const report = await sync(radarrId);
    expect(report.extrasQueued).toBe(1);
    const id = await mediaId(radarrId);
    const slot = await waitForSlot(db, { mediaId: id, profileId: featuretteId }, ['have', 'needs-attention']);
    expect(slot).toMatchObject({ status: 'have', externalPath: null });
    expect(searches.some((query) => /featurette/i.test(query))).toBe(true);
    const placed = rowsOf<{ path: string }>(await db.execute(sql`select path from trailers where media_id = ${id} and profile_id = ${featuretteId} and state = 'present'`));
    expect(placed).toHaveLength(1);
    expect(statSync(placed[0]!.path).size).toBeGreaterThan(1000);
  });

  it('our featurette deleted from disk follows the deleted-trailer policy: respected, or fetched again', async () => {
    const id = await mediaId(radarrId);
    const slot = { mediaId: id, profileId: featuretteId };
    const ours = async () =>
      rowsOf<{ path: string }>(await db.execute(sql`select path from trailers where media_id = ${id} and profile_id = ${featuretteId} and state = 'present'`))[0]?.path;
    await writeSettings(db, { deletedTrailerPolicy: 'respect' });
    rmSync((await ours())!);
    const respected = await sync(radarrId);
    expect(respected.trailers).toMatchObject({ trailersGone: 1, refetchQueued: 0 });
    expect(await slotRow(db, slot)).toMatchObject({ status: 'skipped', statusReason: REASON_DELETED_RESPECT });
    expect(respected.extrasQueued).toBe(0);

    // Fetched by hand again, then deleted under the refetch policy: queued at once.
    await db.execute(sql`update media_slots set status = 'missing' where media_id = ${id} and profile_id = ${featuretteId}`);
    await sync(radarrId);
    expect((await waitForSlot(db, slot, ['have', 'needs-attention'])).status).toBe('have');
    await writeSettings(db, { deletedTrailerPolicy: 'refetch' });
    rmSync((await ours())!);
    const refetched = await sync(radarrId);
    expect(refetched.trailers).toMatchObject({ trailersGone: 1, refetchQueued: 1 });
    expect((await waitForSlot(db, slot, ['have', 'needs-attention'])).status).toBe('have');
    expect(statSync((await ours())!).size).toBeGreaterThan(1000);
  }, 120_000);
});
