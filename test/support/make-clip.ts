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

export function clipExtension(kind: ClipKind): string {
  return EXTENSIONS[kind];
}

export function makeClip(spec: ClipSpec = {}): Promise<string> {
  const kind = spec.kind ?? 'mp4-h264-aac';
  const width = spec.width ?? 320;
  const height = spec.height ?? 240;
  const rate = spec.rate ?? 15;
  const seconds = spec.seconds ?? 2;
  const name = `${kind}-${width}x${height}-${rate}fps-${seconds}s.${EXTENSIONS[kind]}`;
  let clip = made.get(name);
  if (clip === undefined) {
    clip = render(path.join(clipFolder(), name), kind, { width, height, rate, seconds });
    made.set(name, clip);
  }
  return clip;
}

async function render(
  file: string,
  kind: ClipKind,
  { width, height, rate, seconds }: Required<Omit<ClipSpec, 'kind'>>,
): Promise<string> {
  const silent = kind === 'mp4-h264-silent';
  const args = [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${width}x${height}:rate=${rate}`,
    ...(silent ? [] : ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000']),
    ...(kind === 'mkv-h264-two-audio' ? ['-f', 'lavfi', '-i', 'sine=frequency=880:sample_rate=48000'] : []),
    '-t',
    String(seconds),
    ...ENCODING[kind],
    '-y',
    file,
  ];
  await runFfmpeg(args, path.basename(file));
  return file;
}

async function runFfmpeg(args: string[], what: string): Promise<void> {
  const outcome = await startProcess(process.env['FFMPEG_PATH'] ?? 'ffmpeg', args, { timeoutMs: 120_000 }).done;
  if (outcome.exitCode !== 0) throw new Error(`making test clip ${what} failed (${outcome.exitCode}): ${outcome.stderrTail}`);
}

/**
 * The same picture and tone as a DASH presentation with video and audio in separate streams, as
 * YouTube serves them: yt-dlp then downloads two pieces and merges them with ffmpeg.
 */
export function makeDashClip(spec: Omit<ClipSpec, 'kind'> = {}): Promise<string> {
  const { width = 320, height = 240, rate = 15, seconds = 2 } = spec;
  const name = `dash-${width}x${height}-${rate}fps-${seconds}s`;
  let dash = made.get(name);
  if (dash === undefined) {
    dash = renderDash(path.join(clipFolder(), name), { width, height, rate, seconds });
    made.set(name, dash);
  }
  return dash;
}

async function renderDash(folder: string, { width, height, rate, seconds }: Required<Omit<ClipSpec, 'kind'>>): Promise<string> {
  mkdirSync(folder, { recursive: true });
  const args = [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${width}x${height}:rate=${rate}`,
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=48000',
    '-t',
    String(seconds),
    '-map',
    '0:v',
    '-map',
    '1:a',
    ...H264,
    '-g',
    String(rate),
    ...AAC,
    '-f',
    'dash',
    '-seg_duration',
    '1',
    '-y',
    path.join(folder, 'clip.mpd'),
  ];
  await runFfmpeg(args, path.basename(folder));
  return folder;
}
