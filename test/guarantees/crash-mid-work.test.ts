// Promise: a service killed with SIGKILL in the middle of downloading a trailer leaves nothing at
// the trailer's final name; the next start cleans the partial download and the interrupted job is
// retried and finishes with exactly one trailer. Through the real path: import webhook → inbox
// job → pipeline (real yt-dlp from a slow local clip server). The kill during a conversion is
// test/pipeline/killed-run.test.ts.
import { eq } from 'drizzle-orm';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { runMigrations } from '../../src/db/migrate.ts';
import { connections, downloadAttempts, media } from '../../src/db/schema/index.ts';
import { createFfmpeg } from '../../src/media-tools/ffmpeg.ts';
import { workRootOf } from '../../src/pipeline/pipeline-runtime.ts';
import { startChildService, type ChildService } from '../support/child-service.ts';
import { startClipServer, type ClipServer } from '../support/clip-server.ts';
import { arrFixture } from '../support/fake-arr-data.ts';
import { startFakeRadarr, type FakeArrServer } from '../support/fake-arr.ts';
import { postWebhook } from '../support/arr-webhook-client.ts';
import { makeClip } from '../support/make-clip.ts';
import { createTestDatabase, testBackend, type TestDatabase } from '../support/test-db.ts';
import { TEST_API_KEY } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';

const CLIP_ID = 'slowClip0001';

describe(`SIGKILL during a download (${testBackend})`, () => {
  let database: TestDatabase;
  let clips: ClipServer;
  // Asked about each imported movie by the event job; it knows none (404: the webhook's facts stand).
  let radarr: FakeArrServer;
  let root: string;
  const children: ChildService[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('mid-work');
    clips = await startClipServer();
    radarr = await startFakeRadarr({ movies: [], rootFolders: [] });
    root = mkdtempSync(join(tmpdir(), 'previewarr-midwork-'));
    mkdirSync(join(root, 'movies', 'Slow (2020)'), { recursive: true });
    writeFileSync(join(root, 'movies', 'Slow (2020)', 'Slow (2020).mkv'), 'the movie');
    // Rows as a library sync leaves them, written before the service starts (PGlite admits one process).
    const handle = await openDatabase({ dataDir: database.dataDir, ...(database.databaseUrl ? { databaseUrl: database.databaseUrl } : {}) });
    try {
      await runMigrations(handle);
      const [connection] = await handle.db
        .insert(connections)
        .values({ name: 'Radarr', kind: 'radarr', baseUrl: radarr.url, apiKey: radarr.apiKey, pathMappings: [{ remotePrefix: '/movies', localPrefix: join(root, 'movies') }] })
        .returning({ id: connections.id });
      await handle.db
        .insert(media)
        .values({ connectionId: connection!.id, arrId: 57, kind: 'movie', title: 'Slow', year: 2020, folderPath: '/movies/Slow (2020)', youTubeTrailerId: CLIP_ID });
    } finally {
      await handle.close();
    }
  }, 120_000);

  afterAll(async () => {
    for (const child of children) await child.kill();
    await clips?.close();
    await radarr?.close();
    await database?.drop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  async function start(): Promise<ChildService> {
    const child = await startChildService({ ...database.env, API_KEY: TEST_API_KEY, TRAILER_URL_TEMPLATE: clips.urlTemplate, WORKER_CONCURRENCY: '1' });
    children.push(child);
    return child;
  }

  async function itemStatus(svc: ChildService): Promise<string | undefined> {
    const list = await fetch(`${svc.url}/api/v1/media?q=Slow`, { headers: { 'X-Api-Key': TEST_API_KEY } });
    const body = (await list.json()) as { items?: Array<{ trailerStatus: string }> };
    return body.items?.[0]?.trailerStatus;
  }

  it('leaves nothing at the final name, cleans up at start, and the retried job finishes', async () => {
    // A 10 s clip served at 40 kB/s: the download runs for many seconds.
    const clip = await makeClip({ width: 640, height: 360, rate: 25, seconds: 10 });
    clips.behave(CLIP_ID, { kind: 'throttle', bytesPerSecond: 40_000, file: clip });
    const folder = join(root, 'movies', 'Slow (2020)');
    const finalPath = join(folder, 'Slow (2020)-trailer.mkv');
    const workRoot = workRootOf({ DATA_DIR: database.dataDir });

    const first = await start();
    const body = arrFixture('radarr', 'webhook-download');
    body.movie = { ...body.movie, id: 57, title: 'Slow', year: 2020, folderPath: '/movies/Slow (2020)' };
    body.movieFile = { ...body.movieFile, relativePath: 'Slow (2020).mkv', path: '/movies/Slow (2020)/Slow (2020).mkv' };
    const reply = await postWebhook(`${first.url}/webhooks/radarr`, body, { headers: { 'X-Api-Key': TEST_API_KEY } });
    expect(reply.status).toBe(202);

    // Kill once the download has written part of the file into the work folder.
    await waitFor(
      () => existsSync(workRoot) && readdirSync(workRoot, { recursive: true, withFileTypes: true }).some((entry) => entry.isFile()),
      { timeoutMs: 120_000, intervalMs: 50, what: 'the download to start writing' },
    );
    expect(clips.requests.some((request) => request.id === CLIP_ID)).toBe(true);
    await first.kill();
    expect(existsSync(finalPath)).toBe(false);
    expect(readdirSync(folder).sort()).toEqual(['Slow (2020).mkv']);

    // Restart with the host fast again: the leftovers go, the job runs again and places one trailer.
    clips.behave(CLIP_ID, { kind: 'clip', file: clip });
    const second = await start();
    await waitFor(async () => (await itemStatus(second)) === 'have', { timeoutMs: 180_000, intervalMs: 500, what: 'the retried fetch to place the trailer' });
    expect(readdirSync(folder).sort()).toEqual(['Slow (2020)-trailer.mkv', 'Slow (2020).mkv']);
    const probe = await createFfmpeg({ ffmpegPath: 'ffmpeg', ffprobePath: 'ffprobe' }).probe(finalPath);
    expect(probe.durationSeconds).toBeGreaterThan(9.5);
    expect(readdirSync(workRoot)).toEqual([]);
    await second.stop();

    const handle = await openDatabase({ dataDir: database.dataDir, ...(database.databaseUrl ? { databaseUrl: database.databaseUrl } : {}) });
    try {
      const [item] = await handle.db.select({ id: media.id }).from(media).where(eq(media.arrId, 57));
      const attempts = await handle.db.select().from(downloadAttempts).where(eq(downloadAttempts.mediaId, item!.id)).orderBy(downloadAttempts.id);
      expect(attempts.map((attempt) => [attempt.outcome, attempt.errorKind])).toEqual([
        ['failed', 'interrupted'],
        ['succeeded', null],
      ]);
    } finally {
      await handle.close();
    }
  }, 400_000);
});
