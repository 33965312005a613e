// One candidate, start to end: lease (attempt row of the slot) → free-space check → yt-dlp into
// DATA_DIR/work (audio only for theme music; the profile's subtitles beside it) → ffprobe → remux
// or transcode (subtitles embedded), or for theme music trim + loudnorm to MP3, into a hidden
// partial file in the target folder (its path recorded first) → owner/mode/fsync → placement. Whatever fails, the raw download
// and the partial file are removed before this returns.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ensureFreeSpace } from '../media-tools/disk-space.ts';
import { planConversion } from '../media-tools/convert-plan.ts';
import { finishPartialFile } from '../files/atomic-place.ts';
import { ensureFolderBelow } from '../files/containment.ts';
import { removePartialFile, removeWorkDir } from '../files/partial-files.ts';
import { timeConversion, timeDownload } from '../metrics/process-metrics.ts';
import type { TrailerCandidate } from '../sources/trailer-candidate.ts';
import { recordPartialPath, startAttempt, type LeftoverFiles } from './attempts.ts';
import { CandidateRejectedError, classifyFailure, type ClassifiedFailure } from './failure-class.ts';
import type { FetchPlan } from './fetch-plan.ts';
import type { ProgressReporter } from './job-progress.ts';
import type { PipelineRuntime } from './pipeline-runtime.ts';
import { placeTrailer } from './place-trailer.ts';
import { missingSubtitlesNote, subtitleRequest } from './slot-subtitles.ts';

export type TryOutcome =
  /** `note`: what the file lacks without being a failure ("no subtitles in de"). */
  | { kind: 'placed'; note: string | undefined }
  | { kind: 'failed'; attemptId: number; failure: ClassifiedFailure }
  | { kind: 'occupied'; attemptId: number; reason: string; path: string }
  | { kind: 'busy' }
  | { kind: 'gone' };

export interface TryContext {
  rt: PipelineRuntime;
  plan: FetchPlan;
  jobId: string;
  signal: AbortSignal | undefined;
  progress: ProgressReporter;
}

const MIB = 1024 * 1024;

/** Removes what a dead run left behind (files only; the rows were already closed). */
export async function removeLeftovers(rt: PipelineRuntime, leftovers: readonly LeftoverFiles[]): Promise<void> {
  for (const leftover of leftovers) {
    if (leftover.partialPath !== null) {
      const removed = await removePartialFile(leftover.partialPath).catch(() => false);
      if (removed) rt.logger.info({ path: leftover.partialPath }, 'removed a partial file left by an interrupted run');
    }
    if (leftover.workDir !== null) await removeWorkDir(rt.workRoot, leftover.workDir).catch(() => undefined);
  }
}

export async function tryCandidate(ctx: TryContext, candidate: TrailerCandidate): Promise<TryOutcome> {
  const { rt, plan, progress, signal } = ctx;
  const started = await startAttempt(rt.db, {
    mediaId: plan.media.id,
    slot: plan.slot,
    jobId: ctx.jobId,
    worker: rt.worker,
    workRoot: rt.workRoot,
    candidate,
  });
  if (!started.ok) return 'gone' in started ? { kind: 'gone' } : { kind: 'busy' };
  await removeLeftovers(rt, started.leftovers);
  const { attemptId, workDir } = started;
  const { settings, profile, target } = plan;
  const maxBytes = settings.maxFileSizeMb * MIB;
  const theme = profile.row.kind === 'theme-music';
  const subtitles = subtitleRequest(profile.row);
  let partialWritten = false;
  try {
    await mkdir(workDir, { recursive: true });
    // Room for the raw download here and for the converted copy in the media folder.
    await ensureFreeSpace(workDir, maxBytes);
    await ensureFreeSpace(target.folder, maxBytes);

    const label = candidate.title ?? candidate.videoId;
    await progress.stage('downloading', label, 0);
    const download = await timeDownload(() =>
      rt.ytdlp.download({
        url: candidate.url,
        outputPath: path.join(workDir, 'source'),
        maxHeight: profile.conversion.maxHeight,
        audioOnly: theme,
        subtitles,
        maxFilesizeBytes: maxBytes,
        maxDurationSeconds: settings.maxDurationSeconds,
        timeoutMs: settings.downloadTimeoutSeconds * 1000,
        cookiesFile: settings.cookiesFile,
        extraArgs: settings.ytdlpExtraArgs,
        signal,
        onProgress: (p) => {
          if (p.totalBytes !== undefined && p.totalBytes > 0) progress.percent((p.downloadedBytes / p.totalBytes) * 100);
        },
      }),
    );

    const probe = await rt.ffmpeg.probe(download.filePath, { signal });
    // A source that reports no duration (a plain file) is measured here instead of by yt-dlp.
    if (probe.durationSeconds > settings.maxDurationSeconds + 1) {
      throw new CandidateRejectedError(`video is ${Math.round(probe.durationSeconds)} s long, over the ${settings.maxDurationSeconds} s limit`);
    }
    // Theme music is audio only: trimmed and loudness-normalised into MP3, no video conversion.
    const conversion = theme ? undefined : planConversion(probe, profile.conversion);

    const how = conversion === undefined ? 'theme music: trim and normalise' : conversion.mode === 'remux' ? 'remux' : `transcode: ${conversion.reasons.join(', ')}`;
    await progress.stage('converting', how, 0);
    const release = await rt.ffmpegSlots.acquire(signal);
    let identity;
    let note: string | undefined;
    try {
      const folder = await ensureFolderBelow(plan.mediaFolder, target.folder, plan.roots, rt.ownership);
      if (!folder.ok) return { kind: 'failed', attemptId, failure: { kind: 'fatal', reason: folder.reason } };
      await recordPartialPath(rt.db, attemptId, target.partialPath);
      partialWritten = true;
      const onProgress = (p: { percent: number }): void => progress.percent(p.percent);
      if (conversion === undefined) {
        await timeConversion('transcode', () => rt.ffmpeg.convertThemeMusic({ input: download.filePath, output: target.partialPath, signal, onProgress }));
      } else {
        const converted = await timeConversion(conversion.mode, () =>
          rt.ffmpeg.convert({ input: download.filePath, output: target.partialPath, plan: conversion, subtitles: download.subtitles, signal, onProgress }),
        );
        note = missingSubtitlesNote(subtitles, converted.subtitles);
      }
      const finished = await finishPartialFile(target.partialPath, rt.ownership);
      if (finished.warning !== undefined) rt.logger.warn(finished.warning.message);
      identity = finished.identity;
    } finally {
      release();
    }

    // The raw download is of no further use: gone before the item counts as done.
    await removeWorkDir(rt.workRoot, workDir);
    await progress.stage('placing', target.fileName, null);
    const placed = await placeTrailer(rt, plan, target.partialPath, identity, candidate, attemptId, note);
    if (!placed.placed) {
      if (placed.occupiedPath !== undefined) return { kind: 'occupied', attemptId, reason: placed.reason, path: placed.occupiedPath };
      return { kind: 'failed', attemptId, failure: { kind: 'fatal', reason: placed.reason } };
    }
    partialWritten = false;
    return { kind: 'placed', note };
  } catch (error) {
    const failure = classifyFailure(error);
    if (failure === undefined) {
      rt.logger.error({ err: error, mediaId: plan.media.id }, 'unexpected error while fetching a trailer');
      throw error;
    }
    return { kind: 'failed', attemptId, failure };
  } finally {
    if (partialWritten) await removePartialFile(target.partialPath).catch(() => undefined);
    await removeWorkDir(rt.workRoot, workDir).catch(() => undefined);
  }
}
