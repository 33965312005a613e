// One error type for every failure of yt-dlp, ffmpeg or ffprobe, carrying what a classifier needs
// (exit code, signal, why we stopped it, the last lines the tool printed) to tell a 429 from a
// private video from a timeout without re-running anything.
import type { ProcessOutcome } from './run-process.ts';

export type MediaToolName = 'yt-dlp' | 'ffmpeg' | 'ffprobe';

export type MediaToolFailure =
  /** The tool ran and exited non-zero (or died by a signal we did not send). */
  | 'exit'
  | 'timeout'
  | 'aborted'
  /** The download grew past the size ceiling, or yt-dlp refused it by --max-filesize. */
  | 'too-large'
  /** yt-dlp skipped the video because of --match-filter (live, too long). */
  | 'rejected'
  /** The binary could not be started. */
  | 'spawn-failed'
  /** The tool exited 0 but what it produced is unusable (no file, unparsable JSON, …). */
  | 'bad-output'
  /**
   * Our own checks refused the request: before anything ran (a relative path), or once the input
   * was looked at (no audio stream, theme music too short after trimming silence). Never retried.
   */
  | 'invalid-request'
  /** The chosen encoder is not compiled into this ffmpeg. */
  | 'missing-encoder';

export interface MediaToolErrorDetails {
  tool: MediaToolName;
  failure: MediaToolFailure;
  exitCode?: number | null;
  signal?: string | null;
  stderrTail?: string;
  cause?: unknown;
}

export class MediaToolError extends Error {
  override readonly name = 'MediaToolError';
  readonly tool: MediaToolName;
  readonly failure: MediaToolFailure;
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** The last lines of the tool's stderr (for yt-dlp also its stdout, where it reports skips). */
  readonly stderrTail: string;

  constructor(message: string, details: MediaToolErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.tool = details.tool;
    this.failure = details.failure;
    this.exitCode = details.exitCode ?? null;
    this.signal = details.signal ?? null;
    this.stderrTail = details.stderrTail ?? '';
  }
}

/** The most telling line of a tool's output: its last `ERROR:`/`Error` line, else its last line. */
export function lastErrorLine(tail: string): string {
  const lines = tail.split('\n').filter((line) => line.trim() !== '');
  const errorLine = [...lines].reverse().find((line) => /\berror\b/i.test(line));
  // yt-dlp appends a plea to report the bug upstream to most errors; it says nothing about the cause.
  return (errorLine ?? lines.at(-1) ?? '').replace(/;?\s*please report this issue on .*$/i, '').trim();
}

/** Turns a process that did not succeed into a MediaToolError with a readable message. */
export function failureFromOutcome(tool: MediaToolName, what: string, outcome: ProcessOutcome, tail: string): MediaToolError {
  const common = { tool, exitCode: outcome.exitCode, signal: outcome.signal, stderrTail: tail };
  if (outcome.spawnError !== undefined) {
    return new MediaToolError(`${tool} could not be started for ${what}: ${outcome.spawnError.message}`, {
      ...common,
      failure: 'spawn-failed',
      cause: outcome.spawnError,
    });
  }
  if (outcome.stopReason !== undefined) {
    const verb = { timeout: 'timed out', aborted: 'was aborted', 'too-large': 'exceeded the size limit' }[outcome.stopReason];
    return new MediaToolError(`${tool} ${verb} during ${what}`, { ...common, failure: outcome.stopReason });
  }
  const how = outcome.signal !== null ? `was killed by ${outcome.signal}` : `exited with code ${outcome.exitCode}`;
  const said = lastErrorLine(tail);
  return new MediaToolError(`${tool} ${how} during ${what}${said === '' ? '' : `: ${said}`}`, {
    ...common,
    failure: 'exit',
  });
}
