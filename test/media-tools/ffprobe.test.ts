import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProbeReport, probeMedia } from '../../src/media-tools/ffprobe.ts';
import { makeClip } from '../support/make-clip.ts';
import { failureOf } from './tool-failure.ts';

const ffprobePath = process.env['FFPROBE_PATH'] ?? 'ffprobe';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'previewarr-ffprobe-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('probeMedia (real ffprobe)', () => {
  it('reads an h264/aac mp4', async () => {
    const probe = await probeMedia(ffprobePath, await makeClip({ seconds: 2 }));
    expect(probe.formatName).toContain('mp4');
    expect(probe.durationSeconds).toBeGreaterThan(1.9);
    expect(probe.durationSeconds).toBeLessThan(2.2);
    expect(probe.sizeBytes).toBeGreaterThan(0);
    expect(probe.video).toEqual({ index: 0, codec: 'h264', width: 320, height: 240, pixFmt: 'yuv420p' });
    expect(probe.audio).toEqual({ index: 1, codec: 'aac', channels: 1 });
  });

  it('reads an hevc mkv and a clip without sound', async () => {
    const hevc = await probeMedia(ffprobePath, await makeClip({ kind: 'mkv-hevc-aac', width: 640, height: 360 }));
    expect(hevc.formatName).toBe('matroska,webm');
    expect(hevc.video).toMatchObject({ codec: 'hevc', width: 640, height: 360 });
    const silent = await probeMedia(ffprobePath, await makeClip({ kind: 'mp4-h264-silent' }));
    expect(silent.audio).toBeUndefined();
    expect(silent.video?.codec).toBe('h264');
  });

  it('fails clearly on a file that is not media', async () => {
    const junk = path.join(dir, 'junk.mp4');
    await writeFile(junk, Buffer.alloc(4096, 0x42));
    const error = await failureOf(probeMedia(ffprobePath, junk));
    expect(error.failure).toBe('exit');
    expect(error.message).toContain('Invalid data found');
  });

  it('fails clearly on a missing file and on a relative path', async () => {
    const missing = await failureOf(probeMedia(ffprobePath, path.join(dir, 'nope.mkv')));
    expect(missing.message).toContain('No such file or directory');
    const relative = await failureOf(probeMedia(ffprobePath, 'clip.mp4'));
    expect(relative.failure).toBe('invalid-request');
  });

  it('reads a path full of shell syntax and a colon as a plain file', async () => {
    const odd = path.join(dir, `a:b "$(x)" \`y\`; ${'Ame\u0301lie'} 🎬.mp4`);
    await copyFile(await makeClip(), odd);
    expect((await probeMedia(ffprobePath, odd)).video?.codec).toBe('h264');
  });
});

describe('parseProbeReport', () => {
  it('skips cover pictures, reads numbers given as strings, and falls back for the size', () => {
    const probe = parseProbeReport(
      {
        streams: [
          { index: 0, codec_type: 'video', codec_name: 'mjpeg', width: 600, height: 600, disposition: { attached_pic: 1 } },
          { index: 1, codec_type: 'audio', codec_name: 'opus', channels: 6 },
          { index: 2, codec_type: 'video', codec_name: 'vp9', width: '1920', height: 1080, duration: '147.3' },
          { index: 3, codec_type: 'subtitle', codec_name: 'subrip' },
        ],
        format: { format_name: 'matroska,webm' },
      },
      1234,
    );
    expect(probe).toEqual({
      durationSeconds: 147.3,
      formatName: 'matroska,webm',
      sizeBytes: 1234,
      video: { index: 2, codec: 'vp9', width: 1920, height: 1080 },
      audio: { index: 1, codec: 'opus', channels: 6 },
    });
  });

  it('refuses a report without any duration', () => {
    expect(() => parseProbeReport({ streams: [], format: { format_name: 'mp4' } }, 0)).toThrow('no duration');
  });
});
