// A link the user pasted is their choice: when it cannot be downloaded the item says so in plain
// words, keeps the trailer it has, and no other candidate is tried in its place — the user picks
// another video ("Use this"), fixes the link, or forgets it.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { trailers } from '../db/schema/index.ts';
import { finishWithoutTrailer } from './fetch-outcome.ts';
import type { FailedAttempt } from './fetch-outcome.ts';
import type { ProgressReporter } from './job-progress.ts';
import type { PipelineRuntime } from './pipeline-runtime.ts';
import { sameSlot } from './slot-context.ts';

async function hasPresentSlotFile(db: Db, mediaId: number, slot: { profileId: number; season: number | null }): Promise<boolean> {
  const [row] = await db
    .select({ id: trailers.id })
    .from(trailers)
    .where(and(eq(trailers.mediaId, mediaId), sameSlot(trailers, slot), eq(trailers.state, 'present')))
    .limit(1);
  return row !== undefined;
}

export const PASTED_LINK_FAILED = 'the link you pasted could not be downloaded';

export async function pastedLinkFailed(
  rt: PipelineRuntime,
  mediaId: number,
  slot: { profileId: number; season: number | null },
  failure: string,
  attempt: FailedAttempt,
  progress: ProgressReporter,
): Promise<void> {
  const reason = `${PASTED_LINK_FAILED}: ${failure}`;
  const status = (await hasPresentSlotFile(rt.db, mediaId, slot)) ? 'have' : 'needs-attention';
  // A pasted link is the main trailer's: the status written is the media row's.
  await finishWithoutTrailer(rt, { mediaId }, status, reason, { attempt });
  await progress.stage('failed', reason);
}
