// What a person can do to one file slot of an item (issue #19): fetch it, replace its file, delete
// its file. The main trailer's fetch goes through the main trailer's own action (no profile in the
// payload); another slot's fetch names its profile and season. Fetches are queued by
// `queueTrailerFetch` (the one place), deletions as a `trailer-delete` job naming the slot, in one
// transaction with the rows, like every media action.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { media } from '../db/schema/index.ts';
import { enqueueInTransaction } from '../jobs/enqueue.ts';
import { jobPayloads } from '../jobs/payloads.ts';
import { PRIORITY, QUEUES } from '../jobs/queues.ts';
import { queueTrailerFetch } from '../library/trailer-fetch-queue.ts';
import { requestTrailerFetch, type ActionDeps, type ActionResult } from './media-actions.ts';
import { findItemSlot, type ItemSlot } from './slot-queries.ts';

const season = z.int({ error: 'must be a season number' }).min(0, 'must be 0 (specials) or more').max(1000, 'at most 1000');

/** Which slot: a profile and, for a season-scoped profile, the season. */
export const slotBodySchema = z.strictObject({ profileId: z.int({ error: 'must be a profile id' }).positive('must be a profile id'), season: season.nullable().optional() });
export const slotFetchBodySchema = slotBodySchema.extend({ replace: z.boolean({ error: 'must be true or false' }).default(false) });
export type SlotBody = z.infer<typeof slotBodySchema>;

const noQueue: ActionResult = { ok: false, status: 503, error: 'unavailable', message: 'The job queue is not running; try again in a moment.' };

function slotWords(slot: ItemSlot): string {
  const kind = slot.kind ? slot.kind.replace(/-/g, ' ') : 'file';
  return slot.season === null ? kind : `${kind} of ${slot.season === 0 ? 'the specials' : `season ${slot.season}`}`;
}

async function slotOrProblem(deps: ActionDeps, mediaId: number, body: SlotBody) {
  const found = await findItemSlot(deps.db, mediaId, body.profileId, body.season ?? null);
  if (found === null) return { problem: { ok: false, status: 404, error: 'not_found', message: `No library item with id ${mediaId}` } as ActionResult };
  if (!found.slot) {
    const where = body.season === undefined || body.season === null ? '' : ` and season ${body.season}`;
    return { problem: { ok: false, status: 404, error: 'not_found', message: `This item has no file slot for profile ${body.profileId}${where}.` } as ActionResult };
  }
  return { slot: found.slot, mainProfileId: found.mainProfileId };
}

/** Fetch a slot's file now; with `replace`, also when it has one. */
export async function requestSlotFetch(deps: ActionDeps, mediaId: number, body: z.infer<typeof slotFetchBodySchema>): Promise<ActionResult> {
  const { db, boss } = deps;
  if (!boss) return noQueue;
  const found = await slotOrProblem(deps, mediaId, body);
  if (!found.slot) return found.problem;
  const { slot } = found;
  // The main trailer keeps its own action (its status, progress row and dedupe on the media row).
  if (slot.main) return requestTrailerFetch(deps, mediaId, { force: body.replace });
  if (!slot.planned) {
    return { ok: false, status: 409, error: 'not_planned', message: `The profile of this ${slotWords(slot)} no longer applies to the item (${slot.note}); only its file can be deleted.` };
  }
  const [item] = await db.select().from(media).where(eq(media.id, mediaId));
  if (!item) return { ok: false, status: 404, error: 'not_found', message: `No library item with id ${mediaId}` };
  if (item.removedAt) return { ok: false, status: 409, error: 'removed', message: `"${item.title}" is no longer in ${item.kind === 'movie' ? 'Radarr' : 'Sonarr'}.` };
  if (!body.replace && (slot.status === 'have' || slot.status === 'external')) {
    return { ok: false, status: 409, error: 'has_file', message: `"${item.title}" already has its ${slotWords(slot)}; ask again with replace to replace it.` };
  }
  const payload = jobPayloads['trailer-fetch'].parse({
    mediaId,
    reason: 'user',
    force: body.replace,
    profileId: slot.profileId,
    ...(slot.season === null ? {} : { season: slot.season }),
  });
  const waiting = await boss.findJobs(QUEUES.trailerFetch, { queued: true, data: { mediaId, reason: 'user', profileId: slot.profileId }, limit: 50 });
  const same = waiting.find((job) => ((job.data as { season?: number }).season ?? null) === slot.season);
  if (same) return { ok: true, message: `A fetch of the ${slotWords(slot)} of "${item.title}" is already queued.`, jobId: same.id };
  const jobId = await db.transaction((tx) => queueTrailerFetch(boss, tx, payload, { statusReason: 'Requested by you' }));
  return { ok: true, message: `Fetching the ${slotWords(slot)} of "${item.title}".`, jobId };
}

/** Delete the file Previewarr placed in this slot (never a file it did not write). */
export async function deleteSlotFile(deps: ActionDeps, mediaId: number, body: SlotBody): Promise<ActionResult> {
  const { db, boss } = deps;
  if (!boss) return noQueue;
  const found = await slotOrProblem(deps, mediaId, body);
  if (!found.slot) return found.problem;
  const { slot } = found;
  if (!slot.file || slot.profileId === null) {
    const why = slot.externalPath ? 'its file is your own, which Previewarr never deletes' : 'it has no file placed by Previewarr';
    return { ok: false, status: 409, error: 'no_owned_file', message: `Nothing to delete in this ${slotWords(slot)}: ${why}.` };
  }
  // The slot is always named, the main trailer's too: a delete job without a profile removes
  // every owned file of the item.
  const payload = jobPayloads['trailer-delete'].parse({
    mediaId,
    reason: 'user',
    deleteMediaAfter: false,
    profileId: slot.profileId,
    ...(slot.season === null ? {} : { season: slot.season }),
  });
  const jobId = await db.transaction((tx) => enqueueInTransaction(boss, tx, QUEUES.trailerDelete, payload, { priority: PRIORITY.userRequest }));
  return { ok: true, message: `Deleting the ${slotWords(slot)} file.`, jobId };
}
