// How a trailer-fetch job ends when it does not place a file for its slot: re-scheduled (transient error,
// YouTube cool-off, another job busy with the item) as a new job with a start time, recorded in
// the same transaction as the attempt and the status; or given up with a reason a person reads.
import { nextDelayMs } from '../domain/backoff.ts';
import type { TrailerStatus } from '../db/schema/index.ts';
import type { JobPayload } from '../jobs/payloads.ts';
import { queueTrailerFetch } from '../library/trailer-fetch-queue.ts';
import { finishAttempt } from './attempts.ts';
import { setSlotStatus, type SlotRef } from '../library/slot-status.ts';
import type { PipelineRuntime } from './pipeline-runtime.ts';
import { announceWaitingItem } from './announce.ts';

type FetchData = JobPayload<'trailer-fetch'>;

export interface FailedAttempt {
  attemptId: number;
  errorKind: string;
  error: string;
}

export interface RescheduleRequest {
  /** The payload again (its slot normalised: no profile for the main trailer). */
  data: FetchData;
  mediaId: number;
  delayMs: number;
  /** The transient-failure count the next job carries. */
  retry: number | undefined;
  /** Shown as the slot's status (`queued`); undefined leaves the status alone. */
  statusReason?: string | undefined;
  attempt?: FailedAttempt | undefined;
}

/** Enqueues the item again for later; returns when it will run. */
export async function rescheduleFetch(rt: PipelineRuntime, request: RescheduleRequest): Promise<Date> {
  const nextTryAt = new Date(Date.now() + Math.max(0, Math.round(request.delayMs)));
  const { retry: _previous, ...rest } = request.data;
  const data: FetchData = request.retry !== undefined ? { ...rest, retry: request.retry } : rest;
  await rt.db.transaction(async (tx) => {
    if (request.attempt !== undefined) {
      await finishAttempt(tx, request.attempt.attemptId, {
        outcome: 'failed',
        errorKind: request.attempt.errorKind,
        error: request.attempt.error,
        nextTryAt,
      });
    }
    await queueTrailerFetch(rt.boss, tx, data, { startAfter: nextTryAt, ...(request.statusReason !== undefined ? { statusReason: request.statusReason } : {}) });
  });
  return nextTryAt;
}

/** The delay before transient retry number `retry` (1 = first). */
export function transientDelayMs(rt: PipelineRuntime, retry: number): number {
  return nextDelayMs(retry, rt.backoff, rt.random);
}

/** Ends the job without a file for the slot: its status says why. */
export async function finishWithoutTrailer(
  rt: PipelineRuntime,
  slot: SlotRef,
  status: TrailerStatus,
  reason: string | null,
  options: { attempt?: FailedAttempt | undefined; externalPath?: string | null | undefined } = {},
): Promise<void> {
  const recorded = await rt.db.transaction(async (tx) => {
    if (options.attempt !== undefined) {
      await finishAttempt(tx, options.attempt.attemptId, { outcome: 'failed', errorKind: options.attempt.errorKind, error: options.attempt.error });
    }
    return setSlotStatus(tx, slot, status, reason, options.externalPath !== undefined ? { externalPath: options.externalPath } : {});
  });
  // Every slot's, the extra slots' naming their kind and season; not for a slot pruned meanwhile.
  if (status === 'needs-attention' && recorded) await announceWaitingItem(rt, 'needs-attention', slot, reason ?? 'no reason given');
}

/** `at 14:05:00` style time for status lines (UTC, ISO without the date noise). */
export function shortTime(date: Date): string {
  return date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}
