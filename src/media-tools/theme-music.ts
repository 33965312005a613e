// A downloaded video (or audio) file into theme music: probe, pass 1 measures the trimmed audio's
// length and loudness, pass 2 encodes the normalised MP3 into the caller's exact partial path.
// The process running is done by the callers' tools (ffmpeg.ts owns fluent-ffmpeg); this file
// holds the order of the steps, the length rules and the shared deadline.
import { rm } from 'node:fs/promises';
import type { ConvertProgress } from './ffmpeg-progress.ts';
import { checkAbsoluteFile, type MediaProbe, type ProbeOptions } from './ffprobe.ts';
import { measureThemeAudio, type LoudnormMeasurement } from './loudness.ts';
import { MediaToolError } from './media-tool-error.ts';
import { THEME_MUSIC_MIN_SECONDS, themeEncodeArgs } from './theme-audio-args.ts';

export interface ThemeMusicRequest {
  input: string;
  /** Exact absolute path to write (MP3); the caller picks a hidden partial name and renames it later. */
  output: string;
  signal?: AbortSignal | undefined;
  /** For the whole conversion, both passes together. */
  timeoutMs?: number | undefined;
  /** 0–50 % while measuring, 50–100 % while encoding; never going back. */
  onProgress?: ((progress: ConvertProgress) => void) | undefined;
}

export interface ThemeMusicResult {
  filePath: string;
  bytes: number;
  /** Length of the theme: the source without its leading and trailing silence, at most the maximum. */
  durationSeconds: number;
  /** What pass 1 measured on the trimmed source, before normalising. */
  sourceLoudness: LoudnormMeasurement;
}

/** One ffmpeg run writing `output` (ffmpeg.ts's encode): removes the output when it fails. */
export interface EncodeJob {
  input: string;
  output: string;
  inputOptions: string[];
  outputOptions: string[];
  /** Further inputs after the first (subtitle files), each with its own input options. */
  extraInputs?: readonly { path: string; inputOptions: string[] }[] | undefined;
  durationSeconds: number;
  signal?: AbortSignal | undefined;
  timeoutMs: number;
  onProgress?: ((progress: ConvertProgress) => void) | undefined;
}

export interface ThemeMusicTools {
  ffmpegPath: string;
  probe(file: string, options?: ProbeOptions): Promise<MediaProbe>;
  encoders(): Promise<ReadonlySet<string>>;
  encode(job: EncodeJob): Promise<{ filePath: string; bytes: number }>;
}

const MP3_ENCODER = 'libmp3lame';

const aborted = (output: string): MediaToolError =>
  new MediaToolError(`ffmpeg theme music conversion to ${output} was aborted`, { tool: 'ffmpeg', failure: 'aborted' });

/** Hands on progress of one pass as its half of the whole, only ever forward. */
function halves(onProgress: ThemeMusicRequest['onProgress']): (offset: 0 | 50) => (progress: ConvertProgress) => void {
  let last = 0;
  return (offset) => (progress) => {
    const percent = Math.round((offset + progress.percent / 2) * 10) / 10;
    if (percent <= last) return;
    last = percent;
    onProgress?.({ percent, outTimeSeconds: progress.outTimeSeconds });
  };
}

export async function convertThemeMusic(
  tools: ThemeMusicTools,
  request: ThemeMusicRequest & { timeoutMs: number },
): Promise<ThemeMusicResult> {
  const { input, output, signal } = request;
  checkAbsoluteFile('ffmpeg', 'input', input);
  checkAbsoluteFile('ffmpeg', 'output', output);
  if (input === output) {
    throw new MediaToolError('ffmpeg input and output must be different files', { tool: 'ffmpeg', failure: 'invalid-request' });
  }
  if (signal?.aborted) throw aborted(output);

  const deadline = Date.now() + request.timeoutMs;
  const remainingMs = (): number => {
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new MediaToolError(`ffmpeg timed out while writing ${output}`, { tool: 'ffmpeg', failure: 'timeout' });
    }
    return left;
  };
  const progress = halves(request.onProgress);

  try {
    if (!(await tools.encoders()).has(MP3_ENCODER)) {
      throw new MediaToolError(`ffmpeg at ${tools.ffmpegPath} has no ${MP3_ENCODER} encoder, which theme music needs`, {
        tool: 'ffmpeg',
        failure: 'missing-encoder',
      });
    }
    const probe = await tools.probe(input, { signal, timeoutMs: remainingMs() });
    if (probe.audio === undefined) {
      throw new MediaToolError('the downloaded file has no audio stream to make theme music of', {
        tool: 'ffmpeg',
        failure: 'invalid-request',
      });
    }
    const audioStreamIndex = probe.audio.index;

    const measured = await measureThemeAudio(tools.ffmpegPath, {
      input,
      audioStreamIndex,
      durationSeconds: probe.durationSeconds,
      signal,
      timeoutMs: remainingMs(),
      onProgress: progress(0),
    });
    if (measured.trimmedSeconds < THEME_MUSIC_MIN_SECONDS) {
      // invalid-request: the pipeline counts it as a permanent failure of this candidate and moves on.
      throw new MediaToolError(
        `theme music is too short: ${measured.trimmedSeconds.toFixed(1)} s of sound once leading and trailing ` +
          `silence is trimmed, at least ${THEME_MUSIC_MIN_SECONDS} s needed`,
        { tool: 'ffmpeg', failure: 'invalid-request' },
      );
    }
    const sourceLoudness = measured.readLoudness();
    if (signal?.aborted) throw aborted(output);

    const args = themeEncodeArgs(audioStreamIndex, sourceLoudness, measured.trimmedSeconds);
    const written = await tools.encode({
      input,
      output,
      ...args,
      durationSeconds: measured.trimmedSeconds,
      signal,
      timeoutMs: remainingMs(),
      onProgress: progress(50),
    });
    return { ...written, durationSeconds: measured.trimmedSeconds, sourceLoudness };
  } catch (error) {
    // The output path is the caller's partial name for this conversion: ours to remove.
    await rm(output, { force: true });
    throw error;
  }
}
