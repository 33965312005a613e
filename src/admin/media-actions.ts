import { and, asc, eq, isNull, or } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Db, Tx } from '../db/client.ts';
import { readSettings } from '../db/settings-store.ts';
import { sourceUrlProblem, withoutCredentials } from '../domain/source-url.ts';
import { media, trailerCandidates, trailers, videoBlocklist } from '../db/schema/index.ts';
import { enqueueInTransaction } from '../jobs/enqueue.ts';
import { jobPayloads } from '../jobs/payloads.ts';
import { PRIORITY, QUEUES } from '../jobs/queues.ts';
import { queueTrailerFetch } from '../library/trailer-fetch-queue.ts';
import { PASTED_LINK_FAILED } from '../pipeline/pasted-link.ts';
import { loadProfile } from '../pipeline/trailer-profile.ts';
import { videoIdForPastedUrl } from '../sources/trailer-url.ts';

// What a person can do to one library item, for the pages and the JSON API alike. Each action
// changes its rows and enqueues its job in one transaction: a job exists exactly when its rows do.

export type ActionDeps = { db: Db; boss: PgBoss | null };

export type ActionResult =
  | { ok: true; message: string; jobId?: string | null }
  | { ok: false; status: 400 | 404 | 409 | 503; error: string; message: string; issues?: Array<{ path: string; message: string }> };

const notFound = (id: number): ActionResult => ({ ok: false, status: 404, error: 'not_found', message: `No library item with id ${id}` });
const noQueue: ActionResult = { ok: false, status: 503, error: 'unavailable', message: 'The job queue is not running; try again in a moment.' };

async function findMedia(db: Db, id: number) {
  const [row] = await db.select().from(media).where(eq(media.id, id));
  return row;
}

function enqueueFetch(boss: PgBoss, tx: Tx, mediaId: number, data: { force: boolean; videoId?: string }, reason: string) {
  const payload = jobPayloads['trailer-fetch'].parse({ mediaId, reason: 'user', ...data });
  return queueTrailerFetch(boss, tx, payload, { statusReason: reason });
}

/**
 * Fetch the trailer now, ahead of backfill. An item that already has a trailer (ours or the
 * user's own) is only replaced with `force`; a user request already waiting is not doubled.
 */
export async function requestTrailerFetch(deps: ActionDeps, mediaId: number, options: { force: boolean; videoId?: string }): Promise<ActionResult> {
  const { db, boss } = deps;
  if (!boss) return noQueue;
  const item = await findMedia(db, mediaId);
  if (!item) return notFound(mediaId);
  if (item.removedAt) {
    return { ok: false, status: 409, error: 'removed', message: `"${item.title}" is no longer in ${item.kind === 'movie' ? 'Radarr' : 'Sonarr'}.` };
  }
  if (!options.force && (item.trailerStatus === 'have' || item.trailerStatus === 'external')) {
    return { ok: false, status: 409, error: 'has_trailer', message: `"${item.title}" already has a trailer; ask again with force to replace it.` };
  }
  if (options.videoId !== undefined) {
    const problem = await candidateProblem(db, mediaId, options.videoId);
    if (problem) return problem;
  }
  const waiting = await boss.findJobs(QUEUES.trailerFetch, { queued: true, data: { mediaId, reason: 'user' }, limit: 20 });
  // Another slot's fetch (it names a profile) is not this one.
  const same = waiting.find((job) => {
    const data = job.data as { videoId?: string; profileId?: number };
    return data.profileId === undefined && data.videoId === options.videoId;
  });
  if (same) return { ok: true, message: `A fetch of "${item.title}" is already queued.`, jobId: same.id };
  const reason = options.videoId ? 'You chose another video' : 'Requested by you';
  const jobId = await db.transaction((tx) =>
    enqueueFetch(boss, tx, mediaId, { force: options.force, ...(options.videoId ? { videoId: options.videoId } : {}) }, reason),
  );
  return { ok: true, message: `Fetching the trailer of "${item.title}".`, jobId };
}

async function candidateProblem(db: Db, mediaId: number, videoId: string): Promise<ActionResult | undefined> {
  const [candidate] = await db
    .select({ id: trailerCandidates.id })
    .from(trailerCandidates)
    .where(and(eq(trailerCandidates.mediaId, mediaId), eq(trailerCandidates.videoId, videoId)));
  if (!candidate) return { ok: false, status: 404, error: 'not_found', message: `Video "${videoId}" is not a candidate for this item.` };
  const [blocked] = await db
    .select({ videoId: videoBlocklist.videoId })
    .from(videoBlocklist)
    .where(and(eq(videoBlocklist.mediaId, mediaId), eq(videoBlocklist.videoId, videoId)));
  if (blocked) return { ok: false, status: 409, error: 'blocklisted', message: `Video "${videoId}" is blocklisted for this item; remove it from the blocklist first.` };
  return undefined;
}

/**
 * Use another ranked candidate: replaces the current trailer with that video. It replaces a
 * pasted link too, or the next fetch would download the link again.
 */
export async function chooseCandidate(deps: ActionDeps, mediaId: number, videoId: string): Promise<ActionResult> {
  const result = await requestTrailerFetch(deps, mediaId, { force: true, videoId });
  if (result.ok) await forgetPastedLinkUnless(deps.db, mediaId, videoId);
  return result;
}

async function forgetPastedLinkUnless(db: Db, mediaId: number, chosenVideoId: string): Promise<void> {
  const item = await findMedia(db, mediaId);
  if (!item?.userSourceUrl || videoIdForPastedUrl(item.userSourceUrl) === chosenVideoId) return;
  await db.update(media).set({ userSourceUrl: null, updatedAt: new Date() }).where(eq(media.id, mediaId));
}

/** Store a pasted link (tried before any other source) and fetch from it at once; null clears it. */
export async function setUserSourceUrl(deps: ActionDeps, mediaId: number, url: string | null): Promise<ActionResult> {
  const { db, boss } = deps;
  const item = await findMedia(db, mediaId);
  if (!item) return notFound(mediaId);
  if (url === null) {
    // Its failure message goes with it; the status itself (have / needs attention) stays true.
    const failureShown = item.statusReason?.startsWith(PASTED_LINK_FAILED) === true;
    await db
      .update(media)
      .set({ userSourceUrl: null, ...(failureShown ? { statusReason: null } : {}), updatedAt: new Date() })
      .where(eq(media.id, mediaId));
    return { ok: true, message: `Forgot the pasted link of "${item.title}".` };
  }
  const refused = sourceUrlProblem(new URL(url), (await readSettings(db)).allowPrivateSourceUrls);
  if (refused) return { ok: false, status: 400, error: 'invalid_request', message: `This link is not allowed: ${refused}.`, issues: [{ path: 'url', message: refused }] };
  if (!boss) return noQueue;
  if (item.removedAt) return { ok: false, status: 409, error: 'removed', message: `"${item.title}" is no longer in the library.` };
  const jobId = await db.transaction(async (tx) => {
    // Credentials are never kept: the link is shown on the item and in its attempts.
    await tx.update(media).set({ userSourceUrl: withoutCredentials(url), updatedAt: new Date() }).where(eq(media.id, mediaId));
    return enqueueFetch(boss, tx, mediaId, { force: true }, 'Fetching the link you pasted');
  });
  return { ok: true, message: `Fetching "${item.title}" from the link you pasted.`, jobId };
}

/**
 * Remove the main trailer this service placed (never a file it did not write). The job names the
 * main slot: a delete job without a profile removes every file of the item, extras too, so that
 * is sent only for a file stored without a profile (placed before slots, nothing else to spare).
 */
export async function deleteOwnTrailer(deps: ActionDeps, mediaId: number): Promise<ActionResult> {
  const { db, boss } = deps;
  if (!boss) return noQueue;
  const item = await findMedia(db, mediaId);
  if (!item) return notFound(mediaId);
  const mainProfileId = (await loadProfile(db, await readSettings(db))).row.id;
  const [owned] = await db
    .select({ id: trailers.id, profileId: trailers.profileId })
    .from(trailers)
    .where(
      and(
        eq(trailers.mediaId, mediaId),
        or(eq(trailers.profileId, mainProfileId), isNull(trailers.profileId)),
        isNull(trailers.season),
        eq(trailers.state, 'present'),
      ),
    )
    .orderBy(asc(trailers.id))
    .limit(1);
  if (!owned) {
    const why = item.trailerStatus === 'external' ? 'its trailer is your own file, which Previewarr never deletes' : 'it has no trailer placed by Previewarr';
    return { ok: false, status: 409, error: 'no_owned_trailer', message: `Nothing to delete for "${item.title}": ${why}.` };
  }
  const payload = jobPayloads['trailer-delete'].parse({ mediaId, reason: 'user', deleteMediaAfter: false, ...(owned.profileId === null ? {} : { profileId: mainProfileId }) });
  const jobId = await db.transaction((tx) => enqueueInTransaction(boss, tx, QUEUES.trailerDelete, payload, { priority: PRIORITY.userRequest }));
  return { ok: true, message: `Deleting the trailer of "${item.title}".`, jobId };
}

/** Never use this video for this item again (idempotent). */
export async function blocklistVideo(deps: ActionDeps, mediaId: number, videoId: string, reason?: string): Promise<ActionResult> {
  const { db } = deps;
  const item = await findMedia(db, mediaId);
  if (!item) return notFound(mediaId);
  await db
    .insert(videoBlocklist)
    .values({ mediaId, videoId, reason: reason ?? 'Blocklisted by you' })
    .onConflictDoNothing();
  return { ok: true, message: `Video "${videoId}" will not be used for "${item.title}" again.` };
}

export async function unblockVideo(deps: ActionDeps, mediaId: number, videoId: string): Promise<ActionResult> {
  const { db } = deps;
  const item = await findMedia(db, mediaId);
  if (!item) return notFound(mediaId);
  const removed = await db
    .delete(videoBlocklist)
    .where(and(eq(videoBlocklist.mediaId, mediaId), eq(videoBlocklist.videoId, videoId)))
    .returning({ videoId: videoBlocklist.videoId });
  if (removed.length === 0) return { ok: false, status: 404, error: 'not_found', message: `Video "${videoId}" is not blocklisted for this item.` };
  return { ok: true, message: `Video "${videoId}" may be used for "${item.title}" again.` };
}
