// The ffmpeg edge: probe a file, list encoders, run a ConversionPlan or a theme-music conversion
// into an exact output path, measure loudness.
// fluent-ffmpeg does the spawning; it is archived upstream, so it stays inside this file, behind
// an interface of our own that a plain spawn could serve just as well.
import { rm, stat } from 'node:fs/promises';
import createCommand from 'fluent-ffmpeg';
import { audioEncoderCandidates, conversionArgs, videoEncoderCandidates, type ChosenEncoders } from './conversion-args.ts';
import type { ConversionPlan } from './convert-plan.ts';
import { checkAbsoluteFile, localFileUrl, probeMedia, type MediaProbe, type ProbeOptions } from './ffprobe.ts';
import { ConvertProgressTracker, isProgressLine, type ConvertProgress } from './ffmpeg-progress.ts';
import { failureFromOutcome, lastErrorLine, MediaToolError, type MediaToolFailure } from './media-tool-error.ts';
import { probeLoudness, type LoudnessSummary } from './loudness.ts';
import { startProcess, type StopReason } from './run-process.ts';
import { subtitleInputOptions, subtitleOutputOptions, type SubtitleFile } from './subtitle-args.ts';
import { checkSubtitleFiles, sortSubtitles, type SortedSubtitles } from './subtitle-probe.ts';
import { convertThemeMusic, type EncodeJob, type ThemeMusicRequest, type ThemeMusicResult } from './theme-music.ts';

export type { ConvertProgress } from './ffmpeg-progress.ts';
export type { MediaProbe } from './ffprobe.ts';
export type { LoudnessSummary, LoudnormMeasurement } from './loudness.ts';
export type { SubtitleFile } from './subtitle-args.ts';
export type { SortedSubtitles, UnreadableSubtitle } from './subtitle-probe.ts';
export type { ThemeMusicRequest, ThemeMusicResult } from './theme-music.ts';

export interface FfmpegConfig {
  ffmpegPath: string;
  ffprobePath: string;
}

export interface ConvertRequest {
  input: string;
  /** Exact absolute path to write; the caller picks a hidden partial name and renames it later. */
  output: string;
  plan: ConversionPlan;
  /** Subtitle files to embed as subtitle streams in the container's text codec (see subtitle-args.ts). */
  subtitles?: readonly SubtitleFile[] | undefined;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  onProgress?: ((progress: ConvertProgress) => void) | undefined;
}

export interface ConvertResult {
  filePath: string;
  bytes: number;
  /** `readable` were embedded, in order; `unreadable` were left out, each with ffprobe's reason. */
  subtitles: SortedSubtitles;
}

export interface Ffmpeg {
  probe(file: string, options?: ProbeOptions): Promise<MediaProbe>;
  /** Names of the encoders this ffmpeg build has, asked once per instance. */
  encoders(): Promise<ReadonlySet<string>>;
  convert(request: ConvertRequest): Promise<ConvertResult>;
  /**
   * Theme music (`theme.mp3`): the first audio stream, silence trimmed from both ends, cut to
   * THEME_MUSIC_MAX_SECONDS, normalised to THEME_MUSIC_TARGET_LUFS in two loudnorm passes, MP3.
   * A theme shorter than THEME_MUSIC_MIN_SECONDS after trimming fails with `invalid-request`.
   * Abort, timeout (for both passes together) and progress (0–50 % measuring, 50–100 % encoding)
   * work as in convert(); on any failure the output path is removed.
   */
  convertThemeMusic(request: ThemeMusicRequest): Promise<ThemeMusicResult>;
  /** EBU R128 integrated loudness, range and true peak of a file's first audio stream. */
  probeLoudness(file: string, options?: ProbeOptions): Promise<LoudnessSummary>;
}

const DEFAULT_CONVERT_TIMEOUT_MS = 60 * 60_000;
const KILL_GRACE_MS = 2_000;
const TAIL_LINES = 40;

/** `-encoders` lists ` V....D libx264   description`; the six flag columns come first. */
export function parseEncoderList(output: string): Set<string> {
  const names = new Set<string>();
  for (const line of output.split('\n')) {
    const match = /^\s*[VAS][F.][S.][X.][B.][D.]\s+(\S+)/.exec(line);
    if (match?.[1] !== undefined && match[1] !== '=') names.add(match[1]);
  }
  return names;
}

/**
 * The fluent-ffmpeg internals we replace per command: it keeps the binary path and a capability
 * check in module-global state; we want this instance's binary and our own encoder check.
 */
interface FluentInternals {
  _getFfmpegPath(callback: (error: Error | null, path: string) => void): void;
  _checkCapabilities(callback: (error?: Error | null) => void): void;
}

function fluentError(error: Error, stopReason: StopReason | undefined, tail: string, output: string): MediaToolError {
  const exitCode = /exited with code (\d+)/.exec(error.message)?.[1];
  const signal = /killed with signal (\w+)/.exec(error.message)?.[1] ?? null;
  const spawnFailed = (error as NodeJS.ErrnoException).code !== undefined && exitCode === undefined && signal === null;
  const failure: MediaToolFailure = stopReason ?? (spawnFailed ? 'spawn-failed' : 'exit');
  const said = lastErrorLine(tail);
  const how =
    stopReason === 'timeout'
      ? 'timed out'
      : stopReason === 'aborted'
        ? 'was aborted'
        : spawnFailed
          ? `could not be started (${error.message})`
          : signal !== null
            ? `was killed by ${signal}`
            : `exited with code ${exitCode ?? '?'}`;
  return new MediaToolError(`ffmpeg ${how} while writing ${output}${said !== '' && stopReason === undefined ? `: ${said}` : ''}`, {
    tool: 'ffmpeg',
    failure,
    exitCode: exitCode !== undefined ? Number(exitCode) : null,
    signal,
    stderrTail: tail,
    cause: error,
  });
}

export function createFfmpeg(config: FfmpegConfig): Ffmpeg {
  let encodersPromise: Promise<ReadonlySet<string>> | undefined;

  const encoders = (): Promise<ReadonlySet<string>> => {
    encodersPromise ??= (async () => {
      const outcome = await startProcess(config.ffmpegPath, ['-hide_banner', '-encoders'], {
        collectStdout: true,
        timeoutMs: 30_000,
      }).done;
      if (outcome.exitCode !== 0 || outcome.stopReason !== undefined || outcome.spawnError !== undefined) {
        throw failureFromOutcome('ffmpeg', 'encoder listing', outcome, outcome.stderrTail);
      }
      return parseEncoderList(outcome.stdout);
    })();
    encodersPromise.catch(() => (encodersPromise = undefined));
    return encodersPromise;
  };

  const pick = (available: ReadonlySet<string>, candidates: string[], what: string): string => {
    const found = candidates.find((name) => available.has(name));
    if (found !== undefined) return found;
    throw new MediaToolError(
      `ffmpeg at ${config.ffmpegPath} has no encoder for ${what} (looked for ${candidates.join(', ')}); ` +
        'choose another codec or hardware acceleration in the settings',
      { tool: 'ffmpeg', failure: 'missing-encoder' },
    );
  };

  const chooseEncoders = async (plan: ConversionPlan): Promise<ChosenEncoders> => {
    const { video, audio } = plan;
    if (video.action === 'copy' && audio.action !== 'encode') return {};
    const available = await encoders();
    return {
      ...(video.action === 'encode'
        ? {
            video: pick(
              available,
              videoEncoderCandidates(video.codec, video.hwaccel),
              video.hwaccel === 'none' ? video.codec : `${video.codec} with ${video.hwaccel}`,
            ),
          }
        : {}),
      ...(audio.action === 'encode' ? { audio: pick(available, audioEncoderCandidates(audio.codec), audio.codec) } : {}),
    };
  };

  /** Runs one ffmpeg command writing `job.output`; the output is removed when it fails. */
  const encode = async (job: EncodeJob): Promise<{ filePath: string; bytes: number }> => {
    const { output, signal } = job;
    const tail: string[] = [];
    const tracker = new ConvertProgressTracker(job.durationSeconds);
    const command = createCommand({ stdoutLines: 0 })
      .input(localFileUrl(job.input))
      .inputOptions(...job.inputOptions);
    // Input 0 is the video; extra inputs (subtitle files) follow as inputs 1, 2, … each with its
    // own demuxer. fluent-ffmpeg splits a lone option at its space and turns no options into
    // "undefined": options always go in as two or more separate arguments.
    for (const extra of job.extraInputs ?? []) {
      command.input(localFileUrl(extra.path));
      if (extra.inputOptions.length > 0) command.inputOptions(...extra.inputOptions);
    }
    command.output(localFileUrl(output)).outputOptions(...job.outputOptions);
    const internals = command as unknown as FluentInternals;
    internals._getFfmpegPath = (callback) => callback(null, config.ffmpegPath);
    internals._checkCapabilities = (callback) => callback(null);

    let started = false;
    let stopReason: StopReason | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = (reason: StopReason): void => {
      if (stopReason !== undefined) return;
      stopReason = reason;
      if (!started) return; // killed on 'start' instead
      command.kill('SIGTERM');
      killTimer = setTimeout(() => command.kill('SIGKILL'), KILL_GRACE_MS);
    };
    const onAbort = (): void => stop('aborted');
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) stop('aborted');
    const timeout = setTimeout(() => stop('timeout'), job.timeoutMs);

    try {
      await new Promise<void>((resolve, reject) => {
        command.on('start', () => {
          started = true;
          if (stopReason !== undefined) {
            command.kill('SIGKILL');
          }
        });
        command.on('stderr', (line: string) => {
          if (isProgressLine(line)) {
            const progress = tracker.update(line);
            if (progress !== undefined) {
              try {
                job.onProgress?.(progress);
              } catch {
                // Progress is advisory; a failing listener must not break the conversion.
              }
            }
            return;
          }
          if (line.trim() === '') return;
          tail.push(line);
          if (tail.length > TAIL_LINES) tail.shift();
        });
        command.on('error', (error: Error) => reject(fluentError(error, stopReason, tail.join('\n'), output)));
        command.on('end', () => resolve());
        command.run();
      });
      const bytes = (await stat(output)).size;
      return { filePath: output, bytes };
    } catch (error) {
      // The output path is the caller's partial name for this conversion: ours to remove.
      await rm(output, { force: true });
      throw error;
    } finally {
      clearTimeout(timeout);
      clearTimeout(killTimer);
      signal?.removeEventListener('abort', onAbort);
    }
  };

  const convert = async (request: ConvertRequest): Promise<ConvertResult> => {
    const { input, output, plan, signal } = request;
    checkAbsoluteFile('ffmpeg', 'input', input);
    checkAbsoluteFile('ffmpeg', 'output', output);
    checkSubtitleFiles(request.subtitles ?? []);
    if (input === output) {
      throw new MediaToolError('ffmpeg input and output must be different files', { tool: 'ffmpeg', failure: 'invalid-request' });
    }
    if (signal?.aborted) {
      throw new MediaToolError(`ffmpeg conversion to ${output} was aborted before it started`, { tool: 'ffmpeg', failure: 'aborted' });
    }
    const args = conversionArgs(plan, await chooseEncoders(plan));
    const subtitles = await sortSubtitles(config.ffprobePath, request.subtitles ?? [], signal);
    const written = await encode({
      input,
      output,
      inputOptions: args.inputOptions,
      outputOptions: [...args.outputOptions, ...subtitleOutputOptions(plan.container, subtitles.readable)],
      extraInputs: subtitles.readable.map((subtitle) => ({ path: subtitle.path, inputOptions: subtitleInputOptions(subtitle.path) })),
      durationSeconds: plan.durationSeconds,
      signal,
      timeoutMs: request.timeoutMs ?? DEFAULT_CONVERT_TIMEOUT_MS,
      onProgress: request.onProgress,
    });
    return { ...written, subtitles };
  };

  const probe = (file: string, options?: ProbeOptions): Promise<MediaProbe> => probeMedia(config.ffprobePath, file, options);

  return {
    probe,
    encoders,
    convert,
    convertThemeMusic: (request) =>
      convertThemeMusic(
        { ffmpegPath: config.ffmpegPath, probe, encoders, encode },
        { ...request, timeoutMs: request.timeoutMs ?? DEFAULT_CONVERT_TIMEOUT_MS },
      ),
    probeLoudness: (file, options) => probeLoudness(config.ffmpegPath, file, options),
  };
}
