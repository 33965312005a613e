// The real ffmpeg carrying out conversion plans on generated clips; results checked with ffprobe.
import { copyFile, mkdir, open, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planConversion } from '../../src/media-tools/convert-plan.ts';
import type { ConvertProgress } from '../../src/media-tools/ffmpeg.ts';
import { startProcess } from '../../src/media-tools/run-process.ts';
import { makeClip } from '../support/make-clip.ts';
import { conversionProfile, ffmpegPath, ffprobePath, scratchFolders, testFfmpeg } from '../support/media-tool-setup.ts';
import { eventually, processesMentioning } from './running-processes.ts';
import { failureOf } from './tool-failure.ts';

const ffmpeg = testFfmpeg();
const mkvH264 = conversionProfile();
const scratch = scratchFolders('previewarr-ffmpeg-');
const freshDir = () => scratch.fresh();

/** MD5 over one stream's packets: equal only when the stream was copied, not re-encoded. */
async function streamHash(file: string, stream: 'v' | 'a'): Promise<string> {
  const args = ['-v', 'error', '-i', `file:${file}`, '-map', `0:${stream}:0`, '-c', 'copy', '-f', 'streamhash', '-hash', 'md5', '-'];
  const outcome = await startProcess(ffmpegPath, args, { collectStdout: true }).done;
  expect(outcome.exitCode).toBe(0);
  return outcome.stdout.trim();
}

async function streamKinds(file: string): Promise<string[]> {
  const args = ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name', '-of', 'csv=p=0', `file:${file}`];
  const outcome = await startProcess(ffprobePath, args, { collectStdout: true }).done;
  return outcome.stdout.trim().split('\n');
}

async function head(file: string, bytes: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Names of the top-level MP4 boxes, in file order. */
async function topLevelBoxes(file: string): Promise<string[]> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const boxes: string[] = [];
    let offset = 0;
    while (offset + 8 <= size) {
      const header = Buffer.alloc(16);
      await handle.read(header, 0, 16, offset);
      let boxSize = header.readUInt32BE(0);
      if (boxSize === 1) boxSize = Number(header.readBigUInt64BE(8));
      boxes.push(header.toString('latin1', 4, 8));
      if (boxSize < 8) break;
      offset += boxSize;
    }
    return boxes;
  } finally {
    await handle.close();
  }
}

const isMonotonic = (values: number[]): boolean => values.every((value, i) => i === 0 || value >= (values[i - 1] ?? 0));

afterAll(() => scratch.remove());

describe('convert: remux', () => {
  it('copies h264/aac from mp4 into mkv without re-encoding', async () => {
    const input = await makeClip({ seconds: 2 });
    const inputProbe = await ffmpeg.probe(input);
    const plan = planConversion(inputProbe, mkvH264);
    expect(plan.mode).toBe('remux');

    const dir = await freshDir();
    const output = path.join(dir, '.trailer.partial');
    const progress: ConvertProgress[] = [];
    const result = await ffmpeg.convert({ input, output, plan, onProgress: (p) => progress.push(p) });

    const probe = await ffmpeg.probe(output);
    expect(result).toEqual({ filePath: output, bytes: probe.sizeBytes, subtitles: { readable: [], unreadable: [] } });
    expect(probe.formatName).toBe('matroska,webm');
    expect(probe.video).toMatchObject({ codec: 'h264', width: 320, height: 240 });
    expect(probe.audio?.codec).toBe('aac');
    expect(Math.abs(probe.durationSeconds - inputProbe.durationSeconds)).toBeLessThan(0.15);
    expect(await streamHash(output, 'v')).toBe(await streamHash(input, 'v'));
    expect(await streamHash(output, 'a')).toBe(await streamHash(input, 'a'));
    expect(progress.at(-1)?.percent).toBe(100);
    expect(isMonotonic(progress.map((p) => p.percent))).toBe(true);
    expect(await readdir(dir)).toEqual(['.trailer.partial']);
  });

  it('writes mp4 with the index first (faststart)', async () => {
    const input = await makeClip({ kind: 'mkv-h264-opus' });
    const plan = planConversion(await ffmpeg.probe(input), { ...mkvH264, container: 'mp4', audioCodec: 'opus' });
    expect(plan.mode).toBe('remux');
    const output = path.join(await freshDir(), '.t.partial');
    await ffmpeg.convert({ input, output, plan });
    const boxes = await topLevelBoxes(output);
    expect(boxes).toContain('mdat');
    expect(boxes.indexOf('moov')).toBeGreaterThan(-1);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
    expect((await ffmpeg.probe(output)).formatName).toContain('mp4');
  });

  it('keeps only the first video and first audio stream', async () => {
    const input = await makeClip({ kind: 'mkv-h264-two-audio' });
    expect(await streamKinds(input)).toEqual(['h264,video', 'aac,audio', 'opus,audio']);
    const plan = planConversion(await ffmpeg.probe(input), mkvH264);
    const output = path.join(await freshDir(), '.t.partial');
    await ffmpeg.convert({ input, output, plan });
    expect(await streamKinds(output)).toEqual(['h264,video', 'aac,audio']);
  });
});

describe('convert: transcode', () => {
  it('scales 1080p down to 720p h264, copying the audio', async () => {
    const input = await makeClip({ width: 1920, height: 1080, rate: 10, seconds: 2 });
    const plan = planConversion(await ffmpeg.probe(input), { ...mkvH264, maxHeight: 720 });
    expect(plan.mode).toBe('transcode');
    const output = path.join(await freshDir(), '.t.partial');
    const progress: ConvertProgress[] = [];
    await ffmpeg.convert({ input, output, plan, onProgress: (p) => progress.push(p) });

    const probe = await ffmpeg.probe(output);
    expect(probe.video).toMatchObject({ codec: 'h264', width: 1280, height: 720, pixFmt: 'yuv420p' });
    expect(probe.durationSeconds).toBeGreaterThan(1.8);
    expect(await streamHash(output, 'a')).toBe(await streamHash(input, 'a'));
    expect(progress.at(-1)?.percent).toBe(100);
    expect(isMonotonic(progress.map((p) => p.percent))).toBe(true);
  });

  it('turns h264/aac mp4 into a vp9/opus webm', async () => {
    const input = await makeClip({ seconds: 2 });
    const plan = planConversion(await ffmpeg.probe(input), {
      ...mkvH264,
      container: 'webm',
      videoCodec: 'vp9',
      audioCodec: 'opus',
      crf: 40,
    });
    expect(plan.reasons).toEqual(['video codec h264 is not vp9', 'audio codec aac is not opus']);
    const output = path.join(await freshDir(), '.t.partial');
    await ffmpeg.convert({ input, output, plan });
    const probe = await ffmpeg.probe(output);
    expect(probe.video).toMatchObject({ codec: 'vp9', width: 320, height: 240 });
    expect(probe.audio?.codec).toBe('opus');
    // The EBML header names its document type: webm, not matroska.
    expect((await head(output, 64)).includes(Buffer.from('webm'))).toBe(true);
  });
});

describe('convert: stopping and failing', () => {
  // libvpx at its slowest on 1080p: far too slow to finish before the test stops it.
  const slowPlan = async () =>
    planConversion(await ffmpeg.probe(await makeClip({ width: 1920, height: 1080, rate: 10, seconds: 2 })), {
      ...mkvH264,
      videoCodec: 'vp9',
      audioCodec: 'opus',
      preset: 'veryslow',
      crf: 10,
    });

  it('kills ffmpeg when the abort signal fires, and removes the partial output', async () => {
    const input = await makeClip({ width: 1920, height: 1080, rate: 10, seconds: 2 });
    const dir = await freshDir();
    const output = path.join(dir, '.abort.partial');
    const controller = new AbortController();
    const conversion = ffmpeg.convert({ input, output, plan: await slowPlan(), signal: controller.signal });
    expect(await eventually(async () => (await processesMentioning(output)).length > 0)).toBe(true);
    controller.abort();
    const error = await failureOf(conversion);
    expect(error.failure).toBe('aborted');
    expect(await readdir(dir)).toEqual([]);
    expect(await processesMentioning(output)).toEqual([]);
  });

  it('kills ffmpeg at the timeout', async () => {
    const input = await makeClip({ width: 1920, height: 1080, rate: 10, seconds: 2 });
    const dir = await freshDir();
    const output = path.join(dir, '.timeout.partial');
    const error = await failureOf(ffmpeg.convert({ input, output, plan: await slowPlan(), timeoutMs: 300 }));
    expect(error.failure).toBe('timeout');
    expect(await readdir(dir)).toEqual([]);
    expect(await processesMentioning(output)).toEqual([]);
  });

  it('does not start when the signal is already aborted', async () => {
    const input = await makeClip();
    const dir = await freshDir();
    const plan = planConversion(await ffmpeg.probe(input), mkvH264);
    const error = await failureOf(ffmpeg.convert({ input, output: path.join(dir, '.t'), plan, signal: AbortSignal.abort() }));
    expect(error.failure).toBe('aborted');
    expect(await readdir(dir)).toEqual([]);
  });

  it('names the missing encoder instead of running ffmpeg', async () => {
    const input = await makeClip();
    const plan = planConversion(await ffmpeg.probe(input), { ...mkvH264, videoCodec: 'av1', hwaccel: 'vaapi' });
    expect((await ffmpeg.encoders()).has('av1_vaapi')).toBe(false);
    const dir = await freshDir();
    const error = await failureOf(ffmpeg.convert({ input, output: path.join(dir, '.t'), plan }));
    expect(error.failure).toBe('missing-encoder');
    expect(error.message).toContain('av1_vaapi');
    expect(await readdir(dir)).toEqual([]);
  });

  it('reports what ffmpeg said when the input is broken', async () => {
    const dir = await freshDir();
    const input = path.join(dir, 'broken.mp4');
    await writeFile(input, Buffer.alloc(8192, 0x42));
    const plan = planConversion(await ffmpeg.probe(await makeClip()), mkvH264);
    const error = await failureOf(ffmpeg.convert({ input, output: path.join(dir, '.t'), plan }));
    expect(error.failure).toBe('exit');
    expect(error.exitCode).toBe(1);
    expect(error.message).toContain('Invalid data found');
    expect(await readdir(dir)).toEqual(['broken.mp4']);
  });

  it('refuses relative paths and writing over the input', async () => {
    const input = await makeClip();
    const plan = planConversion(await ffmpeg.probe(input), mkvH264);
    expect((await failureOf(ffmpeg.convert({ input, output: 'out.mkv', plan }))).failure).toBe('invalid-request');
    expect((await failureOf(ffmpeg.convert({ input: 'in.mp4', output: path.join(await freshDir(), 'o'), plan }))).failure).toBe('invalid-request');
    expect((await failureOf(ffmpeg.convert({ input, output: input, plan }))).failure).toBe('invalid-request');
  });
});

describe('convert: hostile paths', () => {
  it('treats quotes, $(), backticks, ;, a colon, emoji and NFD in paths as plain data', async () => {
    const hostile = path.join(await freshDir(), `It's "$(touch pwned)" \`touch pwned2\`; a:b 🎬 ${'Ame\u0301lie'}`);
    await mkdir(hostile);
    const input = path.join(hostile, '-i input.mp4');
    await copyFile(await makeClip(), input);
    const output = path.join(hostile, '-y .trailer.partial');
    const plan = planConversion(await ffmpeg.probe(input), mkvH264);
    await ffmpeg.convert({ input, output, plan });
    expect((await ffmpeg.probe(output)).video?.codec).toBe('h264');
    expect((await readdir(hostile)).sort()).toEqual(['-i input.mp4', '-y .trailer.partial']);
    expect((await readdir(path.dirname(hostile))).includes('pwned')).toBe(false);
  });
});
