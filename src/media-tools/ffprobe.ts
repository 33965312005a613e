// ffprobe's JSON report of a media file, reduced to what the conversion decision needs and
// checked with zod: a file ffprobe cannot read, or a report without a duration, is an error here.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { failureFromOutcome, MediaToolError } from './media-tool-error.ts';
import { startProcess } from './run-process.ts';

export interface MediaProbe {
  durationSeconds: number;
  /** ffprobe's format name, e.g. `mov,mp4,m4a,3gp,3g2,mj2` or `matroska,webm`. */
  formatName: string;
  sizeBytes: number;
  /** The first real video stream (cover pictures are not counted). */
  video?: { index: number; codec: string; width: number; height: number; pixFmt?: string };
  audio?: { index: number; codec: string; channels?: number };
}

export interface ProbeOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
}

const DEFAULT_PROBE_TIMEOUT_MS = 60_000;

/** ffprobe prints numbers as strings ("12.345000") and leaves out what it does not know. */
const numeric = z
  .union([z.number(), z.string()])
  .transform((value) => Number(value))
  .pipe(z.number().nonnegative())
  .optional()
  .catch(undefined);

const streamSchema = z.object({
  index: z.number().int().nonnegative(),
  codec_type: z.string().optional().catch(undefined),
  codec_name: z.string().optional().catch(undefined),
  width: numeric,
  height: numeric,
  pix_fmt: z.string().optional().catch(undefined),
  channels: numeric,
  duration: numeric,
  disposition: z.object({ attached_pic: z.number().optional().catch(undefined) }).optional().catch(undefined),
});

const reportSchema = z.object({
  streams: z.array(z.unknown()).default([]),
  format: z.object({
    format_name: z.string().default('unknown'),
    duration: numeric,
    size: numeric,
  }),
});

export function parseProbeReport(json: unknown, fallbackSizeBytes: number): MediaProbe {
  const report = reportSchema.parse(json);
  const streams = report.streams.flatMap((raw) => {
    const parsed = streamSchema.safeParse(raw);
    return parsed.success ? [parsed.data] : [];
  });
  const videoStream = streams.find(
    (stream) =>
      stream.codec_type === 'video' &&
      stream.disposition?.attached_pic !== 1 &&
      stream.codec_name !== undefined &&
      stream.width !== undefined &&
      stream.height !== undefined,
  );
  const audioStream = streams.find((stream) => stream.codec_type === 'audio' && stream.codec_name !== undefined);
  const durationSeconds =
    report.format.duration ?? Math.max(0, ...streams.map((stream) => stream.duration ?? 0));
  if (!(durationSeconds > 0)) throw new Error('the file reports no duration');
  return {
    durationSeconds,
    formatName: report.format.format_name,
    sizeBytes: report.format.size ?? fallbackSizeBytes,
    ...(videoStream !== undefined
      ? {
          video: {
            index: videoStream.index,
            codec: videoStream.codec_name ?? '',
            width: videoStream.width ?? 0,
            height: videoStream.height ?? 0,
            ...(videoStream.pix_fmt !== undefined ? { pixFmt: videoStream.pix_fmt } : {}),
          },
        }
      : {}),
    ...(audioStream !== undefined
      ? {
          audio: {
            index: audioStream.index,
            codec: audioStream.codec_name ?? '',
            ...(audioStream.channels !== undefined ? { channels: audioStream.channels } : {}),
          },
        }
      : {}),
  };
}

/**
 * ffmpeg and ffprobe read `proto:rest` as a protocol; the `file:` prefix keeps a path with a
 * colon (or one that looks like an option) a plain local file.
 */
export function localFileUrl(file: string): string {
  return `file:${file}`;
}

export function checkAbsoluteFile(tool: 'ffmpeg' | 'ffprobe', role: string, file: string): void {
  if (typeof file !== 'string' || !path.isAbsolute(file) || file.includes('\0')) {
    throw new MediaToolError(`${tool} ${role} must be an absolute path, got ${JSON.stringify(file)}`, {
      tool,
      failure: 'invalid-request',
    });
  }
}

export async function probeMedia(ffprobePath: string, file: string, options: ProbeOptions = {}): Promise<MediaProbe> {
  checkAbsoluteFile('ffprobe', 'input', file);
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', localFileUrl(file)];
  const outcome = await startProcess(ffprobePath, args, {
    collectStdout: true,
    signal: options.signal,
    timeoutMs: options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS,
  }).done;
  if (outcome.exitCode !== 0 || outcome.stopReason !== undefined || outcome.spawnError !== undefined) {
    throw failureFromOutcome('ffprobe', `probe of ${file}`, outcome, outcome.stderrTail);
  }
  try {
    const size = await stat(file).then(
      (stats) => stats.size,
      () => 0,
    );
    return parseProbeReport(JSON.parse(outcome.stdout), size);
  } catch (cause) {
    const reason = cause instanceof z.ZodError ? 'an unexpected report' : cause instanceof Error ? cause.message : String(cause);
    throw new MediaToolError(`ffprobe of ${file} gave no usable result: ${reason}`, {
      tool: 'ffprobe',
      failure: 'bad-output',
      exitCode: 0,
      stderrTail: outcome.stderrTail,
      cause,
    });
  }
}
