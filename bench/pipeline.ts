// Benchmark: one 20 s 1080p trailer through the whole pipeline (job, yt-dlp, ffprobe, ffmpeg,
// placement, database) against the same yt-dlp and ffmpeg commands run by hand with the same
// arguments, for a remux and for a transcode. The ratio is the pipeline's overhead.
//   in-process:  const result = await runPipelineBench();
//   standalone:  node --import tsx bench/pipeline.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFfmpeg } from '../src/media-tools/ffmpeg.ts';
import { conversionArgs, videoEncoderCandidates } from '../src/media-tools/conversion-args.ts';
import { planConversion, type ConversionProfile } from '../src/media-tools/convert-plan.ts';
import { startProcess } from '../src/media-tools/run-process.ts';
import { downloadArgs } from '../src/media-tools/ytdlp-args.ts';
import { makeClip } from '../test/support/make-clip.ts';
import { addItem, fetchItems, setProfile, startPipelineBenchEnv, type PipelineBenchEnv } from './pipeline-bench-support.ts';

export interface PipelineBenchCase {
  mode: 'remux' | 'transcode';
  pipelineSeconds: number;
  rawSeconds: number;
  /** pipelineSeconds / rawSeconds: 1.0 means no overhead at all. */
  ratio: number;
}

export interface PipelineBenchResult {
  clip: string;
  cases: PipelineBenchCase[];
}

const ytdlpPath = process.env['YTDLP_PATH'] ?? 'yt-dlp';
const ffmpegPath = process.env['FFMPEG_PATH'] ?? 'ffmpeg';
const ffprobePath = process.env['FFPROBE_PATH'] ?? 'ffprobe';

const PROFILES: Record<PipelineBenchCase['mode'], ConversionProfile> = {
  remux: { container: 'mkv', videoCodec: 'h264', audioCodec: 'aac', maxHeight: 1080, crf: 22, preset: 'veryfast', hwaccel: 'none' },
  transcode: { container: 'mkv', videoCodec: 'h264', audioCodec: 'aac', maxHeight: 720, crf: 22, preset: 'veryfast', hwaccel: 'none' },
};

async function run(bin: string, args: string[]): Promise<void> {
  const outcome = await startProcess(bin, args, { timeoutMs: 30 * 60_000 }).done;
  if (outcome.exitCode !== 0) throw new Error(`${bin} failed (${outcome.exitCode}): ${outcome.stderrTail}`);
}

/** yt-dlp then ffmpeg by hand, with the arguments the pipeline would give them. */
async function rawSeconds(env: PipelineBenchEnv, profile: ConversionProfile, videoId: string): Promise<number> {
  const dir = await mkdtemp(path.join(tmpdir(), 'previewarr-bench-raw-'));
  try {
    const ffmpeg = createFfmpeg({ ffmpegPath, ffprobePath });
    const started = performance.now();
    const source = path.join(dir, 'source');
    await run(ytdlpPath, downloadArgs({
      url: env.clips.url(videoId),
      outputPath: source,
      finalPathFile: path.join(dir, 'final-path'),
      maxHeight: profile.maxHeight,
      maxFilesizeBytes: 500 * 1024 * 1024,
      maxDurationSeconds: 300,
    }));
    const plan = planConversion(await ffmpeg.probe(source), profile);
    const encoders = plan.video.action === 'encode' ? { video: videoEncoderCandidates(plan.video.codec, plan.video.hwaccel)[0] ?? 'libx264' } : {};
    const args = conversionArgs(plan, encoders);
    await run(ffmpegPath, [...args.inputOptions, '-i', `file:${source}`, '-y', ...args.outputOptions, `file:${path.join(dir, 'out.mkv')}`]);
    return (performance.now() - started) / 1000;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function runPipelineBench(): Promise<PipelineBenchResult> {
  const clip = await makeClip({ width: 1920, height: 1080, rate: 24, seconds: 20 });
  const env = await startPipelineBenchEnv({ defaultClip: clip, env: { WORKER_CONCURRENCY: '1', FFMPEG_CONCURRENCY: '1' } });
  const cases: PipelineBenchCase[] = [];
  try {
    // Warm-up: the first job pays for module loading and the encoder listing.
    await fetchItems(env, [await addItem(env, 'warmup')]);
    for (const mode of ['remux', 'transcode'] as const) {
      const profile = PROFILES[mode];
      await setProfile(env, { maxHeight: profile.maxHeight, preset: profile.preset, crf: profile.crf });
      const pipelineSeconds = await fetchItems(env, [await addItem(env, `${mode}-pipeline`)]);
      const raw = await rawSeconds(env, profile, `${mode}-raw`);
      cases.push({ mode, pipelineSeconds, rawSeconds: raw, ratio: pipelineSeconds / raw });
    }
  } finally {
    await env.close();
  }
  return { clip: '20 s 1920x1080 24 fps h264/aac mp4', cases };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await runPipelineBench();
  for (const c of result.cases) {
    console.log(`pipeline ${c.mode} (${result.clip}): ${c.pipelineSeconds.toFixed(2)} s vs raw yt-dlp + ffmpeg ${c.rawSeconds.toFixed(2)} s → ratio ${c.ratio.toFixed(2)}`);
  }
}
