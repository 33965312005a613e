// An import queues the main trailer and the extra slots at once, before any sync has read the
// item's folder: a fetch must still never add a second file for a slot the user already filled.
// Through the real webhook route, event job and pipeline (real yt-dlp/ffmpeg against the local
// clip server): a movie with its own trailer under another extension and its own
// `Featurettes/…` file, a series with its own `theme.mp3` and `Trailers/…` file get no download,
// their slots are `external` with the user's file recorded, which stays byte for byte; an empty
// folder (the control) gets both files.
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { connections, media, trailers, type TrailerStatus } from '../../src/db/schema/index.ts';
import { ffmpeg, listFiles } from '../pipeline/pipeline-fixture.ts';
import { insertProfile, kindSearch, SEARCH_IDS, waitForSlot } from '../pipeline/slot-fixture.ts';
import { startFakeSonarr, type FakeArrServer } from '../support/fake-arr.ts';
import type { JsonObject } from '../support/fake-arr-data.ts';
import { testBackend } from '../support/test-db.ts';
import { waitFor } from '../support/wait-for.ts';
import {
  addArrConnection,
  addRadarr,
  arrMovie,
  arrSeries,
  closeImportWorld,
  downloadBody,
  openImportWorld,
  sendWebhook,
  seriesDownloadBody,
  type ImportWorld,
} from './arr-import-kit.ts';

const SETTLED: readonly TrailerStatus[] = ['have', 'external', 'missing', 'needs-attention', 'skipped'];

describe(`an import never adds a second file for a slot the user already filled (${testBackend})`, () => {
  let world: ImportWorld;
  let db: Db;
  let sonarr: FakeArrServer;
  let featuretteId: number;
  let themeId: number;

  /** Waits until the connection's first sync is done: from then on only the import reads the folder. */
  async function firstSyncDone(connectionId: number): Promise<void> {
    await waitFor(async () => (await db.select().from(connections).where(eq(connections.id, connectionId)))[0]?.lastSyncAt, {
      timeoutMs: 60_000,
      what: `the first sync of connection ${connectionId}`,
    });
  }

  /** Imports the item through its webhook and waits for its main trailer job to settle. */
  async function imported(app: 'radarr' | 'sonarr', resource: JsonObject) {
    const reply = await sendWebhook(world.svc, app === 'radarr' ? downloadBody(resource) : seriesDownloadBody(resource), app);
    expect(reply.status).toBe(202);
    const item = await waitFor(
      async () => {
        const [row] = await db.select().from(media).where(and(eq(media.arrId, Number(resource['id'])), eq(media.kind, app === 'radarr' ? 'movie' : 'series')));
        return row !== undefined && SETTLED.includes(row.trailerStatus) ? row : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 100, what: `the main trailer of ${String(resource['title'])} to settle` },
    );
    return item;
  }

  async function put(file: string, bytes: string): Promise<void> {
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, bytes);
  }

  const presentFiles = async (mediaId: number) => db.select().from(trailers).where(and(eq(trailers.mediaId, mediaId), eq(trailers.state, 'present')));

  beforeAll(async () => {
    world = await openImportWorld('user-extras', {}, kindSearch([]));
    db = world.svc.deps.database.db;
    featuretteId = await insertProfile(db, { name: 'Featurettes', kind: 'featurette', appliesTo: { mediaKinds: ['movie'], connectionIds: [], tags: [] } });
    themeId = await insertProfile(db, { name: 'Theme', kind: 'theme-music', appliesTo: { mediaKinds: ['series'], connectionIds: [], tags: [] } });
    sonarr = await startFakeSonarr({ series: [], rootFolders: [{ id: 1, path: world.root, accessible: true, freeSpace: 1e12, unmappedFolders: [] }] });
    await firstSyncDone(await addRadarr(world.svc, world.radarr));
    await firstSyncDone(await addArrConnection(world.svc, sonarr, 'sonarr', 'Sonarr'));
  }, 120_000);

  afterAll(async () => {
    await sonarr?.close();
    await closeImportWorld(world);
  });

  it('a movie with its own trailer (.mp4, we would write .mkv) and its own Featurettes/ file: neither slot is downloaded', async () => {
    const movie = arrMovie(world.root, { id: 21, title: 'Kept Reel', trailerId: 'radarrKR021', monitored: true });
    const folder = String(movie['path']);
    const userTrailer = join(folder, 'Kept Reel (2020)-trailer.mp4');
    const userFeaturette = join(folder, 'Featurettes', 'Making of.mkv');
    await put(userTrailer, 'their own trailer, not a real video');
    await put(userFeaturette, 'their own featurette, not a real video');
    world.radarr.upsert(movie);

    const item = await imported('radarr', movie);
    expect(item).toMatchObject({ trailerStatus: 'external', externalTrailerPath: userTrailer });
    const featurette = await waitForSlot(db, { mediaId: item.id, profileId: featuretteId }, SETTLED);
    expect(featurette).toMatchObject({ status: 'external', externalPath: userFeaturette });

    expect(await listFiles(folder)).toEqual(['Featurettes/Making of.mkv', 'Kept Reel (2020)-trailer.mp4', 'Kept Reel (2020).mkv']);
    expect(readFileSync(userTrailer, 'utf8')).toBe('their own trailer, not a real video');
    expect(readFileSync(userFeaturette, 'utf8')).toBe('their own featurette, not a real video');
    expect(await presentFiles(item.id)).toEqual([]);
    expect(world.clips.requests.map((request) => request.id)).not.toContain('radarrKR021');
    expect(world.searches.filter((query) => query.startsWith('Kept Reel'))).toEqual([]);
  }, 120_000);

  it('a series with its own theme.mp3 and Trailers/ file: neither slot is downloaded', async () => {
    const series = arrSeries(world.root, { id: 31, title: 'Hummed Show' });
    const folder = String(series['path']);
    const userTheme = join(folder, 'theme.mp3');
    const userTrailer = join(folder, 'Trailers', 'Official.mkv');
    await put(userTheme, 'their own theme song, not a real mp3');
    await put(userTrailer, 'their own series trailer, not a real video');
    sonarr.upsert(series);

    const item = await imported('sonarr', series);
    expect(item).toMatchObject({ trailerStatus: 'external', externalTrailerPath: userTrailer });
    const theme = await waitForSlot(db, { mediaId: item.id, profileId: themeId }, SETTLED);
    expect(theme).toMatchObject({ status: 'external', externalPath: userTheme });

    expect(await listFiles(folder)).toEqual(['Season 01/Hummed Show - S01E01.mkv', 'Trailers/Official.mkv', 'theme.mp3']);
    expect(readFileSync(userTheme, 'utf8')).toBe('their own theme song, not a real mp3');
    expect(readFileSync(userTrailer, 'utf8')).toBe('their own series trailer, not a real video');
    expect(await presentFiles(item.id)).toEqual([]);
    expect(world.searches.filter((query) => query.startsWith('Hummed Show'))).toEqual([]);
  }, 120_000);

  it('the control: a movie folder with nothing of the user gets its trailer and its featurette', async () => {
    const movie = arrMovie(world.root, { id: 22, title: 'Empty Shelf', trailerId: 'radarrES022', monitored: true });
    const folder = String(movie['path']);
    world.radarr.upsert(movie);

    const item = await imported('radarr', movie);
    expect(item.trailerStatus, item.statusReason ?? '').toBe('have');
    const featurette = await waitForSlot(db, { mediaId: item.id, profileId: featuretteId }, SETTLED);
    expect(featurette.status, featurette.statusReason ?? '').toBe('have');
    expect(await listFiles(folder)).toEqual(['Empty Shelf (2020)-featurette.mkv', 'Empty Shelf (2020)-trailer.mkv', 'Empty Shelf (2020).mkv']);
    for (const file of ['Empty Shelf (2020)-featurette.mkv', 'Empty Shelf (2020)-trailer.mkv']) {
      expect((await ffmpeg.probe(join(folder, file))).video?.codec).toBe('h264');
    }
    expect((await presentFiles(item.id)).map((row) => row.sourceVideoId).sort()).toEqual(['radarrES022', SEARCH_IDS.featurette]);
    // No clip of the items above was ever asked for: only this one's.
    expect(new Set(world.clips.requests.map((request) => request.id))).toEqual(new Set(['radarrES022', SEARCH_IDS.featurette]));
  }, 120_000);
});
