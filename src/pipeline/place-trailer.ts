// The converted partial file becomes the slot's file (the item's trailer, featurette, season
// trailer, theme…). The `trailers` row is written first (in one short transaction that also
// retires the same slot's previous row), then the file takes its name: a crash in between leaves
// a row whose file is missing — noticed and re-fetched — never a file at a name that nobody
// owns. The partial unique index on `trailers` makes a second present file for one slot (item,
// profile, season) impossible whatever runs concurrently.
import { and, eq, ne } from 'drizzle-orm';
import { downloadAttempts, media, trailers } from '../db/schema/index.ts';
import { commitPartial, TargetOccupiedError, type FileIdentity } from '../files/atomic-place.ts';
import { checkRealContainment } from '../files/containment.ts';
import { checkOwnedFile, removeOwnedFile } from '../files/owned-file.ts';
import { isUniqueViolation } from '../db/db-errors.ts';
import type { TrailerCandidate } from '../sources/trailer-candidate.ts';
import type { FetchPlan } from './fetch-plan.ts';
import type { PipelineRuntime } from './pipeline-runtime.ts';
import { trailerPlaced } from '../outbound/trailer-events.ts';
import { setSlotStatus } from '../library/slot-status.ts';
import { sameSlot } from './slot-context.ts';

export type PlaceResult = { placed: true; trailerId: number } | { placed: false; reason: string; occupiedPath?: string };

export async function placeTrailer(
  rt: PipelineRuntime,
  plan: FetchPlan,
  partialPath: string,
  identity: FileIdentity,
  candidate: TrailerCandidate,
  attemptId: number,
  /** What the file lacks without being a failure ("no subtitles in de"): the slot's reason. */
  note?: string | undefined,
): Promise<PlaceResult> {
  const { target, previous } = plan;
  const inside = await checkRealContainment(target.path, plan.roots);
  if (!inside.ok) return { placed: false, reason: inside.reason };

  // Overwriting is allowed only for our own file at that very path (still matching its record),
  // or when the user forced it.
  const samePath = previous !== undefined && previous.path === target.path;
  const replace = plan.force || (samePath && (await checkOwnedFile(previous)) === 'match');
  if (samePath && !replace) return { placed: false, reason: `${target.path} was changed by someone else`, occupiedPath: target.path };

  let trailerId: number;
  try {
    trailerId = await rt.db.transaction(async (tx) => {
      await tx.select({ id: media.id }).from(media).where(eq(media.id, plan.media.id)).for('update');
      await tx
        .update(trailers)
        .set({ state: 'removed', updatedAt: new Date() })
        .where(and(eq(trailers.mediaId, plan.media.id), sameSlot(trailers, plan.slot), eq(trailers.state, 'present')));
      const [row] = await tx
        .insert(trailers)
        .values({
          mediaId: plan.media.id,
          path: target.path,
          sizeBytes: identity.sizeBytes,
          mtimeMs: identity.mtimeMs,
          sourceVideoId: candidate.videoId,
          sourceUrl: candidate.url,
          profileId: plan.slot.profileId,
          season: plan.slot.season,
          state: 'present',
        })
        .returning({ id: trailers.id });
      if (row === undefined) throw new Error('inserting the trailer row returned no row');
      return row.id;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'trailers_one_present_per_slot')) {
      // Another run placed this slot's file meanwhile: refused, never a second file.
      return { placed: false, reason: `this ${plan.slot.main ? 'trailer' : plan.slot.label} already has a file of ours (placed by another run)` };
    }
    if (isUniqueViolation(error)) {
      return { placed: false, reason: `another item already has a trailer at ${target.path}`, occupiedPath: target.path };
    }
    throw error;
  }

  try {
    await commitPartial(partialPath, target.path, { replace });
  } catch (error) {
    // Undo the row: the previous trailer (if any) stays the present one.
    await rt.db.transaction(async (tx) => {
      await tx.delete(trailers).where(eq(trailers.id, trailerId));
      if (previous !== undefined) {
        await tx.update(trailers).set({ state: 'present', updatedAt: new Date() }).where(eq(trailers.id, previous.id));
      }
    });
    if (error instanceof TargetOccupiedError) return { placed: false, reason: error.message, occupiedPath: target.path };
    throw error;
  }

  if (previous !== undefined && !samePath) {
    const removed = await removeOwnedFile(previous, plan.roots);
    if (!removed.removed) rt.logger.warn({ path: previous.path, reason: removed.reason }, 'previous trailer left in place');
  }
  await rt.db.transaction(async (tx) => {
    await tx
      .update(downloadAttempts)
      .set({ outcome: 'succeeded', finishedAt: new Date(), partialPath: null, error: note ?? null })
      .where(eq(downloadAttempts.id, attemptId));
    await setSlotStatus(tx, plan.slot.ref, 'have', note ?? null, { externalPath: null });
    // Older running rows of this slot cannot exist (lease), but a stale one must not linger.
    await tx
      .update(downloadAttempts)
      .set({ outcome: 'failed', errorKind: 'interrupted', error: 'superseded', finishedAt: new Date() })
      .where(
        and(eq(downloadAttempts.mediaId, plan.media.id), sameSlot(downloadAttempts, plan.slot), eq(downloadAttempts.outcome, 'running'), ne(downloadAttempts.id, attemptId)),
      );
  });
  await trailerPlaced(rt, plan.media, target.path, previous?.path);
  return { placed: true, trailerId };
}
