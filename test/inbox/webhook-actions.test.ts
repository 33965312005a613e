// What the webhook-event job does for each action beyond the plain import: renames, deletes with
// and without files, folders that are not there yet, paths outside the roots, disabled connections.
import { eq } from 'drizzle-orm';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connections, trailers, webhookEvents } from '../../src/db/schema/index.ts';
import { MAX_DEFERRALS } from '../../src/inbox/event-deferral.ts';
import { createPipelineRuntime } from '../../src/pipeline/pipeline-runtime.ts';
import { runTrailerRename } from '../../src/pipeline/trailer-rename.ts';
import { testBackend } from '../support/test-db.ts';
import type { TestService } from '../support/test-service.ts';
import {
  closeWebhookWorld,
  openWebhookWorld,
  addConnection,
  clearLibraryRows,
  emptyArr,
  eventRow,
  fixture,
  jobsWith,
  mediaRows,
  processEvent,
  recordTrailer,
  send,
  type Library,
} from './webhook-test-kit.ts';

describe(`webhook actions (${testBackend})`, () => {
  let svc: TestService;
  let library: Library;
  let radarrId: number;

  beforeAll(async () => {
    const world = await openWebhookWorld('none', ['radarr', 'sonarr']);
    ({ svc, library } = world);
    radarrId = world.connectionIds.radarr!;
  });
  afterAll(async () => {
    await closeWebhookWorld({ svc, library });
  });
  beforeEach(async () => {
    await clearLibraryRows(svc);
    await svc.deps.database.db.update(connections).set({ enabled: true });
  });

  /** Delivers the body and runs its job once; returns the settled event. */
  const deliver = async (app: 'radarr' | 'sonarr', body: unknown) => {
    const reply = await send(svc, app, body);
    expect(reply.status).toBe(202);
    const { eventId } = JSON.parse(reply.text) as { eventId: number };
    await processEvent(svc, eventId);
    return eventRow(svc, eventId);
  };

  const arrivalWithTrailer = async () => {
    await deliver('radarr', fixture('radarr', 'webhook-download'));
    const [row] = await mediaRows(svc);
    const trailerPath = join(library.movies, 'Arrival (2016)', 'Arrival (2016) Bluray-1080p-trailer.mkv');
    await recordTrailer(svc, row!.id, trailerPath);
    return row!;
  };

  it('Rename: the row takes the new file name and our trailer gets a rename job', async () => {
    const row = await arrivalWithTrailer();
    const rename = fixture('radarr', 'webhook-rename');
    rename.renamedMovieFiles[0].relativePath = 'Arrival (2016) {tmdb-329871} Bluray-1080p.mkv';
    rename.renamedMovieFiles[0].path = '/movies/Arrival (2016)/Arrival (2016) {tmdb-329871} Bluray-1080p.mkv';
    rename.renamedMovieFiles[0].previousRelativePath = 'Arrival (2016) Bluray-1080p.mkv';
    const event = await deliver('radarr', rename);
    expect(event).toMatchObject({ state: 'processed', summary: '1 file renamed in "Arrival" (2016); trailer rename queued' });
    const [after] = await mediaRows(svc);
    expect(after).toMatchObject({ id: row.id, movieFileRelativePath: 'Arrival (2016) {tmdb-329871} Bluray-1080p.mkv' });
    expect((await jobsWith(svc, 'trailer-rename', { mediaId: row.id })).map((job) => job.data)).toEqual([{ mediaId: row.id }]);
  });

  it('Rename end to end: the pipeline moves our trailer to the new movie file name, the user file stays', async () => {
    const folder = join(library.movies, 'Arrival (2016)');
    writeFileSync(join(folder, 'Arrival (2016) Bluray-1080p.mkv'), 'the movie');
    writeFileSync(join(folder, 'Arrival (2016) Bluray-1080p-trailer.mkv'), 'our trailer');
    writeFileSync(join(folder, 'poster.jpg'), 'user art');
    const row = await arrivalWithTrailer();
    const rename = fixture('radarr', 'webhook-rename');
    Object.assign(rename.renamedMovieFiles[0], {
      previousRelativePath: 'Arrival (2016) Bluray-1080p.mkv',
      previousPath: '/movies/Arrival (2016)/Arrival (2016) Bluray-1080p.mkv',
      relativePath: 'Arrival.2016.mkv',
      path: '/movies/Arrival (2016)/Arrival.2016.mkv',
    });
    expect((await deliver('radarr', rename)).summary).toMatch(/trailer rename queued$/);
    const [job] = await jobsWith(svc, 'trailer-rename', { mediaId: row.id });
    expect(await runTrailerRename(createPipelineRuntime(svc.deps), job!.data)).toBe('moved');
    expect(readdirSync(folder).sort()).toEqual(['Arrival (2016) Bluray-1080p.mkv', 'Arrival.2016-trailer.mkv', 'poster.jpg']);
    expect(readFileSync(join(folder, 'Arrival.2016-trailer.mkv'), 'utf8')).toBe('our trailer');
    for (const name of readdirSync(folder)) rmSync(join(folder, name));
  });

  it('an upgrade with a new file name moves our trailer along and fetches nothing', async () => {
    const row = await arrivalWithTrailer();
    const upgrade = fixture('radarr', 'webhook-download');
    upgrade.isUpgrade = true;
    upgrade.movieFile.relativePath = 'Arrival (2016) Remux-2160p.mkv';
    upgrade.movieFile.path = '/movies/Arrival (2016)/Arrival (2016) Remux-2160p.mkv';
    upgrade.deletedFiles = [{ id: 204, relativePath: 'Arrival (2016) Bluray-1080p.mkv', path: '/movies/Arrival (2016)/Arrival (2016) Bluray-1080p.mkv' }];
    const event = await deliver('radarr', upgrade);
    expect(event.summary).toBe('updated "Arrival" (2016); trailer rename queued (the movie file changed); it already has our trailer');
    expect(await jobsWith(svc, 'trailer-rename', { mediaId: row.id })).toHaveLength(1);
    expect(await jobsWith(svc, 'trailer-fetch', { mediaId: row.id })).toHaveLength(1);
  });

  it('MovieDelete with files: our trailer is removed by its job first, then the record', async () => {
    const row = await arrivalWithTrailer();
    const event = await deliver('radarr', fixture('radarr', 'webhook-movie-delete-with-files'));
    expect(event.summary).toBe('"Arrival" (2016) deleted with its files: removal of our trailer queued, then of the record');
    const [after] = await mediaRows(svc);
    expect(after?.removedAt).toBeInstanceOf(Date);
    const jobs = await jobsWith(svc, 'trailer-delete', { mediaId: row.id });
    expect(jobs.map((job) => job.data)).toEqual([{ mediaId: row.id, reason: 'media-deleted', deleteMediaAfter: true }]);
  });

  it('MovieDelete with files but no trailer of ours: the record goes at once', async () => {
    await deliver('radarr', fixture('radarr', 'webhook-download'));
    const event = await deliver('radarr', fixture('radarr', 'webhook-movie-delete-with-files'));
    expect(event.summary).toBe('"Arrival" (2016) deleted with its files: record removed (no trailer of ours on record)');
    expect(await mediaRows(svc)).toEqual([]);
  });

  it('MovieDelete keeping files: the record and its trailer rows go, nothing is queued for the disk', async () => {
    const row = await arrivalWithTrailer();
    const event = await deliver('radarr', fixture('radarr', 'webhook-movie-delete-keep-files'));
    expect(event.summary).toBe('"Arrival" (2016) deleted, files kept: record removed, the trailer file stays beside them');
    expect(await mediaRows(svc)).toEqual([]);
    expect(await svc.deps.database.db.select().from(trailers)).toEqual([]);
    expect(await jobsWith(svc, 'trailer-delete', { mediaId: row.id })).toEqual([]);
  });

  it('SeriesDelete with files works the same for Sonarr', async () => {
    await deliver('sonarr', fixture('sonarr', 'webhook-download-multi-episode'));
    const [row] = await mediaRows(svc);
    await recordTrailer(svc, row!.id, join(library.tv, 'The Expanse', 'tvshow-trailer.mkv'));
    const event = await deliver('sonarr', fixture('sonarr', 'webhook-series-delete-with-files'));
    expect(event.summary).toMatch(/removal of our trailer queued/);
    expect(await jobsWith(svc, 'trailer-delete', { mediaId: row!.id })).toHaveLength(1);
  });

  it('an added movie waits for its folder, never creates it, and fetches once it appears', async () => {
    const added = fixture('radarr', 'webhook-movie-added');
    const reply = await send(svc, 'radarr', added);
    const { eventId } = JSON.parse(reply.text) as { eventId: number };
    expect(await processEvent(svc, eventId)).toEqual({ state: 'deferred', summary: expect.stringMatching(/; waiting for its folder: .*does not exist yet/) });
    const folder = join(library.movies, 'Nightfall Protocol (2026)');
    const [row] = await mediaRows(svc);
    expect(row).toMatchObject({ title: 'Nightfall Protocol', trailerStatus: 'missing' });
    expect(await jobsWith(svc, 'trailer-fetch', { mediaId: row!.id })).toEqual([]);
    const waiting = await eventRow(svc, eventId);
    expect(waiting).toMatchObject({ state: 'received', deferrals: 1 });
    expect(await jobsWith(svc, 'webhook-event', { eventId })).toContainEqual(expect.objectContaining({ startAfter: waiting.nextTryAt }));

    mkdirSync(folder); // Radarr imports the first file.
    const result = await processEvent(svc, eventId);
    expect(result).toEqual({ state: 'processed', summary: 'updated "Nightfall Protocol" (2026); trailer fetch queued' });
    expect(await jobsWith(svc, 'trailer-fetch', { mediaId: row!.id })).toHaveLength(1);
  });

  it('on the last try a folder that never appeared settles the event; the item stays recorded', async () => {
    const added = fixture('radarr', 'webhook-movie-added');
    added.movie.id = 64;
    added.movie.folderPath = '/movies/Never Imported (2027)';
    const { eventId } = JSON.parse((await send(svc, 'radarr', added)).text) as { eventId: number };
    expect((await processEvent(svc, eventId))?.state).toBe('deferred');
    await svc.deps.database.db.update(webhookEvents).set({ deferrals: MAX_DEFERRALS }).where(eq(webhookEvents.id, eventId));
    const result = await processEvent(svc, eventId);
    expect(result?.state).toBe('processed');
    expect((await eventRow(svc, eventId)).summary).toMatch(/Gave up waiting: the trailer is fetched on the next import/);
    expect(await mediaRows(svc)).toHaveLength(1);
  });

  it('a folder outside every root is skipped with the reason, and nothing is recorded', async () => {
    const download = fixture('radarr', 'webhook-download');
    download.movie.folderPath = '/srv/elsewhere/Arrival (2016)';
    const event = await deliver('radarr', download);
    expect(event.state).toBe('failed');
    expect(event.summary).toMatch(/^skipped: \/srv\/elsewhere\/Arrival \(2016\) maps to .* is not inside any configured media root/);
    expect(await mediaRows(svc)).toEqual([]);
  });

  it('the root folder itself is not a media folder', async () => {
    const download = fixture('radarr', 'webhook-download');
    download.movie.folderPath = '/movies';
    const event = await deliver('radarr', download);
    expect(event.state).toBe('failed');
    expect(event.summary).toMatch(/is not inside any configured media root/);
  });

  it('a connection with no mappings and no root folders waits (roots read from the Arr first), never fails', async () => {
    const bare = await addConnection(svc, { name: 'Bare', kind: 'radarr' });
    const { eventId } = JSON.parse((await send(svc, 'radarr', fixture('radarr', 'webhook-download'), { query: '?connection=bare' })).text) as {
      eventId: number;
    };
    expect((await eventRow(svc, eventId)).connectionId).toBe(bare);
    expect((await processEvent(svc, eventId))?.state).toBe('deferred');
    expect(await eventRow(svc, eventId)).toMatchObject({
      state: 'received',
      summary: 'waiting: connection "Bare" has no media roots: add a path mapping or refresh its root folders',
    });
    const arr = await emptyArr('radarr');
    expect(arr.requests.map((request) => request.path)).toContain('/api/v3/rootfolder');
    await svc.deps.database.db.delete(connections).where(eq(connections.id, bare));
  });

  it('root folders the Arr reported count as roots when its paths are the same here', async () => {
    const local = await addConnection(svc, {
      name: 'Local',
      kind: 'radarr',
      rootFolders: [{ path: library.movies, localPath: library.movies, accessible: true }],
    });
    const download = fixture('radarr', 'webhook-download');
    download.movie.folderPath = join(library.movies, 'Arrival (2016)');
    const { eventId } = JSON.parse((await send(svc, 'radarr', download, { query: '?connection=Local' })).text) as { eventId: number };
    expect((await processEvent(svc, eventId))?.summary).toBe('added "Arrival" (2016); trailer fetch queued');
    await svc.deps.database.db.delete(connections).where(eq(connections.id, local));
  });

  it('a disabled connection makes the event wait, saying why', async () => {
    await svc.deps.database.db.update(connections).set({ enabled: false }).where(eq(connections.id, radarrId));
    const event = await deliver('radarr', fixture('radarr', 'webhook-download'));
    expect(event).toMatchObject({ state: 'received', summary: 'waiting: connection "Radarr" is disabled', deferrals: 1 });
    expect(event.nextTryAt).not.toBeNull();
    expect(await mediaRows(svc)).toEqual([]);
  });
});
