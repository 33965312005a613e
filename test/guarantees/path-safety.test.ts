// Promise: whatever paths Radarr reports — `..` segments, a folder that is a symlink out of the
// root, a movie folder that is the root folder itself, an absolute path as the file name — nothing
// is written or deleted outside the mapped roots, and a delete removes only files the service
// itself wrote. Through the real path: webhook → inbox job → trailer pipeline (real yt-dlp and
// ffmpeg against the local clip server), with the user's own files in every folder.
import { eq } from 'drizzle-orm';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connections, media, webhookEvents } from '../../src/db/schema/index.ts';
import { startClipServer, type ClipServer } from '../support/clip-server.ts';
import { arrFixture, type JsonObject } from '../support/fake-arr-data.ts';
import { startFakeRadarr, type FakeArrServer } from '../support/fake-arr.ts';
import { postWebhook } from '../support/arr-webhook-client.ts';
import { testBackend } from '../support/test-db.ts';
import { startTestService, type TestService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';
import { snapshotTree } from './disk-snapshot.ts';

type Case = { id: number; title: string; folderPath: string; relativePath: string };

const GOOD: Case = { id: 1, title: 'Good', folderPath: '/movies/Good (2020)', relativePath: 'Good (2020).mkv' };
const DOTDOT: Case = { id: 2, title: 'Climber', folderPath: '/movies/../outside/Climber (2020)', relativePath: 'Climber (2020).mkv' };
const LINKED: Case = { id: 3, title: 'Linked', folderPath: '/movies/Linked (2020)', relativePath: 'Linked (2020).mkv' };
const AT_ROOT: Case = { id: 4, title: 'Rooted', folderPath: '/movies', relativePath: 'Rooted (2020).mkv' };
const ABSOLUTE: Case = { id: 5, title: 'Absolute', folderPath: '/movies/Absolute (2020)', relativePath: '/outside/Absolute (2020).mkv' };
const DOTDOT_FILE: Case = { id: 6, title: 'Escaper', folderPath: '/movies/Escaper (2020)', relativePath: '../../outside/Escaper (2020).mkv' };
const USER_TRAILER: Case = { id: 7, title: 'Owned', folderPath: '/movies/Owned (2020)', relativePath: 'Owned (2020).mkv' };

describe(`path safety through webhook → job → pipeline (${testBackend})`, () => {
  let svc: TestService;
  let clips: ClipServer;
  // Asked about each imported movie by the event job; it knows none (404: the webhook's facts stand).
  let radarr: FakeArrServer;
  let dir: string;
  let movies: string;
  let outside: string;
  let connectionId: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'previewarr-paths-'));
    movies = join(dir, 'movies');
    outside = join(dir, 'outside');
    for (const folder of ['Good (2020)', 'Absolute (2020)', 'Escaper (2020)', 'Owned (2020)']) {
      mkdirSync(join(movies, folder), { recursive: true });
      writeFileSync(join(movies, folder, `${folder}.mkv`), 'the movie');
      writeFileSync(join(movies, folder, 'poster.jpg'), 'the poster');
    }
    writeFileSync(join(movies, 'Rooted (2020).mkv'), 'a movie file lying in the root');
    writeFileSync(join(movies, 'notes.txt'), 'the user keeps notes here');
    // The user's own trailer, named exactly as ours would be: never ours to delete.
    writeFileSync(join(movies, 'Owned (2020)', 'Owned (2020)-trailer.mkv'), 'the user made this trailer');
    for (const folder of ['Climber (2020)', 'Linked (2020)', '']) mkdirSync(join(outside, folder), { recursive: true });
    writeFileSync(join(outside, 'Absolute (2020).mkv'), 'outside the root');
    writeFileSync(join(outside, 'Escaper (2020).mkv'), 'outside the root');
    symlinkSync(join(outside, 'Linked (2020)'), join(movies, 'Linked (2020)'));

    clips = await startClipServer();
    radarr = await startFakeRadarr({ movies: [], rootFolders: [] });
    svc = await startTestService({ env: { TRAILER_URL_TEMPLATE: clips.urlTemplate, WORKER_CONCURRENCY: '1', LOG_LEVEL: 'info' } });
    const [row] = await svc.deps.database.db
      .insert(connections)
      .values({ name: 'Radarr', kind: 'radarr', baseUrl: radarr.url, apiKey: radarr.apiKey, pathMappings: [{ remotePrefix: '/movies', localPrefix: movies }] })
      .returning({ id: connections.id });
    connectionId = row!.id;
    // As the library sync leaves them: each movie known with Radarr's trailer id (served locally).
    for (const item of [GOOD, DOTDOT, LINKED, AT_ROOT, ABSOLUTE, DOTDOT_FILE, USER_TRAILER]) {
      await svc.deps.database.db.insert(media).values({
        connectionId,
        arrId: item.id,
        kind: 'movie',
        title: item.title,
        year: 2020,
        folderPath: item.folderPath,
        youTubeTrailerId: `clip${item.id}abcdef`,
      });
    }
  }, 120_000);

  afterAll(async () => {
    await svc?.stop();
    await clips?.close();
    await radarr?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function send(body: JsonObject): Promise<number> {
    const reply = await postWebhook(`${svc.url}/webhooks/radarr`, body, { headers: { 'X-Api-Key': svc.apiKey } });
    expect(reply.status, reply.text).toBeLessThan(300);
    return (JSON.parse(reply.text) as { eventId: number }).eventId;
  }

  function importBody(item: Case): JsonObject {
    const body = arrFixture('radarr', 'webhook-download');
    body.movie = { ...body.movie, id: item.id, title: item.title, year: 2020, folderPath: item.folderPath };
    body.movieFile = { ...body.movieFile, id: item.id * 10, relativePath: item.relativePath, path: `${item.folderPath}/${item.relativePath}` };
    body.downloadId = `paths-${item.id}`;
    return body;
  }

  function deleteBody(item: Case): JsonObject {
    const body = arrFixture('radarr', 'webhook-movie-delete-with-files');
    body.movie = { ...body.movie, id: item.id, title: item.title, year: 2020, folderPath: item.folderPath };
    return body;
  }

  /** Waits until the event is settled and its item has no trailer work running. */
  async function settled(eventId: number, arrId: number) {
    const db = svc.deps.database.db;
    return waitFor(
      async () => {
        const [event] = await db.select().from(webhookEvents).where(eq(webhookEvents.id, eventId));
        if (!event || event.state === 'received') return undefined;
        const [item] = await db.select().from(media).where(eq(media.arrId, arrId));
        if (item && (item.trailerStatus === 'queued' || item.trailerStatus === 'downloading')) return undefined;
        return { event, item };
      },
      { timeoutMs: 120_000, intervalMs: 200, what: `event ${eventId} and its trailer work to settle` },
    );
  }

  it('writes only inside the root, and a delete takes only the trailer it wrote', async () => {
    const outsideBefore = snapshotTree(outside);
    const userFiles = snapshotTree(movies).filter((entry) => entry.kind !== 'dir');

    const outcomes = new Map<number, Awaited<ReturnType<typeof settled>>>();
    for (const item of [GOOD, DOTDOT, LINKED, AT_ROOT, ABSOLUTE, DOTDOT_FILE, USER_TRAILER]) {
      outcomes.set(item.id, await settled(await send(importBody(item)), item.id));
    }

    // The ordinary import got its trailer: the pipeline really ran, so the refusals below mean something.
    expect(outcomes.get(GOOD.id)?.item?.trailerStatus).toBe('have');
    expect(existsSync(join(movies, 'Good (2020)', 'Good (2020)-trailer.mkv'))).toBe(true);
    // Every hostile path is refused before any work, with a reason the events log shows.
    const refusals: Array<[Case, RegExp]> = [
      [DOTDOT, /'\.\.' segment/],
      [LINKED, /really .* is not inside a media root/],
      [AT_ROOT, /not inside any configured media root/],
      [ABSOLUTE, /is absolute/],
      [DOTDOT_FILE, /'\.\.' segment/],
    ];
    for (const [item, reason] of refusals) {
      const outcome = outcomes.get(item.id)!;
      expect(outcome.event.state, item.title).toBe('failed');
      expect(outcome.event.summary, item.title).toMatch(reason);
      expect(outcome.item?.trailerStatus, item.title).not.toBe('have');
    }
    // A trailer the user already had is kept as theirs, not replaced.
    expect(outcomes.get(USER_TRAILER.id)?.item?.trailerStatus).toBe('external');
    // Nothing outside the root changed; no user file inside it changed either.
    expect(snapshotTree(outside)).toEqual(outsideBefore);
    const after = snapshotTree(movies);
    for (const file of userFiles) expect(after, file.path).toContainEqual(file);
    // Every new file is a trailer in a folder under the root (no stray partials or work files).
    const added = after.filter((entry) => entry.kind !== 'dir' && !userFiles.some((file) => file.path === entry.path));
    expect(added.filter((entry) => !/-trailer\.mkv$/.test(entry.path) && !/(^|\/)Trailers\//.test(entry.path))).toEqual([]);
    expect(added.every((entry) => !entry.path.startsWith('..'))).toBe(true);

    // Radarr deletes the movies with their files: our trailer goes, the user's files stay, and a
    // movie whose folder is the root never takes the root or anything in it but our own file.
    const withOurTrailer = snapshotTree(movies).filter((entry) => entry.kind !== 'dir');
    for (const item of [GOOD, AT_ROOT, USER_TRAILER, LINKED]) await settled(await send(deleteBody(item)), item.id);
    await waitFor(async () => !existsSync(join(movies, 'Good (2020)', 'Good (2020)-trailer.mkv')), { timeoutMs: 60_000, what: 'our trailer to be deleted' });
    const final = snapshotTree(movies);
    for (const file of userFiles) expect(final, file.path).toContainEqual(file);
    const removed = withOurTrailer.filter((entry) => !final.some((kept) => kept.path === entry.path)).map((entry) => entry.path);
    expect(removed.every((path) => /-trailer\.mkv$/.test(path))).toBe(true);
    expect(removed).toContain(join('Good (2020)', 'Good (2020)-trailer.mkv'));
    expect(existsSync(join(movies, 'Owned (2020)', 'Owned (2020)-trailer.mkv'))).toBe(true);
    expect(snapshotTree(outside)).toEqual(outsideBefore);
  }, 400_000);
});
