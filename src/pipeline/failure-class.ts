// What a failed try means for the job: wait for a YouTube cool-off, retry later, move on to the
// next candidate, or stop because a person has to fix something (a profile asking for an
// encoder this ffmpeg lacks). Unexpected errors (the database went away) are not classified:
// they are rethrown and pg-boss retries the job.
import { classifyDownloadError } from '../domain/download-error.ts';
import { InsufficientDiskSpaceError } from '../media-tools/disk-space.ts';
import { lastErrorLine, MediaToolError } from '../media-tools/media-tool-error.ts';

export type FailureKind = 'rate-limited' | 'transient' | 'permanent' | 'fatal' | 'aborted';

export interface ClassifiedFailure {
  kind: FailureKind;
  /** Short, for the status line and the attempt row. */
  reason: string;
  /** The reason without the tool's own words, when it quotes them: what a person reads on the item. */
  summary?: string;
}

/** A try that failed for a reason already known (duration over the limit, no video stream). */
export class CandidateRejectedError extends Error {
  override readonly name = 'CandidateRejectedError';
}

const UNKNOWN_EXIT = /^failed with exit code|^process was stopped/;

function fromMediaTool(error: MediaToolError): ClassifiedFailure {
  const said = lastErrorLine(error.stderrTail);
  switch (error.failure) {
    case 'aborted':
      return { kind: 'aborted', reason: 'stopped because the service is shutting down' };
    case 'too-large':
      return { kind: 'permanent', reason: 'video is larger than the size limit' };
    case 'rejected':
      return { kind: 'permanent', reason: 'video is a live stream or longer than the duration limit' };
    case 'missing-encoder':
      return { kind: 'fatal', reason: error.message };
    case 'invalid-request':
      return { kind: 'permanent', reason: error.message };
    case 'timeout':
      return { kind: 'transient', reason: `${error.tool} timed out` };
    case 'spawn-failed':
      return { kind: 'transient', reason: error.message };
    case 'bad-output':
      return { kind: 'transient', reason: error.message };
    case 'exit': {
      const verdict = classifyDownloadError({ exitCode: error.exitCode, signal: error.signal, stderr: error.stderrTail });
      const reason = verdict.detail !== undefined ? `${verdict.reason}: ${verdict.detail}` : verdict.reason;
      // ffmpeg failing on a file yt-dlp delivered whole: that video will not convert, try another.
      if (error.tool !== 'yt-dlp' && UNKNOWN_EXIT.test(verdict.reason)) {
        return { kind: 'permanent', reason: `${error.tool} could not read or convert the video${said ? `: ${said}` : ''}` };
      }
      if (verdict.kind === 'too-large') return { kind: 'permanent', reason, summary: verdict.reason };
      return { kind: verdict.kind, reason, summary: verdict.reason };
    }
  }
}

/** Classifies a try's error; returns undefined for errors that are not about the video or tools. */
export function classifyFailure(error: unknown): ClassifiedFailure | undefined {
  if (error instanceof MediaToolError) return fromMediaTool(error);
  if (error instanceof CandidateRejectedError) return { kind: 'permanent', reason: error.message };
  if (error instanceof InsufficientDiskSpaceError) return { kind: 'transient', reason: error.message };
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return { kind: 'transient', reason: 'disk is full' };
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return { kind: 'fatal', reason: `cannot write there: ${(error as Error).message}` };
  }
  return undefined;
}
