/**
 * Real test clips, made by the real ffmpeg from lavfi sources (a `testsrc2` picture and a 440 Hz
 * `sine` tone), cached per process: asking twice for the same spec returns the same file.
 *
 *   const mp4 = await makeClip();                                   // 2 s 320x240 h264/aac mp4
 *   const big = await makeClip({ width: 1920, height: 1080, rate: 10 });
 *   const webm = await makeClip({ kind: 'webm-vp9-opus' });
 *   const dash = await makeDashClip();   // folder with clip.mpd + separate video and audio segments
 *
 * Clips live in one temp folder per process, removed when the process exits (or, when it was
 * killed, by the next process that makes clips). Keep them short and small: the tests run on two
 * cores. FFMPEG_PATH picks the binary (default `ffmpeg`).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startProcess } from '../../src/media-tools/run-process.ts';

export type ClipKind =
  | 'mp4-h264-aac'
  | 'mp4-h264-silent'
  | 'webm-vp9-opus'
  | 'mkv-hevc-aac'
  | 'mkv-h264-opus'
  /** A second audio track (opus, 880 Hz) after the first (aac, 440 Hz). */
  | 'mkv-h264-two-audio';

export interface ClipSpec {
  kind?: ClipKind;
  width?: number;
  height?: number;
  /** Frames per second; low rates keep big pictures cheap. */
  rate?: number;
  seconds?: number;
}

const EXTENSIONS: Record<ClipKind, string> = {
  'mp4-h264-aac': 'mp4',
  'mp4-h264-silent': 'mp4',
  'webm-vp9-opus': 'webm',
  'mkv-hevc-aac': 'mkv',
  'mkv-h264-opus': 'mkv',
  'mkv-h264-two-audio': 'mkv',
};

const H264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];
const AAC = ['-c:a', 'aac', '-b:a', '64k'];
const OPUS = ['-c:a', 'libopus', '-b:a', '48k'];

const ENCODING: Record<ClipKind, string[]> = {
  'mp4-h264-aac': [...H264, ...AAC, '-movflags', '+faststart', '-f', 'mp4'],
  'mp4-h264-silent': [...H264, '-movflags', '+faststart', '-f', 'mp4'],
  'webm-vp9-opus': ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '300k', ...OPUS, '-f', 'webm'],
  'mkv-hevc-aac': ['-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', 'log-level=error', ...AAC, '-f', 'matroska'],
  'mkv-h264-opus': [...H264, ...OPUS, '-f', 'matroska'],
  'mkv-h264-two-audio': ['-map', '0:v', '-map', '1:a', '-map', '2:a', ...H264, '-c:a:0', 'aac', '-c:a:1', 'libopus', '-f', 'matroska'],
};

let folder: string | undefined;
const made = new Map<string, Promise<string>>();

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * `<tmp>/previewarr-clips/<pid>-<random>/`. Test workers are often killed rather than allowed to
 * exit, so besides the exit hook, folders of processes that are gone are removed on first use.
 */
function clipFolder(): string {
  if (folder === undefined) {
    const parent = path.join(tmpdir(), 'previewarr-clips');
    mkdirSync(parent, { recursive: true });
    for (const name of readdirSync(parent)) {
      const pid = Number(name.split('-')[0]);
      if (Number.isInteger(pid) && pid > 0 && !isRunning(pid)) rmSync(path.join(parent, name), { recursive: true, force: true });
    }
    const created = mkdtempSync(path.join(parent, `${process.pid}-`));
    folder = created;
    process.once('exit', () => rmSync(created, { recursive: true, force: true }));
  }
  return folder;
}

export function makeClip(spec: ClipSpec = {}): Promise<string> {
  const kind = spec.kind ?? 'mp4-h264-aac';
  const size = sizeOf(spec);
  const file = path.join(clipFolder(), `${kind}-${size.width}x${size.height}-${size.rate}fps-${size.seconds}s.${EXTENSIONS[kind]}`);
  const tones = kind === 'mp4-h264-silent' ? [] : kind === 'mkv-h264-two-audio' ? [440, 880] : [440];
  return cached(file, [...sources(size, tones), ...ENCODING[kind], '-y', file]);
}

/**
 * The same picture and tone as a DASH presentation with video and audio in separate streams, as
 * YouTube serves them: yt-dlp then downloads two pieces and merges them with ffmpeg. Returns the
 * folder holding `clip.mpd` and its segments.
 */
export function makeDashClip(spec: Omit<ClipSpec, 'kind'> = {}): Promise<string> {
  const size = sizeOf(spec);
  const folder = path.join(clipFolder(), `dash-${size.width}x${size.height}-${size.rate}fps-${size.seconds}s`);
  const args = [...sources(size, [440]), '-map', '0:v', '-map', '1:a', ...H264, '-g', String(size.rate), ...AAC];
  return cached(folder, [...args, '-f', 'dash', '-seg_duration', '1', '-y', path.join(folder, 'clip.mpd')], { folder: true });
}

type ClipSize = Required<Omit<ClipSpec, 'kind'>>;

const sizeOf = (spec: ClipSpec): ClipSize => ({
  width: spec.width ?? 320,
  height: spec.height ?? 240,
  rate: spec.rate ?? 15,
  seconds: spec.seconds ?? 2,
});

/** A `testsrc2` picture and one sine input per tone, cut to the clip's length. */
function sources({ width, height, rate, seconds }: ClipSize, tones: number[]): string[] {
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${width}x${height}:rate=${rate}`,
    ...tones.flatMap((hz) => ['-f', 'lavfi', '-i', `sine=frequency=${hz}:sample_rate=48000`]),
    '-t',
    String(seconds),
  ];
}

/** Runs ffmpeg once per target path in this process; later calls share the result. */
function cached(target: string, args: string[], options: { folder?: boolean } = {}): Promise<string> {
  let result = made.get(target);
  if (result === undefined) {
    result = (async () => {
      if (options.folder) mkdirSync(target, { recursive: true });
      const outcome = await startProcess(process.env['FFMPEG_PATH'] ?? 'ffmpeg', args, { timeoutMs: 120_000 }).done;
      if (outcome.exitCode !== 0) {
        throw new Error(`making test clip ${path.basename(target)} failed (${outcome.exitCode}): ${outcome.stderrTail}`);
      }
      return target;
    })();
    made.set(target, result);
  }
  return result;
}
