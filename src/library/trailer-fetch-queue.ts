// Queueing a trailer fetch for an item: the one place that decides a fetch job's priority (from
// why it was asked), its singleton key, the item's `queued` status and the dashboard's progress
// row. Imports, user requests, the pipeline's own re-scheduling and the sync's bulk backfill all
// go through here, always inside the caller's transaction (the job exists exactly when the rows
// that asked for it were committed).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { JobInsert, PgBoss } from 'pg-boss';
import type { Db, Tx } from '../db/client.ts';
import { jobProgress, media } from '../db/schema/index.ts';
import { enqueueInTransaction, enqueueManyInTransaction } from '../jobs/enqueue.ts';
import type { JobPayload } from '../jobs/payloads.ts';
import { PRIORITY, QUEUES } from '../jobs/queues.ts';
import { mainProfileId, mainTrailerPresentSql } from './main-profile.ts';
import { setSlotStatus, type SlotClaim } from './slot-status.ts';

export type TrailerFetchRequest = JobPayload<'trailer-fetch'>;
export type FetchReason = TrailerFetchRequest['reason'];

/** Fresh imports first, then what a person asked for, then the library backfill. */
export function fetchPriority(reason: FetchReason): number {
  switch (reason) {
    case 'import':
      return PRIORITY.import;
    case 'user':
      return PRIORITY.userRequest;
    case 'backfill':
    case 'refetch':
      return PRIORITY.backfill;
  }
}

/** The key every trailer-fetch of one item shares, so a queue view can tell them apart by item. */
export function trailerJobKey(mediaId: number): string {
  return `trailer:${mediaId}`;
}

function fetchJob(data: TrailerFetchRequest, startAfter?: Date): JobInsert {
  return { data, priority: fetchPriority(data.reason), singletonKey: trailerJobKey(data.mediaId), ...(startAfter ? { startAfter } : {}) };
}

/**
 * Moves the item to `queued` if it still needs a trailer: status `missing`, no external trailer
 * and no present trailer of ours. Atomic, so of two workers racing on one item only one wins;
 * returns whether this call did (and so must queue the fetch in the same transaction).
 */
export async function claimTrailerFetch(tx: Tx, mediaId: number): Promise<boolean> {
  const claimed = await tx
    .update(media)
    .set({ trailerStatus: 'queued', statusReason: null, updatedAt: new Date() })
    .where(
      and(
        eq(media.id, mediaId),
        eq(media.trailerStatus, 'missing'),
        // Switched off or excluded by the user: no webhook fetches it until switched back.
        eq(media.trailerMonitored, true),
        sql`${media.excludedReason} is null`,
        sql`${media.externalTrailerPath} is null`,
        sql`not ${mainTrailerPresentSql(sql`${media.id}`, await mainProfileId(tx))}`,
      ),
    )
    .returning({ id: media.id });
  return claimed.length > 0;
}

/** Items whose fetch jobs exist already (made due again after a restart): shown `queued` with why. */
export async function showTrailersQueued(db: Db | Tx, mediaIds: readonly number[], statusReason: string): Promise<void> {
  if (mediaIds.length === 0) return;
  await db.update(media).set({ trailerStatus: 'queued', statusReason, updatedAt: new Date() }).where(inArray(media.id, [...mediaIds]));
}

export type QueueFetchOptions = {
  /**
   * Shown with the item's `queued` status and on its progress row (null: no reason). Undefined
   * leaves status and progress as they are (a job waiting on another one for the same item).
   */
  statusReason?: string | null;
  /** Not before then (a cool-off, a back-off). */
  startAfter?: Date;
};

/** Queues one item's fetch. Returns the job id. */
export async function queueTrailerFetch(boss: PgBoss, tx: Tx, data: TrailerFetchRequest, options: QueueFetchOptions = {}): Promise<string | null> {
  const { statusReason } = options;
  if (statusReason !== undefined && data.profileId !== undefined) {
    // Another slot than the main trailer: its own state row; the item's progress row is the main trailer's.
    await setSlotStatus(tx, data, 'queued', statusReason);
  } else if (statusReason !== undefined) {
    await tx
      .update(media)
      .set({ trailerStatus: 'queued', statusReason: statusReason?.slice(0, 1000) ?? null, updatedAt: new Date() })
      .where(eq(media.id, data.mediaId));
    // Shown as "queued" on the dashboard at once, before a worker picks the job up.
    const progress = { stage: 'queued' as const, percent: null, detail: statusReason };
    await tx
      .insert(jobProgress)
      .values({ mediaId: data.mediaId, ...progress })
      .onConflictDoUpdate({ target: jobProgress.mediaId, set: { ...progress, updatedAt: new Date() } });
  }
  const { data: payload, ...job } = fetchJob(data, options.startAfter);
  return enqueueInTransaction(boss, tx, QUEUES.trailerFetch, payload as object, job);
}

/**
 * Queues the fetches of many items in one statement. The caller moved them to `queued` already,
 * with a conditional update in the same transaction (so no item is queued twice); no progress
 * rows, which would flood the dashboard with a whole library. Returns how many were queued.
 */
export async function queueTrailerFetches(boss: PgBoss, tx: Tx, mediaIds: readonly number[], reason: Extract<FetchReason, 'backfill' | 'refetch'>): Promise<number> {
  const jobs = mediaIds.map((mediaId) => fetchJob({ mediaId, reason }));
  return (await enqueueManyInTransaction(boss, tx, QUEUES.trailerFetch, jobs)).length;
}

/**
 * Queues the fetches of many extra slots in one statement; the caller claimed them already
 * (`claimSlotFetches`, same transaction). Returns how many were queued.
 */
export async function queueSlotFetches(boss: PgBoss, tx: Tx, slots: readonly SlotClaim[], reason: FetchReason): Promise<number> {
  const jobs = slots.map((slot) => fetchJob({ mediaId: slot.mediaId, reason, profileId: slot.profileId, ...(slot.season !== null ? { season: slot.season } : {}) }));
  return (await enqueueManyInTransaction(boss, tx, QUEUES.trailerFetch, jobs)).length;
}
