// A link the user pasted is their choice: when it cannot be downloaded the item says so in plain
// words, keeps the trailer it has, and no other candidate is tried in its place — the user picks
// another video ("Use this"), fixes the link, or forgets it.
import { hasPresentTrailer } from '../library/media-records.ts';
import { finishWithoutTrailer } from './fetch-outcome.ts';
import type { FailedAttempt } from './fetch-outcome.ts';
import type { ProgressReporter } from './job-progress.ts';
import type { PipelineRuntime } from './pipeline-runtime.ts';

export const PASTED_LINK_FAILED = 'the link you pasted could not be downloaded';

export async function pastedLinkFailed(
  rt: PipelineRuntime,
  mediaId: number,
  failure: string,
  attempt: FailedAttempt,
  progress: ProgressReporter,
): Promise<void> {
  const reason = `${PASTED_LINK_FAILED}: ${failure}`;
  const status = (await hasPresentTrailer(rt.db, mediaId)) ? 'have' : 'needs-attention';
  await finishWithoutTrailer(rt, mediaId, status, reason, { attempt });
  await progress.stage('failed', reason);
}
