// Issue #18's burst, the whole way: 50 real Radarr Download webhooks for 50 movies of a fake
// Radarr end with 50 trailers on disk (real yt-dlp and ffmpeg against the local clip server),
// fewer refreshes on the fake Plex and Jellyfin than items with every movie folder covered, and
// ONE notification summary per target, not 50 messages. The notification window is long enough
// to hold the whole burst on a busy machine; the refresh window is short, so refreshes are seen
// coalescing across several windows too.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { media, outbox, trailers } from '../../src/db/schema/index.ts';
import { probeMedia } from '../../src/media-tools/ffprobe.ts';
import { addRadarr, api, arrMovie, closeImportWorld, downloadBody, openImportWorld, sendWebhook, type ImportWorld } from '../inbox/arr-import-kit.ts';
import { startFakeJellyfin, startFakePlex, type FakeJellyfin, type FakePlex } from '../support/fake-media-server.ts';
import { startFakeNotify, type FakeNotify } from '../support/fake-notify.ts';
import { testBackend } from '../support/test-db.ts';
import { waitFor } from '../support/wait-for.ts';

const ITEMS = 50;
// Longer than the whole burst takes on a loaded two-core machine (about 100 s seen), so its
// events fall in one window; the summary then goes out this long after the first placement.
const NOTIFY_WINDOW_SECONDS = 180;

describe(`a burst of ${ITEMS} Radarr imports through real webhooks (${testBackend})`, () => {
  let world: ImportWorld | undefined;
  let plex: FakePlex;
  let jellyfin: FakeJellyfin;
  let hooks: FakeNotify;

  beforeAll(async () => {
    plex = await startFakePlex([{ key: '1', type: 'movie', path: '/data/movies', title: 'Movies' }]);
    jellyfin = await startFakeJellyfin();
    hooks = await startFakeNotify();
    world = await openImportWorld('burst', {
      MEDIA_REFRESH_DELAY_SECONDS: '3',
      NOTIFY_BATCH_SECONDS: String(NOTIFY_WINDOW_SECONDS),
      WORKER_CONCURRENCY: '4',
    });
    const { svc, root } = world;
    const servers = [
      { name: 'Plex', kind: 'plex', baseUrl: plex.url, token: plex.token, pathMappings: [{ remotePrefix: '/data/movies', localPrefix: root }] },
      { name: 'Jellyfin', kind: 'jellyfin', baseUrl: jellyfin.url, token: jellyfin.token },
    ];
    for (const server of servers) expect((await api(svc, 'POST', '/api/v1/mediaservers', server)).status).toBe(201);
    for (const target of [
      { name: 'Discord', kind: 'discord', url: `${hooks.url}/api/webhooks/9/discord-burst-token-0123456789` },
      { name: 'Webhook', kind: 'webhook', url: `${hooks.url}/hook` },
    ]) {
      expect((await api(svc, 'POST', '/api/v1/notifications', { ...target, events: ['trailer-placed', 'trailer-replaced'] })).status).toBe(201);
    }
  }, 120_000);

  afterAll(async () => {
    await closeImportWorld(world);
    await Promise.all([plex?.server.close(), jellyfin?.server.close(), hooks?.close()]);
  });

  it('places 50 trailers, refreshes each folder with fewer calls than items, and sends one summary', async () => {
    const { svc, radarr, root } = world!;
    const db = svc.deps.database.db;
    // Unmonitored: the connection's first sync queues no backfill, so every fetch comes from a webhook.
    const movies = Array.from({ length: ITEMS }, (_, i) => arrMovie(root, { id: 1001 + i, title: `Burst ${String(i).padStart(2, '0')}`, trailerId: `burst${String(i).padStart(5, '0')}`, monitored: false }));
    for (const movie of movies) radarr.upsert(movie);
    await addRadarr(svc, radarr);
    await waitFor(async () => (await db.select({ id: media.id }).from(media)).length === ITEMS, { timeoutMs: 60_000, what: 'the first sync' });
    // One after the other, as Radarr sends them while it imports a batch of downloads.
    for (const movie of movies) expect((await sendWebhook(svc, downloadBody(movie))).status).toBe(202);

    const placed = await waitFor(
      async () => {
        const rows = await db.select({ path: trailers.path, createdAt: trailers.createdAt }).from(trailers).where(eq(trailers.state, 'present'));
        return rows.length === ITEMS ? rows : undefined;
      },
      { timeoutMs: 240_000, intervalMs: 500, what: `${ITEMS} trailers placed` },
    );
    for (const { path } of placed) expect(existsSync(path), path).toBe(true);
    const times = placed.map((row) => row.createdAt.getTime());
    const burstSeconds = (Math.max(...times) - Math.min(...times)) / 1000;
    // Not a timing assertion: the one-summary check below is only meaningful if the burst fit the window.
    expect(burstSeconds, 'the burst outlasted the notification window; raise NOTIFY_WINDOW_SECONDS').toBeLessThan(NOTIFY_WINDOW_SECONDS);
    // One of them, probed: a real video, not a placeholder.
    expect((await probeMedia(process.env['FFPROBE_PATH'] ?? 'ffprobe', placed[0]!.path)).video).toBeDefined();
    // The import stored each movie's own poster (from Radarr's API, checked).
    const rows = await db.select({ arrId: media.arrId, posterRemoteUrl: media.posterRemoteUrl, posterPath: media.posterPath }).from(media);
    expect(rows.filter((row) => row.posterRemoteUrl === `https://image.tmdb.org/t/p/original/movie-${row.arrId}.jpg`)).toHaveLength(ITEMS);

    // Refreshes: every movie folder reaches Plex (mapped) and Jellyfin, in fewer calls than items.
    const folders = movies.map((movie) => String(movie['path']));
    await waitFor(() => new Set(plex.refreshes().map((r) => r.path)).size === ITEMS && new Set(jellyfin.updates().map((u) => u.Path)).size >= ITEMS, {
      timeoutMs: 60_000,
      intervalMs: 250,
      what: 'a refresh for every folder',
    });
    const plexPaths = plex.refreshes().map((r) => r.path);
    // Plex scans per folder: each movie's folder once, never once per file event.
    expect(plexPaths).toHaveLength(ITEMS);
    expect(new Set(plexPaths)).toEqual(new Set(folders.map((folder) => folder.replace(root, '/data/movies'))));
    const jellyfinPosts = jellyfin.requests.filter((r) => r.path === '/Library/Media/Updated');
    expect(jellyfinPosts.length).toBeLessThan(ITEMS);
    for (const folder of folders) expect(jellyfin.updates().some((u) => u.Path.startsWith(join(folder, '/')) || u.Path === folder), folder).toBe(true);

    // One summary per target once the window closes, not 50 messages: everything sent, then counted.
    await waitFor(async () => (await db.select({ id: outbox.id }).from(outbox)).length === 0, {
      timeoutMs: (NOTIFY_WINDOW_SECONDS + 60) * 1000,
      intervalMs: 500,
      what: 'the notification summary',
    });
    const [summary, ...more] = hooks.messages('/hook');
    expect(more).toEqual([]);
    expect(summary).toMatchObject({ title: `Previewarr: ${ITEMS} updates`, level: 'success' });
    expect(String(summary!['message'])).toContain(`Trailer placed ×${ITEMS}`);
    expect(hooks.messages('/api/webhooks/9/')).toHaveLength(1);
  }, 480_000);
});
