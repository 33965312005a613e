// The `trailer-fetch` job fills one file slot of an item (its main trailer, or an extra slot:
// another profile, a season): decide whether there is anything to do, then walk the candidates of
// each source in order until one is placed. A permanent failure moves to the next candidate; a
// transient one or a YouTube rate limit re-schedules the slot; when nothing is left the slot
// needs attention, with the reasons. Every status write names the slot (setSlotStatus).
import { eq } from 'drizzle-orm';
import type { Job } from 'pg-boss';
import type { Settings } from '../config/settings.ts';
import { readSettings } from '../db/settings-store.ts';
import { media, type MediaRow } from '../db/schema/index.ts';
import { jobPayloads, type JobPayload } from '../jobs/payloads.ts';
import type { TrailerCandidate } from '../sources/trailer-candidate.ts';
import { closeStaleAttemptsOf, finishAttempt } from './attempts.ts';
import { storeCandidates } from './candidate-store.ts';
import { candidateStages, recentlyFailedVideoIds, StageSkipped, type CandidateStage } from './candidate-stages.ts';
import { classifyFailure } from './failure-class.ts';
import { removeLeftovers, tryCandidate, type TryContext } from './fetch-candidate.ts';
import { finishWithoutTrailer, rescheduleFetch, shortTime, transientDelayMs } from './fetch-outcome.ts';
import { planFetch } from './fetch-plan.ts';
import { finishNoTrailerYet, rankedItem } from './item-ranking.ts';
import { ProgressReporter } from './job-progress.ts';
import { extraSlotStatus, isExtraSlot, setSlotStatus, type SlotRef } from '../library/slot-status.ts';
import { resolveFetchSlot, slotPayload, type FetchSlot } from './slot-context.ts';
import { pastedLinkFailed } from './pasted-link.ts';
import { pruneStaleSlots } from '../library/slot-pruning.ts';
import { previewInstead } from './preview-outcome.ts';
import type { PipelineRuntime } from './pipeline-runtime.ts';
import { reportRateLimited, reportSuccess } from './announce.ts';

type FetchData = JobPayload<'trailer-fetch'>;

/** Ends this job; the item is handled (or re-scheduled) already. */
type Done = { done: true };
const DONE: Done = { done: true };

export async function runTrailerFetch(rt: PipelineRuntime, job: Job<unknown>): Promise<void> {
  const parsed = jobPayloads['trailer-fetch'].safeParse(job.data);
  if (!parsed.success) throw new Error(`invalid trailer-fetch payload: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const [row] = await rt.db.select().from(media).where(eq(media.id, parsed.data.mediaId));
  if (row === undefined) return;
  const settings = await readSettings(rt.db);
  const resolved = await resolveFetchSlot(rt.db, parsed.data, row, settings);
  if (!resolved.ok) {
    // Nothing is downloaded. A skipped extra slot is one the plan no longer gives the item: its row
    // is pruned like at the profile's save (kept, as had, only for a file of ours), so it is not
    // counted as missing; otherwise the slot (if its profile still exists) says why.
    if (resolved.ref !== undefined && resolved.status === 'skipped' && isExtraSlot(resolved.ref)) await pruneStaleSlots(rt.db, { mediaIds: [row.id] });
    else if (resolved.ref !== undefined) await finishWithoutTrailer(rt, resolved.ref, resolved.status, resolved.reason);
    rt.logger.info({ mediaId: row.id, profileId: parsed.data.profileId, season: parsed.data.season, reason: resolved.reason }, 'slot fetch ended before searching');
    return;
  }
  const { slot } = resolved;
  // One normalised payload from here on: re-queued jobs name the slot the same way (none for the main trailer).
  const { profileId: _profile, season: _season, ...rest } = parsed.data;
  const data: FetchData = { ...rest, ...slotPayload(slot.ref) };
  // The progress row is the item's: an extra slot's lines name it ("featurette: …").
  const progress = new ProgressReporter(rt.db, row.id, {
    onError: (err) => rt.logger.debug({ err, mediaId: row.id }, 'progress not written'),
    ...(slot.main ? {} : { detailPrefix: slot.label }),
  });
  try {
    await fetchTrailer(rt, job, data, row, slot, settings, progress);
  } finally {
    progress.close();
  }
}

async function fetchTrailer(
  rt: PipelineRuntime,
  job: Job<unknown>,
  data: FetchData,
  row: MediaRow,
  slot: FetchSlot,
  settings: Settings,
  progress: ProgressReporter,
): Promise<void> {
  const userAsked = data.force === true || data.videoId !== undefined || data.reason === 'user';
  // A job retried after a crash (pg-boss keeps its id) or a dead predecessor of this slot: clean up first.
  const stale = await closeStaleAttemptsOf(rt.db, row.id, slot, job.id);
  if (stale.busy) return void (await onBusy(rt, data, userAsked));
  await removeLeftovers(rt, stale.leftovers);

  const decision = await planFetch(rt, row, data, slot, settings);
  if (!decision.go) {
    await finishWithoutTrailer(rt, slot.ref, decision.status, decision.reason, { externalPath: decision.externalPath });
    await progress.stage(decision.failed ? 'failed' : 'done', decision.reason);
    return;
  }
  const plan = decision.plan;
  // The ffmpeg limit follows the setting live; the download limit is fixed at start (pg-boss).
  rt.ffmpegSlots.resize(plan.settings.ffmpegConcurrency ?? rt.env.FFMPEG_CONCURRENCY);

  if (await waitingForCoolOff(rt, data, row.id, progress)) return;

  // The slot's status before this run: a re-check that again finds nothing official stays quiet.
  const statusAtStart = isExtraSlot(slot.ref) ? await extraSlotStatus(rt.db, slot.ref) : row.trailerStatus;
  await setSlotStatus(rt.db, slot.ref, 'downloading', null);
  await progress.stage('searching');
  const ctx: TryContext = { rt, plan, jobId: job.id, signal: job.signal, progress };
  const item = await rankedItem(rt, row, plan.settings, job.signal, { wanted: slot.wanted, languageRule: slot.profile.row.languageRule, main: slot.main });
  const stages = await candidateStages(rt, plan, data, job.signal, item);
  const skip = data.videoId !== undefined ? new Set<string>() : await recentlyFailedVideoIds(rt, row.id, slot);
  const notes: string[] = [];
  const eager = data.reason === 'user' && data.videoId === undefined;
  const preloaded = eager ? await Promise.all(stages.map((stage) => loadStage(rt, stage, notes, false))) : undefined;
  let tries = 0;

  for (const [index, stage] of stages.entries()) {
    const isLast = index === stages.length - 1;
    const loaded = preloaded !== undefined ? preloaded[index] : await loadStage(rt, stage, notes, isLast);
    if (loaded === undefined) continue;
    if ('done' in loaded) return void (await rescheduleAfterSearchFailure(rt, data, slot.ref, loaded.reason, loaded.kind, progress));
    await storeCandidates(rt.db, row.id, slot, loaded, stage.rankOffset);
    // A pasted link is tried every time, failed before or not: it stands until the user changes it.
    for (const candidate of loaded.filter((c) => !c.excluded && (c.source === 'user' || !skip.has(c.videoId)))) {
      if (await previewInstead(ctx, candidate)) return;
      if (tries >= rt.maxCandidateTries) break;
      tries += 1;
      const result = await tryOne(ctx, data, candidate, notes);
      if (result !== undefined) return;
    }
  }
  if (tries === 0 && item.unreleased) {
    const waiting = await finishNoTrailerYet(rt, row, item, slot.ref, statusAtStart);
    await progress.stage('done', waiting);
    return;
  }
  const reason =
    tries === 0
      ? `no usable ${slot.main ? 'trailer' : slot.label} found${notes.length > 0 ? `: ${notes.join('; ')}` : ''}`
      : `every candidate failed: ${notes.join('; ')}`;
  await finishWithoutTrailer(rt, slot.ref, 'needs-attention', reason);
  await progress.stage('failed', reason);
}

type StageFailure = { done: true; reason: string; kind: 'transient' | 'rate-limited' };

/** Candidates of one stage; undefined when it had none to offer (the note says why). */
async function loadStage(
  rt: PipelineRuntime,
  stage: CandidateStage,
  notes: string[],
  lastHope: boolean,
): Promise<TrailerCandidate[] | StageFailure | undefined> {
  try {
    return await stage.load();
  } catch (error) {
    if (error instanceof StageSkipped) {
      notes.push(error.message);
      return undefined;
    }
    const failure = classifyFailure(error);
    if (failure === undefined) throw error;
    notes.push(`${stage.name}: ${failure.reason}`);
    // A failed search is worth a retry only when nothing else is left to try.
    if (lastHope && (failure.kind === 'transient' || failure.kind === 'rate-limited')) {
      return { done: true, reason: failure.reason, kind: failure.kind };
    }
    return undefined;
  }
}

async function rescheduleAfterSearchFailure(
  rt: PipelineRuntime,
  data: FetchData,
  slot: SlotRef,
  reason: string,
  kind: 'transient' | 'rate-limited',
  progress: ProgressReporter,
): Promise<void> {
  if (kind === 'rate-limited') {
    const wait = await reportRateLimited(rt, reason);
    const at = await rescheduleFetch(rt, { data, mediaId: slot.mediaId, delayMs: wait, retry: data.retry, statusReason: `search rate-limited: ${reason}` });
    await progress.stage('queued', `waiting for the YouTube cool-off until ${shortTime(at)}`);
    return;
  }
  await transientOrGiveUp(rt, data, slot, `search failed: ${reason}`, undefined, progress);
}

async function transientOrGiveUp(
  rt: PipelineRuntime,
  data: FetchData,
  slot: SlotRef,
  reason: string,
  attempt: { attemptId: number; errorKind: string; error: string } | undefined,
  progress: ProgressReporter,
): Promise<void> {
  const retry = (data.retry ?? 0) + 1;
  if (retry > rt.maxTransientRetries) {
    const why = `gave up after ${retry} tries: ${reason}`;
    await finishWithoutTrailer(rt, slot, 'needs-attention', why, { attempt });
    await progress.stage('failed', why);
    return;
  }
  const delayMs = transientDelayMs(rt, retry);
  const statusReason = `${reason}; retrying at ${shortTime(new Date(Date.now() + delayMs))}`;
  await rescheduleFetch(rt, { data, mediaId: slot.mediaId, delayMs, retry, statusReason, attempt });
  await progress.stage('queued', statusReason);
}

/** Tries one candidate; returns DONE when the job is over (placed, re-scheduled, given up). */
async function tryOne(ctx: TryContext, data: FetchData, candidate: TrailerCandidate, notes: string[]): Promise<Done | undefined> {
  const { rt, plan, progress } = ctx;
  const mediaId = plan.media.id;
  const slot = plan.slot.ref;
  // The cool-off is shared through the database: another worker process may have hit a rate limit
  // since this job started, so every download asks the gate again before it starts.
  if (await waitingForCoolOff(rt, data, mediaId, progress)) return DONE;
  const outcome = await tryCandidate(ctx, candidate);
  switch (outcome.kind) {
    case 'placed':
      await reportSuccess(rt);
      await progress.stage('done', outcome.note !== undefined ? `${plan.target.fileName} (${outcome.note})` : plan.target.fileName, 100);
      return DONE;
    case 'gone':
      return DONE;
    case 'busy':
      await onBusy(rt, data, data.force === true || data.videoId !== undefined || data.reason === 'user');
      return DONE;
    case 'occupied':
      await finishWithoutTrailer(rt, slot, 'external', `${plan.slot.main ? 'a trailer' : `a ${plan.slot.label}`} that was already there is kept: ${outcome.path}`, {
        attempt: { attemptId: outcome.attemptId, errorKind: 'occupied', error: outcome.reason },
        externalPath: outcome.path,
      });
      await progress.stage('done', outcome.reason);
      return DONE;
    case 'failed':
      break;
  }
  const { failure, attemptId } = outcome;
  const attempt = { attemptId, errorKind: failure.kind, error: failure.reason };
  switch (failure.kind) {
    case 'aborted':
      await finishAttempt(rt.db, attemptId, { outcome: 'failed', errorKind: 'interrupted', error: failure.reason });
      await progress.stage('queued', 'interrupted; it will be retried');
      throw new Error(`trailer fetch for item ${mediaId} was interrupted: ${failure.reason}`);
    case 'permanent':
      // A pasted link is the main trailer's; another slot's chosen link is one candidate among others.
      if (candidate.source === 'user' && plan.slot.main) {
        await pastedLinkFailed(rt, mediaId, plan.slot, failure.summary ?? failure.reason, attempt, progress);
        return DONE;
      }
      await finishAttempt(rt.db, attemptId, { outcome: 'failed', errorKind: 'permanent', error: failure.reason });
      notes.push(`${candidate.source} ${candidate.videoId}: ${failure.reason}`);
      return undefined;
    case 'fatal':
      await finishWithoutTrailer(rt, slot, 'needs-attention', failure.reason, { attempt });
      await progress.stage('failed', failure.reason);
      return DONE;
    case 'rate-limited': {
      const wait = await reportRateLimited(rt, failure.reason);
      const at = await rescheduleFetch(rt, { data, mediaId, delayMs: wait, retry: data.retry, statusReason: `${failure.reason}; waiting for the cool-off`, attempt });
      await progress.stage('queued', `${failure.reason}; waiting until ${shortTime(at)}`);
      return DONE;
    }
    case 'transient':
      await transientOrGiveUp(rt, data, slot, failure.reason, attempt, progress);
      return DONE;
  }
}

/** True when downloads are paused: the job is then re-scheduled for the end of the cool-off. */
async function waitingForCoolOff(rt: PipelineRuntime, data: FetchData, mediaId: number, progress: ProgressReporter): Promise<boolean> {
  const wait = await rt.gate.waitMs();
  if (wait <= 0) return false;
  const at = await rescheduleFetch(rt, { data, mediaId, delayMs: wait, retry: data.retry, statusReason: 'waiting for the YouTube cool-off' });
  await progress.stage('queued', `waiting for the YouTube cool-off until ${shortTime(at)}`);
  return true;
}

/** Another live job works on this item. A user's request waits for it; anything else is moot. */
async function onBusy(rt: PipelineRuntime, data: FetchData, userAsked: boolean): Promise<void> {
  if (!userAsked) return;
  await rescheduleFetch(rt, { data, mediaId: data.mediaId, delayMs: rt.busyRetryMs, retry: data.retry });
}
