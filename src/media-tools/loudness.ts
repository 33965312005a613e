// ffmpeg runs that only measure (nothing is written): a file's loudness by the ebur128 scanner,
// and pass 1 of the theme-music conversion (trimmed length and loudnorm's measurement).
import { checkAbsoluteFile, localFileUrl, type ProbeOptions } from './ffprobe.ts';
import { ConvertProgressTracker, isProgressLine, type ConvertProgress } from './ffmpeg-progress.ts';
import { parseEbur128Summary, parseLoudnormJson, type LoudnessSummary, type LoudnormMeasurement } from './loudness-report.ts';
import { failureFromOutcome, MediaToolError } from './media-tool-error.ts';
import { startProcess, type ProcessOutcome } from './run-process.ts';
import { themeMeasureArgs } from './theme-audio-args.ts';

export type { LoudnessSummary, LoudnormMeasurement } from './loudness-report.ts';

const DEFAULT_LOUDNESS_TIMEOUT_MS = 10 * 60_000;
/** Log lines kept for parsing: the report is at the end, the stream dump before it is not needed. */
const KEPT_LINES = 200;

/** Collects ffmpeg's stderr: progress lines apart, the rest (bounded) for the report parsers. */
class StderrLines {
  readonly lines: string[] = [];
  outTimeSeconds = 0;

  constructor(private readonly onProgressLine?: (line: string) => void) {}

  readonly accept = (line: string): void => {
    if (isProgressLine(line)) {
      const [key, value] = line.trim().split('=', 2);
      const micros = Number(value);
      if (key === 'out_time_us' && value !== '' && Number.isFinite(micros) && micros >= 0) {
        this.outTimeSeconds = Math.max(this.outTimeSeconds, micros / 1_000_000);
      }
      this.onProgressLine?.(line);
      return;
    }
    this.lines.push(line);
    if (this.lines.length > KEPT_LINES) this.lines.shift();
  };
}

const succeeded = (outcome: ProcessOutcome): boolean =>
  outcome.exitCode === 0 && outcome.stopReason === undefined && outcome.spawnError === undefined;

function badReport(what: string, stderrTail: string, cause: unknown): MediaToolError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new MediaToolError(`ffmpeg ${what} gave no usable result: ${reason}`, {
    tool: 'ffmpeg',
    failure: 'bad-output',
    exitCode: 0,
    stderrTail,
    cause,
  });
}

/**
 * loudnorm's measurement from ffmpeg's log lines (progress lines left out), or a MediaToolError
 * (`bad-output`) saying what was wrong with them: missing, garbled, not numbers, out of range.
 */
export function readLoudnormReport(stderrLines: readonly string[], what: string): LoudnormMeasurement {
  try {
    return parseLoudnormJson(stderrLines);
  } catch (cause) {
    throw badReport(what, stderrLines.slice(-40).join('\n'), cause);
  }
}

/** Integrated loudness, loudness range and true peak of a file's first audio stream (EBU R128). */
export async function probeLoudness(ffmpegPath: string, file: string, options: ProbeOptions = {}): Promise<LoudnessSummary> {
  checkAbsoluteFile('ffmpeg', 'input', file);
  const args = [
    '-nostdin',
    '-hide_banner',
    '-i',
    localFileUrl(file),
    '-map',
    '0:a:0',
    // Per-frame values go to the verbose level, below what is printed; the summary is at info.
    '-af',
    'ebur128=peak=true:framelog=verbose',
    '-f',
    'null',
    '-nostats',
    '-loglevel',
    'info',
    '-',
  ];
  const stderr = new StderrLines();
  const outcome = await startProcess(ffmpegPath, args, {
    signal: options.signal,
    timeoutMs: options.timeoutMs ?? DEFAULT_LOUDNESS_TIMEOUT_MS,
    onStderrLine: stderr.accept,
  }).done;
  if (!succeeded(outcome)) {
    throw failureFromOutcome('ffmpeg', `loudness measurement of ${file}`, outcome, stderr.lines.slice(-40).join('\n'));
  }
  try {
    return parseEbur128Summary(stderr.lines);
  } catch (cause) {
    throw badReport(`loudness measurement of ${file}`, stderr.lines.slice(-40).join('\n'), cause);
  }
}

export interface ThemeMeasureRequest {
  input: string;
  audioStreamIndex: number;
  /** The input's duration, which progress is measured against. */
  durationSeconds: number;
  signal?: AbortSignal | undefined;
  timeoutMs: number;
  onProgress?: ((progress: ConvertProgress) => void) | undefined;
}

export interface ThemeMeasurement {
  /** Length of the audio after trimming silence and cutting to the maximum. */
  trimmedSeconds: number;
  /**
   * loudnorm's measurement; throws a MediaToolError (bad-output) when ffmpeg printed none that is
   * usable. A separate step because audio trimmed to nothing has no loudness, and the caller
   * reports that as "too short" instead.
   */
  readLoudness(): LoudnormMeasurement;
}

/** Pass 1: runs the trim and loudnorm filters over the input and reads what they measured. */
export async function measureThemeAudio(ffmpegPath: string, request: ThemeMeasureRequest): Promise<ThemeMeasurement> {
  const tracker = new ConvertProgressTracker(request.durationSeconds);
  const stderr = new StderrLines((line) => {
    const progress = tracker.update(line);
    if (progress === undefined) return;
    try {
      request.onProgress?.(progress);
    } catch {
      // Progress is advisory; a failing listener must not break the measurement.
    }
  });
  const outcome = await startProcess(ffmpegPath, themeMeasureArgs(request.input, request.audioStreamIndex), {
    signal: request.signal,
    timeoutMs: request.timeoutMs,
    onStderrLine: stderr.accept,
  }).done;
  const what = `theme music measurement of ${request.input}`;
  // The process's own tail is mostly progress lines; the log lines say what went wrong.
  const tail = stderr.lines.slice(-40).join('\n');
  if (!succeeded(outcome)) throw failureFromOutcome('ffmpeg', what, outcome, tail);
  return {
    trimmedSeconds: stderr.outTimeSeconds,
    readLoudness: () => readLoudnormReport(stderr.lines, what),
  };
}
