// Every import gets its trailer at once, the way a new user meets the product: add the Radarr
// connection (no path mappings: Radarr's root folder is the same path here), import a movie.
// Through the real route, event job and pipeline with real yt-dlp/ffmpeg against the local clip
// server; the fake Radarr is the only source of the movie's trailer id (the webhook never has it).
import { eq } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connections } from '../../src/db/schema/index.ts';
import { QUEUES } from '../../src/jobs/queues.ts';
import { ffmpeg } from '../pipeline/pipeline-fixture.ts';
import type { ClipServer } from '../support/clip-server.ts';
import type { FakeArrServer } from '../support/fake-arr.ts';
import { testBackend } from '../support/test-db.ts';
import { waitFor } from '../support/wait-for.ts';
import { addRadarr, api, arrMovie, downloadBody, eventById, sendWebhook, openImportWorld, closeImportWorld, trailerPlaced, type ImportWorld } from './arr-import-kit.ts';

describe(`an import gets Radarr's own trailer without any manual sync (${testBackend})`, () => {
  let world: ImportWorld;
  let clips: ClipServer;
  let radarr: FakeArrServer;
  let root: string;
  let connectionId: number;

  beforeAll(async () => {
    world = await openImportWorld('import');
    ({ clips, radarr, root } = world);
  }, 120_000);

  afterAll(async () => {
    await closeImportWorld(world);
  });

  it('a Download sent right after the connection is created, before its first sync read anything, for an unmonitored movie', async () => {
    const movie = arrMovie(root, { id: 11, title: 'Quiet Harbour', trailerId: 'radarrQH001', monitored: false });
    radarr.upsert(movie);
    // The first sync reads the library slowly: it has stored no root folders yet when the webhook comes.
    radarr.fail({ mode: 'delay', ms: 4_000, path: /^\/api\/v3\/movie$/, times: 1 });
    connectionId = await addRadarr(world.svc, radarr);
    const reply = await sendWebhook(world.svc, downloadBody(movie));
    expect(reply.status).toBe(202);

    const { item, trailer } = await trailerPlaced(world.svc, 11);
    expect(item).toMatchObject({ youTubeTrailerId: 'radarrQH001', monitored: false, statusReason: null });
    expect(trailer.sourceVideoId).toBe('radarrQH001');
    expect(trailer.path).toBe(join(root, 'Quiet Harbour (2020)', 'Quiet Harbour (2020)-trailer.mkv'));
    const probe = await ffmpeg.probe(trailer.path);
    expect(probe.video?.codec).toBe('h264');
    expect(new Set(clips.requests.map((request) => request.id))).toEqual(new Set(['radarrQH001']));
    expect(world.searches).toEqual([]);
    const event = await eventById(world.svc, Number(reply.json['eventId']));
    expect(event).toMatchObject({ state: 'processed', summary: 'added "Quiet Harbour" (2020); trailer fetch queued' });
    // Radarr was asked for its root folders and the movie by the event job, not by a sync the user ran.
    expect(radarr.requests.map((request) => request.path)).toEqual(expect.arrayContaining(['/api/v3/rootfolder', '/api/v3/movie/11']));
  }, 120_000);

  it('a movie added to Radarr after the first sync gets its Radarr trailer the same way', async () => {
    await waitFor(
      async () => (await world.svc.deps.database.db.select().from(connections).where(eq(connections.id, connectionId)))[0]?.lastSyncAt,
      { timeoutMs: 60_000, what: 'the first sync to finish' },
    );
    const movie = arrMovie(root, { id: 12, title: 'Late Arrival', trailerId: 'radarrLA002', monitored: true });
    radarr.upsert(movie);
    const reply = await sendWebhook(world.svc, downloadBody(movie));
    expect(reply.status).toBe(202);
    const { trailer } = await trailerPlaced(world.svc, 12);
    expect(trailer.sourceVideoId).toBe('radarrLA002');
    expect(world.searches).toEqual([]);
  }, 120_000);

  it('while Radarr cannot be reached the import waits (shown with its next try) instead of searching', async () => {
    const movie = arrMovie(root, { id: 13, title: 'Down Time', trailerId: 'radarrDT003', monitored: true });
    radarr.upsert(movie);
    radarr.fail({ mode: 'status', status: 503, path: '/api/v3/movie/13', times: 1 });
    const reply = await sendWebhook(world.svc, downloadBody(movie));
    const eventId = Number(reply.json['eventId']);
    const waiting = await waitFor(async () => {
      const event = await eventById(world.svc, eventId);
      return event?.nextTryAt ? event : undefined;
    }, { what: 'the event to wait for Radarr' });
    expect(waiting.summary).toMatch(/^waiting: Radarr \("Radarr"\) could not be asked about movie 13 "Down Time": /);
    const listed = await api(world.svc, 'GET', '/api/v1/events?state=received');
    expect(listed.json['items']).toContainEqual(expect.objectContaining({ id: eventId, nextTryAt: waiting.nextTryAt?.toISOString() }));
    // Retried at once through the API, rather than at the scheduled time.
    expect((await api(world.svc, 'POST', `/api/v1/events/${eventId}/retry`)).status).toBe(202);
    const { trailer } = await trailerPlaced(world.svc, 13);
    expect(trailer.sourceVideoId).toBe('radarrDT003');
    expect(world.searches).toEqual([]);
  }, 120_000);

  it('a failed event is run again through the API, and by a re-delivery of the same body', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'previewarr-elsewhere-'));
    try {
      for (const [id, title] of [
        [14, 'Wrong Mount'],
        [15, 'Sent Twice'],
      ] as const) {
        const movie = arrMovie(elsewhere, { id, title, trailerId: `radarrWM0${id}`, monitored: true });
        radarr.upsert(movie);
        const first = await sendWebhook(world.svc, downloadBody(movie));
        const eventId = Number(first.json['eventId']);
        const failed = await waitFor(async () => {
          const event = await eventById(world.svc, eventId);
          return event?.state === 'failed' ? event : undefined;
        }, { what: `event ${eventId} to fail` });
        expect(failed.summary).toMatch(/is not inside any configured media root/);
        // The user adds the missing mapping: that folder is a root now.
        const mapped = await api(world.svc, 'PATCH', `/api/v1/connections/${connectionId}`, { pathMappings: [{ remotePrefix: elsewhere, localPrefix: elsewhere }] });
        expect(mapped.status).toBe(200);
        const again = id === 14 ? await api(world.svc, 'POST', `/api/v1/events/${eventId}/retry`) : await sendWebhook(world.svc, downloadBody(movie));
        expect(again.status).toBe(202);
        if (id === 15) expect(again.json).toMatchObject({ eventId, duplicate: false, state: 'received' });
        const { trailer } = await trailerPlaced(world.svc, id);
        expect(trailer.sourceVideoId).toBe(`radarrWM0${id}`);
        expect(await eventById(world.svc, eventId)).toMatchObject({ state: 'processed' });
        await api(world.svc, 'PATCH', `/api/v1/connections/${connectionId}`, { pathMappings: [] });
      }
      expect((await api(world.svc, 'POST', '/api/v1/events/999999/retry')).status).toBe(404);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  }, 180_000);

  // Last: it deletes the connection.
  it('a connection deleted while its import is being applied: the event settles at once as needing set-up, its job does not fail', async () => {
    const movie = arrMovie(root, { id: 16, title: 'Pulled Plug', trailerId: 'radarrPP016', monitored: true });
    radarr.upsert(movie);
    radarr.fail({ mode: 'delay', ms: 2_000, path: '/api/v3/movie/16', times: 1 });
    const reply = await sendWebhook(world.svc, downloadBody(movie));
    const eventId = Number(reply.json['eventId']);
    await waitFor(() => radarr.requests.some((request) => request.path === '/api/v3/movie/16'), { what: 'the event job to ask Radarr about the movie' });
    // The delete lands while the event job waits on Radarr: its media row then refers to a
    // connection that is gone (the row is deleted directly, so the job is not cancelled first).
    await world.svc.deps.database.db.delete(connections).where(eq(connections.id, connectionId));
    const settled = await waitFor(async () => {
      const event = await eventById(world.svc, eventId);
      return event && event.state !== 'received' ? event : undefined;
    }, { timeoutMs: 30_000, what: 'the event to settle' });
    expect(settled).toMatchObject({ state: 'needs-setup', connectionId: null });
    const [job] = await world.svc.boss.findJobs(QUEUES.webhookEvent, { data: { eventId } });
    expect(job).toMatchObject({ state: 'completed', retryCount: 0 });
  }, 60_000);
});
