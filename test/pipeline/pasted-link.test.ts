// User choices stick: "Use this" replaces a pasted link (a later Replace does not download the link
// again), a pasted link that fails is reported on the item and keeps the trailer it has without
// trying another video, and a pasted link can be forgotten. Through the JSON API the item page
// uses, the real event job and pipeline, the local clip server and a fake Radarr.
import { and, eq } from 'drizzle-orm';
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadAttempts } from '../../src/db/schema/index.ts';
import { addRadarr, api, arrMovie, downloadBody, sendWebhook, openImportWorld, closeImportWorld, trailerPlaced, type ImportWorld } from '../inbox/arr-import-kit.ts';
import type { ClipServer } from '../support/clip-server.ts';
import type { FakeArrServer } from '../support/fake-arr.ts';
import { testBackend } from '../support/test-db.ts';
import { waitFor } from '../support/wait-for.ts';
import { attemptRows, mediaRow } from './pipeline-fixture.ts';

const youtube = (id: string) => `https://www.youtube.com/watch?v=${id}`;

describe(`pasted links and chosen videos (${testBackend})`, () => {
  let world: ImportWorld;
  let clips: ClipServer;
  let radarr: FakeArrServer;
  let root: string;

  beforeAll(async () => {
    world = await openImportWorld('choices');
    ({ clips, radarr, root } = world);
    await addRadarr(world.svc, radarr);
  }, 120_000);

  afterAll(async () => {
    await closeImportWorld(world);
  });

  /** Imports the movie through its webhook; resolves with its media id once Radarr's trailer is placed. */
  async function imported(id: number, title: string, trailerId: string): Promise<number> {
    const movie = arrMovie(root, { id, title, trailerId, monitored: true });
    radarr.upsert(movie);
    expect((await sendWebhook(world.svc, downloadBody(movie))).status).toBe(202);
    const { item, trailer } = await trailerPlaced(world.svc, id);
    expect(trailer.sourceVideoId).toBe(trailerId);
    return item.id;
  }

  /** Waits for the item's attempts to number `count`, none running and the item settled. */
  async function settledAfter(mediaId: number, count: number) {
    const db = world.svc.deps.database.db;
    return waitFor(
      async () => {
        const attempts = await attemptRows(db, mediaId);
        const item = await mediaRow(db, mediaId);
        const busy = item?.trailerStatus === 'queued' || item?.trailerStatus === 'downloading' || attempts.some((a) => a.outcome === 'running');
        return attempts.length >= count && !busy ? { attempts, item: item! } : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 100, what: `item ${mediaId} to settle after ${count} attempts` },
    );
  }

  it('"Use this" on another candidate replaces the pasted link; Replace then downloads the chosen one, not the link', async () => {
    const mediaId = await imported(21, 'Second Thoughts', 'radarrST021');
    expect((await api(world.svc, 'PUT', `/api/v1/media/${mediaId}/source-url`, { url: youtube('pastedST021') })).status).toBe(202);
    let settled = await settledAfter(mediaId, 2);
    expect(settled.attempts.at(-1)).toMatchObject({ sourceVideoId: 'pastedST021', outcome: 'succeeded' });

    expect((await api(world.svc, 'POST', `/api/v1/media/${mediaId}/choose`, { videoId: 'radarrST021' })).status).toBe(202);
    settled = await settledAfter(mediaId, 3);
    expect(settled.attempts.at(-1)).toMatchObject({ sourceVideoId: 'radarrST021', outcome: 'succeeded' });
    expect(settled.item.userSourceUrl).toBeNull();

    expect((await api(world.svc, 'POST', `/api/v1/media/${mediaId}/fetch`, { force: true })).status).toBe(202);
    settled = await settledAfter(mediaId, 4);
    expect(settled.attempts.at(-1)).toMatchObject({ sourceVideoId: 'radarrST021', outcome: 'succeeded' });
    expect(settled.attempts.filter((attempt) => attempt.sourceVideoId === 'pastedST021')).toHaveLength(1);
  }, 180_000);

  it('a pasted link that fails keeps the trailer, tries nothing else and says so on the item; it can be forgotten', async () => {
    const mediaId = await imported(22, 'Broken Promise', 'radarrBP022');
    const { trailer } = await trailerPlaced(world.svc, 22);
    const before = statSync(trailer.path);
    clips.behave('brokenBP022', { kind: 'status', status: 404 });

    expect((await api(world.svc, 'PUT', `/api/v1/media/${mediaId}/source-url`, { url: youtube('brokenBP022') })).status).toBe(202);
    const settled = await settledAfter(mediaId, 2);
    expect(settled.attempts.map((attempt) => attempt.sourceVideoId)).toEqual(['radarrBP022', 'brokenBP022']);
    expect(settled.item).toMatchObject({ trailerStatus: 'have', statusReason: 'the link you pasted could not be downloaded: video does not exist (HTTP 404)' });
    const after = statSync(trailer.path);
    expect([after.ino, after.size, after.mtimeMs]).toEqual([before.ino, before.size, before.mtimeMs]);
    // The page's alternatives were looked up (a user's fetch loads every source), none downloaded.
    expect(clips.requests.filter((request) => request.id !== 'radarrBP022' && request.id !== 'brokenBP022' && request.id?.endsWith('022'))).toEqual([]);

    const detail = await api(world.svc, 'GET', `/api/v1/media/${mediaId}`);
    expect(detail.json['media']).toMatchObject({ statusReason: 'the link you pasted could not be downloaded: video does not exist (HTTP 404)' });

    const forgot = await api(world.svc, 'PUT', `/api/v1/media/${mediaId}/source-url`, { url: null });
    expect(forgot).toMatchObject({ status: 200, json: { message: 'Forgot the pasted link of "Broken Promise".' } });
    expect(await mediaRow(world.svc.deps.database.db, mediaId)).toMatchObject({ userSourceUrl: null, statusReason: null, trailerStatus: 'have' });
    const brokenTries = await world.svc.deps.database.db
      .select()
      .from(downloadAttempts)
      .where(and(eq(downloadAttempts.mediaId, mediaId), eq(downloadAttempts.sourceVideoId, 'brokenBP022')));
    expect(brokenTries).toHaveLength(1);
  }, 180_000);
});
