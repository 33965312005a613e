// The real ffmpeg making theme.mp3 from generated sources; every result ffprobed and measured.
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConvertProgress } from '../../src/media-tools/ffmpeg.ts';
import { startProcess } from '../../src/media-tools/run-process.ts';
import { THEME_MUSIC_MAX_SECONDS, THEME_MUSIC_TARGET_LUFS } from '../../src/media-tools/theme-audio-args.ts';
import { ffprobePath, scratchFolders, testFfmpeg } from '../support/media-tool-setup.ts';
import { eventually, processesMentioning } from './running-processes.ts';
import { makeThemeSource, themeSourceFolder, type ThemeSourceSpec } from './theme-sources.ts';
import { failureOf } from './tool-failure.ts';

const ffmpeg = testFfmpeg();
const scratch = scratchFolders('previewarr-theme-');
const freshDir = () => scratch.fresh();

const QUIET: ThemeSourceSpec = { sound: 'quiet', leadingSilence: 2, soundSeconds: 20, trailingSilence: 3, container: 'mp4' };
const LOUD: ThemeSourceSpec = { sound: 'loud', leadingSilence: 2, soundSeconds: 20, trailingSilence: 3, container: 'webm' };
/** Measuring and encoding three minutes at loudnorm's 192 kHz takes a while on two busy cores. */
const LONG_TEST_MS = 240_000;
const FIVE_MINUTES: ThemeSourceSpec = { sound: 'quiet', leadingSilence: 1, soundSeconds: 299, trailingSilence: 0, container: 'm4a' };

interface ProbedStreams {
  streams: { codec_type?: string; codec_name?: string; sample_rate?: string; channels?: number }[];
  format: { format_name?: string; duration?: string; tags?: Record<string, string> };
}

async function ffprobeJson(file: string): Promise<ProbedStreams> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format', `file:${file}`];
  const outcome = await startProcess(ffprobePath, args, { collectStdout: true }).done;
  expect(outcome.exitCode).toBe(0);
  return JSON.parse(outcome.stdout) as ProbedStreams;
}

const isMonotonic = (values: number[]): boolean => values.every((value, i) => i === 0 || value > (values[i - 1] ?? 0));

afterAll(async () => {
  await scratch.remove();
  const sources = await themeSourceFolder();
  if (sources !== undefined) await rm(sources, { recursive: true, force: true });
});

describe('convertThemeMusic: the file', () => {
  it.each([
    ['a quiet tone (−35 LUFS) in an mp4 with video', QUIET, [-36.5, -33.5]],
    ['loud noise (−8 LUFS) in a webm with video', LOUD, [-9.5, -6.5]],
  ] as const)('turns %s into trimmed, normalised audio-only MP3', async (_name, spec, [low, high]) => {
    const input = await makeThemeSource({ ...spec, title: 'Official Trailer — "$(rm -rf /)"' });
    const source = await ffmpeg.probeLoudness(input);
    // The source really is as quiet or loud as the test says (else the test proves nothing).
    expect(source.integratedLufs).toBeGreaterThanOrEqual(low);
    expect(source.integratedLufs).toBeLessThanOrEqual(high);
    expect((await ffmpeg.probe(input)).video).toBeDefined();

    const dir = await freshDir();
    const output = path.join(dir, '.theme.mp3.partial');
    const progress: ConvertProgress[] = [];
    const result = await ffmpeg.convertThemeMusic({ input, output, onProgress: (p) => progress.push(p) });

    const probed = await ffprobeJson(output);
    expect(probed.format.format_name).toBe('mp3');
    expect(probed.streams.map((s) => `${s.codec_type}:${s.codec_name}`)).toEqual(['audio:mp3']);
    expect(probed.streams[0]).toMatchObject({ sample_rate: '44100', channels: 2 });
    // Nothing from the web page: no title, no comment.
    expect(Object.keys(probed.format.tags ?? {}).filter((tag) => tag !== 'encoder')).toEqual([]);

    // 2 s of leading and 3 s of trailing silence are gone: the 20 s of sound remain.
    const duration = Number(probed.format.duration);
    expect(Math.abs(duration - 20)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(result.durationSeconds - 20)).toBeLessThanOrEqual(0.5);
    expect(result).toMatchObject({ filePath: output, bytes: (await ffmpeg.probe(output)).sizeBytes });
    expect(Math.abs(result.sourceLoudness.inputI - source.integratedLufs)).toBeLessThan(1);

    const loudness = await ffmpeg.probeLoudness(output);
    expect(Math.abs(loudness.integratedLufs - THEME_MUSIC_TARGET_LUFS)).toBeLessThanOrEqual(1);
    expect(loudness.truePeakDbtp).toBeLessThanOrEqual(-1);

    expect(progress.at(-1)?.percent).toBe(100);
    // The measuring pass ends at 50 %, the encoding pass at 100 %.
    expect(progress.some((p) => p.percent <= 50)).toBe(true);
    expect(isMonotonic(progress.map((p) => p.percent))).toBe(true);
    expect(await readdir(dir)).toEqual(['.theme.mp3.partial']);
  });

  it('cuts a five-minute source to three minutes, fading out', async () => {
    const input = await makeThemeSource(FIVE_MINUTES);
    expect((await ffmpeg.probe(input)).durationSeconds).toBeGreaterThan(299);
    const output = path.join(await freshDir(), '.theme.partial');
    const result = await ffmpeg.convertThemeMusic({ input, output });
    const duration = Number((await ffprobeJson(output)).format.duration);
    expect(duration).toBeLessThanOrEqual(THEME_MUSIC_MAX_SECONDS + 0.1);
    expect(duration).toBeGreaterThan(THEME_MUSIC_MAX_SECONDS - 1);
    expect(result.durationSeconds).toBeLessThanOrEqual(THEME_MUSIC_MAX_SECONDS);
  }, LONG_TEST_MS);
});

describe('convertThemeMusic: too short', () => {
  it('refuses a 4 s source with a clear reason and writes nothing', async () => {
    const input = await makeThemeSource({ ...QUIET, leadingSilence: 0, soundSeconds: 4, trailingSilence: 0 });
    const dir = await freshDir();
    const error = await failureOf(ffmpeg.convertThemeMusic({ input, output: path.join(dir, '.theme.partial') }));
    expect(error.failure).toBe('invalid-request');
    expect(error.message).toMatch(/^theme music is too short: 4\.\d s of sound once leading and trailing silence is trimmed, at least 10 s needed$/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('counts only the sound: 14 s with 8 s of silence around 6 s of tone is too short', async () => {
    const input = await makeThemeSource({ ...QUIET, leadingSilence: 4, soundSeconds: 6, trailingSilence: 4 });
    expect((await ffmpeg.probe(input)).durationSeconds).toBeGreaterThan(13);
    const error = await failureOf(ffmpeg.convertThemeMusic({ input, output: path.join(await freshDir(), '.t') }));
    expect(error.failure).toBe('invalid-request');
    expect(error.message).toContain('too short: 6.0 s');
  });
});

describe('convertThemeMusic: stopping', () => {
  it('kills ffmpeg when the abort signal fires while encoding, and removes the partial output', async () => {
    const input = await makeThemeSource(FIVE_MINUTES);
    const dir = await freshDir();
    const output = path.join(dir, '.abort.partial');
    const controller = new AbortController();
    // Past 50 % is pass 2, the one that writes the output.
    const conversion = ffmpeg.convertThemeMusic({
      input,
      output,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.percent > 50) controller.abort();
      },
    });
    const error = await failureOf(conversion);
    expect(error.failure).toBe('aborted');
    expect(controller.signal.aborted).toBe(true);
    expect(await readdir(dir)).toEqual([]);
    expect(await processesMentioning(output)).toEqual([]);
  }, LONG_TEST_MS);

  it('kills the measuring pass when the abort signal fires there', async () => {
    const input = await makeThemeSource(FIVE_MINUTES);
    const dir = await freshDir();
    const output = path.join(dir, '.measuring.partial');
    const controller = new AbortController();
    const conversion = ffmpeg.convertThemeMusic({ input, output, signal: controller.signal });
    expect(await eventually(async () => (await processesMentioning(input)).length > 0)).toBe(true);
    controller.abort();
    const error = await failureOf(conversion);
    expect(error.failure).toBe('aborted');
    expect(await readdir(dir)).toEqual([]);
    expect(await processesMentioning(input)).toEqual([]);
  }, LONG_TEST_MS);

  it('stops at the timeout, which covers both passes', async () => {
    const input = await makeThemeSource(FIVE_MINUTES);
    const dir = await freshDir();
    const error = await failureOf(ffmpeg.convertThemeMusic({ input, output: path.join(dir, '.t'), timeoutMs: 300 }));
    expect(error.failure).toBe('timeout');
    expect(await readdir(dir)).toEqual([]);
  });

  it('does not start when the signal is already aborted', async () => {
    const input = await makeThemeSource(QUIET);
    const dir = await freshDir();
    const error = await failureOf(ffmpeg.convertThemeMusic({ input, output: path.join(dir, '.t'), signal: AbortSignal.abort() }));
    expect(error.failure).toBe('aborted');
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses relative paths, writing over the input, and a file without sound', async () => {
    const input = await makeThemeSource(QUIET);
    expect((await failureOf(ffmpeg.convertThemeMusic({ input, output: 'theme.mp3' }))).failure).toBe('invalid-request');
    expect((await failureOf(ffmpeg.convertThemeMusic({ input, output: input }))).failure).toBe('invalid-request');
    const silentVideo = path.join(await freshDir(), 'silent.mp4');
    const made = await startProcess(process.env['FFMPEG_PATH'] ?? 'ffmpeg', [
      '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=5', '-t', '2', '-c:v', 'libx264', '-preset', 'ultrafast', '-y', silentVideo,
    ]).done;
    expect(made.exitCode).toBe(0);
    const error = await failureOf(ffmpeg.convertThemeMusic({ input: silentVideo, output: path.join(path.dirname(silentVideo), '.t') }));
    expect(error.failure).toBe('invalid-request');
    expect(error.message).toContain('no audio stream');
  });
});
