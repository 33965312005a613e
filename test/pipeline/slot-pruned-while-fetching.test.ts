// A slot pruned while its fetch runs stays pruned (issue #19): the featurette profile is re-scoped
// while the slot's download is under way, which deletes the slot's row at once; the download then
// fails, and the fetch's closing status write ("needs attention") must not write the row back, or
// the library's "missing featurette" filter would count a slot the plan no longer gives until the
// next sync. Real yt-dlp against the clip server, which holds its 404 until the profile is saved.
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateProfile } from '../../src/admin/profiles.ts';
import type { Db } from '../../src/db/client.ts';
import { jobProgress, outbox } from '../../src/db/schema/index.ts';
import { testBackend } from '../support/test-db.ts';
import { waitFor } from '../support/wait-for.ts';
import { apiClient } from '../ui/api-client.ts';
import { attemptRows, closePipelineWorld, insertMovie, openPipelineWorld, type PipelineWorld } from './pipeline-fixture.ts';
import { insertProfile, kindSearch, queueSlot, SEARCH_IDS, slotRow } from './slot-fixture.ts';

let world: PipelineWorld;
let db: Db;
let featuretteId: number;
let releaseDownload: () => void = () => {};
const downloadReleased = new Promise<void>((resolve) => (releaseDownload = resolve));

beforeAll(async () => {
  world = await openPipelineWorld('slot-pruned-running', {
    pipeline: { search: kindSearch([]) },
    // The featurette's video: the request is taken at once, answered (404: gone) only when released.
    prepareClips: async (clips) => clips.behave(SEARCH_IDS.featurette, { kind: 'status', status: 404, heldUntil: downloadReleased }),
  });
  db = world.svc.deps.database.db;
  featuretteId = await insertProfile(db, { name: 'Featurettes', kind: 'featurette', appliesTo: { mediaKinds: ['movie'], connectionIds: [], tags: [] } });
  // A target that asked for "needs attention" (no outbound worker runs here: its outbox rows stay).
  const target = await apiClient(world.svc)('/api/v1/notifications', {
    method: 'POST',
    json: { name: 'Waiting', kind: 'webhook', url: 'http://127.0.0.1:9/waiting', events: ['needs-attention', 'no-trailer'] },
  });
  expect(target.status, await target.clone().text()).toBe(201);
}, 120_000);

afterAll(async () => {
  releaseDownload();
  await closePipelineWorld(world);
});

/** The library's "missing featurette" count, through the API. */
async function missingFeaturettes(): Promise<number> {
  const res = await apiClient(world.svc)('/api/v1/media?missing=featurette&pageSize=100');
  expect(res.status).toBe(200);
  return ((await res.json()) as { total: number }).total;
}

describe(`a slot pruned while its fetch runs (${testBackend})`, () => {
  it('stays pruned when the fetch then fails: no row, and the missing count is 0', async () => {
    const folder = path.join(world.root, 'Pruned Midway (2021)');
    const mediaId = await insertMovie(db, { connectionId: world.connectionId, folder, title: 'Pruned Midway', year: 2021 });
    const slot = { mediaId, profileId: featuretteId };
    expect(await queueSlot(db, world.svc.boss, slot)).toBe(true);
    expect(await missingFeaturettes()).toBe(1);

    // The download has begun: yt-dlp's request waits at the clip server.
    await waitFor(() => world.clips.requests.some((request) => request.id === SEARCH_IDS.featurette), {
      timeoutMs: 60_000,
      what: 'the featurette download to start',
    });
    expect((await slotRow(db, slot))?.status).toBe('downloading');

    // Re-scoped to tagged items only (this movie has no tags): the save prunes the row at once.
    const saved = await updateProfile(db, featuretteId, { appliesTo: { tags: ['4k'] } });
    expect(saved.ok).toBe(true);
    expect(await slotRow(db, slot)).toBeUndefined();
    expect(await missingFeaturettes()).toBe(0);

    // Now the download fails; the job ends "needs attention" (its progress line written after the status).
    releaseDownload();
    const ended = await waitFor(
      async () => {
        const [progress] = await db.select().from(jobProgress).where(and(eq(jobProgress.mediaId, mediaId), eq(jobProgress.stage, 'failed')));
        return progress;
      },
      { timeoutMs: 60_000, what: 'the featurette fetch to end' },
    );
    expect(ended.detail).toMatch(/^featurette: every candidate failed/);
    expect(world.clips.requests.some((request) => request.id === SEARCH_IDS.featurette && request.status === 404)).toBe(true);
    expect((await attemptRows(db, mediaId)).map((attempt) => [attempt.profileId, attempt.outcome])).toEqual([[featuretteId, 'failed']]);

    expect(await slotRow(db, slot)).toBeUndefined();
    expect(await missingFeaturettes()).toBe(0);
    // Nor is a slot that is no longer the item's announced as needing attention.
    expect(await db.select().from(outbox).where(eq(outbox.channel, 'notification'))).toEqual([]);
  });
});
