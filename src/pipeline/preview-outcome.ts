// A connection in preview mode (a dry run): its fetches search and rank as usual, store every
// candidate with its score and reasons, and then stop where the first download would start. What
// would have been downloaded is recorded instead (`trailer_previews`), and the item shows it.
// Nothing is written into a media folder, no yt-dlp download or ffmpeg runs, no attempt is recorded.
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { connections, trailerPreviews, type TrailerStatus } from '../db/schema/index.ts';
import type { TrailerCandidate } from '../sources/trailer-candidate.ts';
import type { TryContext } from './fetch-candidate.ts';
import { setSlotStatus } from '../library/slot-status.ts';

/** The first words of the status reason of a previewed item, so every view can tell it apart. */
export const PREVIEW_REASON_PREFIX = 'preview: would download';

/** "preview: would download "Title" by Channel (radarr, score 540)". */
export function previewReason(candidate: TrailerCandidate): string {
  const what = candidate.title !== undefined ? `"${candidate.title}"` : candidate.url;
  const by = candidate.channel !== undefined ? ` by ${candidate.channel}` : '';
  return `${PREVIEW_REASON_PREFIX} ${what}${by} (${candidate.source}, score ${Math.round(candidate.score)})`;
}

/**
 * Called with the candidate the job is about to download. When the item's connection is in
 * preview mode, records that candidate as the would-be download and returns true: the job is over.
 * The flag is read here, at the last moment, so switching preview on stops jobs already queued.
 */
export async function previewInstead(ctx: TryContext, candidate: TrailerCandidate): Promise<boolean> {
  const { rt, plan, progress } = ctx;
  const connectionId = plan.media.connectionId;
  const flag = (db: Db | Tx) => db.select({ previewOnly: connections.previewOnly }).from(connections).where(eq(connections.id, connectionId));
  if ((await flag(rt.db))[0]?.previewOnly !== true) return false;
  if (!plan.slot.main) {
    // The would-be download is recorded for the main trailer only (one preview row per item); an
    // extra slot waits, and is queued when preview is switched off (library/connection-preview.ts).
    const waiting = `preview only: the ${plan.slot.label} is fetched once preview is switched off`;
    await setSlotStatus(rt.db, plan.slot.ref, 'missing', waiting);
    await progress.stage('done', waiting);
    return true;
  }
  const reason = previewReason(candidate);
  // A replacement the user asked for leaves the trailer that is there in place, and its status.
  const status: TrailerStatus = plan.previous !== undefined ? 'have' : plan.media.externalTrailerPath !== null ? 'external' : 'preview';
  const pick = {
    videoId: candidate.videoId,
    url: candidate.url,
    title: candidate.title ?? null,
    channel: candidate.channel ?? null,
    source: candidate.source,
    score: candidate.score,
    reasons: candidate.reasons,
    previewedAt: new Date(),
  };
  // Read again under a share lock, which switching preview off (an update of the row) waits for:
  // switched off meanwhile, the job downloads; switched off later, this item is queued with the rest.
  const recorded = await rt.db.transaction(async (tx) => {
    const [connection] = await flag(tx).for('share');
    if (connection?.previewOnly !== true) return false;
    await tx.insert(trailerPreviews).values({ mediaId: plan.media.id, ...pick }).onConflictDoUpdate({ target: trailerPreviews.mediaId, set: pick });
    await setSlotStatus(tx, plan.slot.ref, status, reason);
    return true;
  });
  if (recorded) await progress.stage('done', reason);
  return recorded;
}
