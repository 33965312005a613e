// Shared by bench/pipeline.ts and bench/backfill.ts: a real service running only the pipeline
// workers on a fresh embedded database, the local clip server as the trailer host, and a media
// root; plus one item fetched start to finish, timed from enqueue to its trailer being in place.
import { and, eq, isNull } from 'drizzle-orm';
import path from 'node:path';
import { mediaSlots, trailerProfiles } from '../src/db/schema/index.ts';
import { claimSlotFetches } from '../src/library/slot-status.ts';
import { waitFor } from '../test/support/wait-for.ts';
import type { PipelineOptions } from '../src/pipeline/pipeline-runtime.ts';
import { startClipServer, type ClipServer } from '../test/support/clip-server.ts';
import type { TestService } from '../test/support/test-service.ts';
import {
  enqueueFetch,
  insertConnection,
  insertMovie,
  makeMediaRoot,
  removeMediaRoot,
  startPipelineService,
  waitForStatus,
} from '../test/pipeline/pipeline-fixture.ts';

export interface PipelineBenchEnv {
  svc: TestService;
  clips: ClipServer;
  root: string;
  connectionId: number;
  close(): Promise<void>;
}

export async function startPipelineBenchEnv(options: { defaultClip: string; env?: Record<string, string>; pipeline?: PipelineOptions }): Promise<PipelineBenchEnv> {
  const root = await makeMediaRoot('bench');
  const clips = await startClipServer({ defaultClip: options.defaultClip });
  const svc = await startPipelineService({ clips, env: { LOG_LEVEL: 'error', ...options.env }, ...(options.pipeline !== undefined ? { pipeline: options.pipeline } : {}) });
  const connectionId = await insertConnection(svc.deps.database.db, root);
  return {
    svc,
    clips,
    root,
    connectionId,
    async close() {
      await svc.stop();
      await clips.close();
      await removeMediaRoot(root);
    },
  };
}

export async function setProfile(env: PipelineBenchEnv, profile: Partial<typeof trailerProfiles.$inferInsert>): Promise<void> {
  await env.svc.deps.database.db.update(trailerProfiles).set(profile).where(eq(trailerProfiles.isDefault, true));
}

let itemCounter = 0;

/** Adds an item whose trailer is `videoId` on the clip server; returns its id. */
export async function addItem(env: PipelineBenchEnv, videoId: string): Promise<number> {
  itemCounter += 1;
  return insertMovie(env.svc.deps.database.db, {
    connectionId: env.connectionId,
    folder: path.join(env.root, `Bench Movie ${itemCounter} (2020)`),
    title: `Bench Movie ${itemCounter}`,
    youTubeTrailerId: videoId,
  });
}

/** Seconds from enqueue until the items have their trailers (throws if one does not). */
export async function fetchItems(env: PipelineBenchEnv, mediaIds: readonly number[], timeoutMs = 3_600_000): Promise<number> {
  const started = performance.now();
  await Promise.all(mediaIds.map((mediaId) => enqueueFetch(env.svc, { mediaId, reason: 'backfill' })));
  for (const mediaId of mediaIds) {
    const row = await waitForStatus(env.svc.deps.database.db, mediaId, ['have', 'needs-attention', 'external'], timeoutMs);
    if (row.trailerStatus !== 'have') throw new Error(`bench item ${mediaId} ended ${row.trailerStatus}: ${row.statusReason ?? ''}`);
  }
  return (performance.now() - started) / 1000;
}

/** Adds an enabled profile besides the default one (every item then has one more slot); returns its id. */
export async function addProfile(env: PipelineBenchEnv, profile: Partial<typeof trailerProfiles.$inferInsert> & { name: string }): Promise<number> {
  const [row] = await env.svc.deps.database.db.insert(trailerProfiles).values({ ...profile, enabled: true, isDefault: false }).returning({ id: trailerProfiles.id });
  if (row === undefined) throw new Error('the profile was not created');
  return row.id;
}

/**
 * Seconds from enqueue until the items have their main trailer and the file of the extra
 * profile `profileId`. The extra slots are claimed as the sync's backfill claims them; their
 * video is given as a chosen link to the same clip, because Radarr's trailer id serves only the
 * main trailer and a second slot would otherwise search YouTube, which this machine cannot reach.
 */
export async function fetchItemsWithExtra(
  env: PipelineBenchEnv,
  items: ReadonlyArray<{ mediaId: number; videoId: string }>,
  profileId: number,
  timeoutMs = 600_000,
): Promise<number> {
  const db = env.svc.deps.database.db;
  const started = performance.now();
  const claimed = await db.transaction((tx) => claimSlotFetches(tx, items.map((item) => ({ mediaId: item.mediaId, profileId, season: null }))));
  if (claimed.length !== items.length) throw new Error(`claimed ${claimed.length} extra files for ${items.length} items`);
  await Promise.all(
    items.flatMap(({ mediaId, videoId }) => [
      enqueueFetch(env.svc, { mediaId, reason: 'backfill' }),
      enqueueFetch(env.svc, { mediaId, reason: 'backfill', profileId, videoId: env.clips.url(videoId) }),
    ]),
  );
  const mediaIds = items.map((item) => item.mediaId);
  for (const mediaId of mediaIds) {
    const row = await waitForStatus(db, mediaId, ['have', 'needs-attention', 'external'], timeoutMs);
    if (row.trailerStatus !== 'have') throw new Error(`bench item ${mediaId} ended ${row.trailerStatus}: ${row.statusReason ?? ''}`);
    const slot = await waitFor(
      async () => {
        const [found] = await db
          .select()
          .from(mediaSlots)
          .where(and(eq(mediaSlots.mediaId, mediaId), eq(mediaSlots.profileId, profileId), isNull(mediaSlots.season)));
        return found !== undefined && ['have', 'needs-attention', 'external', 'skipped'].includes(found.status) ? found : undefined;
      },
      { timeoutMs, intervalMs: 100, what: `item ${mediaId}'s extra file` },
    );
    if (slot.status !== 'have') throw new Error(`bench item ${mediaId}'s extra file ended ${slot.status}: ${slot.statusReason ?? ''}`);
  }
  return (performance.now() - started) / 1000;
}
