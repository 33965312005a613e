// Preview mode (issue #21): a Radarr connection that only previews syncs and ranks its library and
// takes webhook imports, records what it would download, and downloads nothing: the media folders
// stay byte for byte as they were, no attempt row exists and the clip server sees no request.
// Switching preview off queues the real fetches, and the trailers land on disk.
// Through the real API, sync, event job and pipeline (real yt-dlp/ffmpeg against the clip server).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connections, downloadAttempts, media, trailerCandidates, trailerPreviews, type MediaRow } from '../../src/db/schema/index.ts';
import { previewReplySchema } from '../../src/routes/api/connection-replies.ts';
import { testBackend } from '../support/test-db.ts';
import { waitFor } from '../support/wait-for.ts';
import { api, arrMovie, closeImportWorld, downloadBody, openImportWorld, sendWebhook, trailerPlaced, type ImportWorld } from '../inbox/arr-import-kit.ts';
import { ffmpeg, listFiles } from './pipeline-fixture.ts';

/** Every file under the root with the SHA-256 of its bytes: "unchanged" means byte for byte. */
async function snapshot(root: string): Promise<Record<string, string>> {
  const files = await listFiles(root);
  const entries = await Promise.all(files.map(async (file) => [file, createHash('sha256').update(await readFile(path.join(root, file))).digest('hex')] as const));
  return Object.fromEntries(entries);
}

describe(`a connection in preview mode ranks and records, and downloads nothing (${testBackend})`, () => {
  let world: ImportWorld;
  let connectionId: number;

  beforeAll(async () => {
    world = await openImportWorld('preview');
  }, 120_000);

  afterAll(async () => {
    await closeImportWorld(world);
  });

  const db = () => world.svc.deps.database.db;
  const item = async (arrId: number): Promise<MediaRow | undefined> => (await db().select().from(media).where(eq(media.arrId, arrId)))[0];
  const settled = (arrId: number, statuses: readonly string[]) =>
    waitFor(async () => {
      const row = await item(arrId);
      return row !== undefined && statuses.includes(row.trailerStatus) ? row : undefined;
    }, { timeoutMs: 60_000, intervalMs: 100, what: `movie ${arrId} to reach ${statuses.join('/')}` });
  const attemptsOf = async (ids: number[]) => db().select().from(downloadAttempts).where(inArray(downloadAttempts.mediaId, ids));

  it('the first sync ranks every monitored movie and records what it would download; nothing is written', async () => {
    const withTrailer = arrMovie(world.root, { id: 21, title: 'Paper Moons', trailerId: 'prevPM00021', monitored: true });
    // No trailer id in Radarr and a search that finds nothing: nothing acceptable.
    const without = { ...arrMovie(world.root, { id: 22, title: 'Blank Reel', trailerId: 'unused', monitored: true }), youTubeTrailerId: '' };
    world.radarr.upsert(withTrailer);
    world.radarr.upsert(without);
    const before = await snapshot(world.root);

    const created = await api(world.svc, 'POST', '/api/v1/connections', { name: 'Radarr', kind: 'radarr', baseUrl: world.radarr.url, apiKey: world.radarr.apiKey, previewOnly: true });
    expect(created.status).toBe(201);
    expect(created.json['connection']).toMatchObject({ previewOnly: true });
    connectionId = Number((created.json['connection'] as { id: number }).id);

    const previewed = await settled(21, ['preview']);
    const nothing = await settled(22, ['needs-attention', 'no-trailer-yet']);
    expect(previewed.statusReason).toMatch(/^preview: would download http:\/\/127\.0\.0\.1:\d+\/clips\/prevPM00021\.mp4 \(radarr, score \d+\)$/);
    expect(nothing.statusReason).toMatch(/no usable trailer found/);
    // Ranked for real: the candidate is stored with its score and reasons, and recorded as the pick.
    const candidates = await db().select().from(trailerCandidates).where(eq(trailerCandidates.mediaId, previewed.id));
    expect(candidates).toEqual([expect.objectContaining({ videoId: 'prevPM00021', source: 'radarr', excluded: false })]);
    const [pick] = await db().select().from(trailerPreviews).where(eq(trailerPreviews.mediaId, previewed.id));
    expect(pick).toMatchObject({ videoId: 'prevPM00021', source: 'radarr', score: candidates[0]!.score, reasons: candidates[0]!.reasons });
    expect(world.searches).toContain('Blank Reel 2020 trailer');
    // Nothing downloaded or written: no attempt, no request to the trailer host, the same bytes on disk.
    expect(await attemptsOf([previewed.id, nothing.id])).toEqual([]);
    expect(world.clips.requests).toEqual([]);
    expect(await snapshot(world.root)).toEqual(before);
    // The dashboard counts it as previewed, not as having a trailer.
    const status = await api(world.svc, 'GET', '/api/v1/status');
    expect(status.json['counts']).toMatchObject({ have: 0, preview: 1 });
  }, 120_000);

  it('lists the would-be downloads in the API', async () => {
    const reply = await api(world.svc, 'GET', `/api/v1/connections/${connectionId}/preview`);
    expect(reply.status).toBe(200);
    const body = previewReplySchema.parse(reply.json);
    expect(body.connection).toEqual({ id: connectionId, name: 'Radarr', kind: 'radarr', previewOnly: true, enabled: true });
    expect(body.counts).toEqual({ wouldDownload: 1, nothingAcceptable: 1, inProgress: 0, notPreviewed: 0 });
    expect(body.wouldDownload).toEqual([
      expect.objectContaining({ title: 'Paper Moons', year: 2020, kind: 'movie', videoId: 'prevPM00021', source: 'radarr', url: world.clips.url('prevPM00021') }),
    ]);
    expect(body.nothingAcceptable).toEqual([expect.objectContaining({ title: 'Blank Reel', reason: expect.stringMatching(/no usable trailer found/) })]);
    expect((await api(world.svc, 'GET', '/api/v1/connections/999999/preview')).status).toBe(404);
  });

  it('a webhook import of that connection only previews too', async () => {
    const movie = arrMovie(world.root, { id: 23, title: 'Glass Harbour', trailerId: 'prevGH00023', monitored: true });
    world.radarr.upsert(movie);
    const before = await snapshot(world.root);
    const reply = await sendWebhook(world.svc, downloadBody(movie));
    expect(reply.status).toBe(202);
    const previewed = await settled(23, ['preview']);
    expect(previewed.statusReason).toContain('prevGH00023');
    expect(await attemptsOf([previewed.id])).toEqual([]);
    expect(world.clips.requests).toEqual([]);
    expect(await snapshot(world.root)).toEqual(before);
  }, 120_000);

  it('Run preview ranks the previewed items again, still without downloading', async () => {
    const first = (await db().select().from(trailerPreviews).where(eq(trailerPreviews.mediaId, (await item(21))!.id)))[0]!;
    const run = await api(world.svc, 'POST', `/api/v1/connections/${connectionId}/preview`);
    expect(run.status).toBe(202);
    expect(run.json).toMatchObject({ ok: true, syncJobId: expect.any(String) });
    await waitFor(
      async () => {
        const [pick] = await db().select().from(trailerPreviews).where(eq(trailerPreviews.mediaId, first.mediaId));
        return pick !== undefined && pick.previewedAt > first.previewedAt && (await item(21))?.trailerStatus === 'preview';
      },
      { timeoutMs: 60_000, what: 'a new preview of Paper Moons' },
    );
    expect(world.clips.requests).toEqual([]);
  }, 120_000);

  it('switching preview off queues the real fetches, and the trailers land on disk', async () => {
    const reply = await api(world.svc, 'PATCH', `/api/v1/connections/${connectionId}`, { previewOnly: false });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ connection: { previewOnly: false }, previewFetchesQueued: 2 });
    for (const [arrId, videoId] of [
      [21, 'prevPM00021'],
      [23, 'prevGH00023'],
    ] as const) {
      const { trailer } = await trailerPlaced(world.svc, arrId);
      expect(trailer.sourceVideoId).toBe(videoId);
      const probe = await ffmpeg.probe(trailer.path);
      expect(probe.video?.codec).toBe('h264');
    }
    expect(await db().select().from(trailerPreviews)).toEqual([]);
    const [row] = await db().select().from(connections).where(eq(connections.id, connectionId));
    expect(row?.previewOnly).toBe(false);
    // The preview is over: asking for another run says so.
    expect((await api(world.svc, 'POST', `/api/v1/connections/${connectionId}/preview`)).status).toBe(409);
  }, 180_000);

  it('preview switched on again: a replacement the user asks for is only previewed, and the trailer there stays', async () => {
    expect((await api(world.svc, 'PATCH', `/api/v1/connections/${connectionId}`, { previewOnly: true })).json).toMatchObject({ connection: { previewOnly: true } });
    const movie = (await item(21))!;
    const attempts = (await attemptsOf([movie.id])).length;
    const requests = world.clips.requests.length;
    const before = await snapshot(world.root);
    expect((await api(world.svc, 'POST', `/api/v1/media/${movie.id}/fetch`, { force: true })).status).toBe(202);
    const pick = await waitFor(async () => (await db().select().from(trailerPreviews).where(eq(trailerPreviews.mediaId, movie.id)))[0], {
      timeoutMs: 60_000,
      what: 'the previewed replacement',
    });
    expect(pick.videoId).toBe('prevPM00021');
    const after = await settled(21, ['have']);
    expect(after.statusReason).toMatch(/^preview: would download /);
    expect((await attemptsOf([movie.id])).length).toBe(attempts);
    expect(world.clips.requests.length).toBe(requests);
    expect(await snapshot(world.root)).toEqual(before);
  }, 120_000);
});
