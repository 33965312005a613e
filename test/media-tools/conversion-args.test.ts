import { describe, expect, it } from 'vitest';
import {
  audioEncoderCandidates,
  conversionArgs,
  VAAPI_DEVICE,
  videoEncoderArgs,
  videoEncoderCandidates,
} from '../../src/media-tools/conversion-args.ts';
import type { ConversionPlan } from '../../src/media-tools/convert-plan.ts';
import { ConvertProgressTracker, isProgressLine } from '../../src/media-tools/ffmpeg-progress.ts';
import { parseEncoderList } from '../../src/media-tools/ffmpeg.ts';

const remux: ConversionPlan = {
  mode: 'remux',
  reasons: [],
  container: 'mkv',
  video: { action: 'copy', streamIndex: 0, codec: 'h264' },
  audio: { action: 'copy', streamIndex: 1 },
  durationSeconds: 10,
};

const valueAfter = (args: string[], flag: string): string | undefined => args[args.indexOf(flag) + 1];

describe('conversionArgs', () => {
  it('copies both planned streams, maps nothing else, and picks the muxer', () => {
    const { inputOptions, outputOptions } = conversionArgs(remux, {});
    expect(inputOptions).toContain('-nostdin');
    expect(outputOptions.slice(0, 8)).toEqual(['-map', '0:0', '-c:v', 'copy', '-map', '0:1', '-c:a', 'copy']);
    expect(outputOptions.filter((arg) => arg === '-map')).toHaveLength(2);
    expect(valueAfter(outputOptions, '-f')).toBe('matroska');
    expect(outputOptions).not.toContain('-movflags');
    expect(valueAfter(outputOptions, '-progress')).toBe('pipe:2');
  });

  it('adds faststart for mp4 and the hvc1 tag for hevc in mp4', () => {
    const { outputOptions } = conversionArgs({ ...remux, container: 'mp4', video: { action: 'copy', streamIndex: 0, codec: 'hevc' } }, {});
    expect(valueAfter(outputOptions, '-movflags')).toBe('+faststart');
    expect(valueAfter(outputOptions, '-tag:v')).toBe('hvc1');
    expect(valueAfter(outputOptions, '-f')).toBe('mp4');
  });

  it('scales and encodes with the chosen encoders', () => {
    const plan: ConversionPlan = {
      ...remux,
      mode: 'transcode',
      container: 'webm',
      video: { action: 'encode', streamIndex: 2, codec: 'vp9', hwaccel: 'none', crf: 31, preset: 'ultrafast', scaleToHeight: 720 },
      audio: { action: 'encode', streamIndex: 3, codec: 'opus' },
    };
    const { outputOptions } = conversionArgs(plan, { video: 'libvpx-vp9', audio: 'libopus' });
    expect(valueAfter(outputOptions, '-c:v')).toBe('libvpx-vp9');
    expect(valueAfter(outputOptions, '-vf')).toBe('scale=-2:720');
    expect(valueAfter(outputOptions, '-c:a')).toBe('libopus');
    expect(outputOptions).toEqual(expect.arrayContaining(['-map', '0:2', '-map', '0:3']));
    expect(valueAfter(outputOptions, '-f')).toBe('webm');
  });

  it('leaves audio out entirely when there is none', () => {
    const { outputOptions } = conversionArgs({ ...remux, audio: { action: 'none' } }, {});
    expect(outputOptions.filter((arg) => arg === '-map')).toHaveLength(1);
    expect(outputOptions).not.toContain('-c:a');
  });

  it('uploads frames to the GPU for VAAPI', () => {
    const plan: ConversionPlan = {
      ...remux,
      mode: 'transcode',
      video: { action: 'encode', streamIndex: 0, codec: 'hevc', hwaccel: 'vaapi', crf: 24, preset: 'medium', scaleToHeight: 1080 },
    };
    const { inputOptions, outputOptions } = conversionArgs(plan, { video: 'hevc_vaapi' });
    expect(valueAfter(inputOptions, '-vaapi_device')).toBe(VAAPI_DEVICE);
    expect(valueAfter(outputOptions, '-vf')).toBe('scale=-2:1080,format=nv12,hwupload');
    expect(valueAfter(outputOptions, '-qp')).toBe('24');
  });
});

describe('encoders', () => {
  it('names software and hardware candidates', () => {
    expect(videoEncoderCandidates('h264', 'none')).toEqual(['libx264']);
    expect(videoEncoderCandidates('av1', 'none')).toEqual(['libsvtav1', 'libaom-av1']);
    expect(videoEncoderCandidates('hevc', 'nvenc')).toEqual(['hevc_nvenc']);
    expect(videoEncoderCandidates('h264', 'qsv')).toEqual(['h264_qsv']);
    expect(audioEncoderCandidates('opus')).toEqual(['libopus']);
    expect(audioEncoderCandidates('aac')).toEqual(['aac']);
  });

  it('maps the x264 preset onto each encoder’s own speed scale', () => {
    expect(videoEncoderArgs('libx264', { crf: 20, preset: 'slow' })).toEqual(['-crf', '20', '-preset', 'slow', '-pix_fmt', 'yuv420p']);
    expect(valueAfter(videoEncoderArgs('libvpx-vp9', { crf: 31, preset: 'ultrafast' }), '-cpu-used')).toBe('8');
    expect(valueAfter(videoEncoderArgs('libvpx-vp9', { crf: 31, preset: 'veryslow' }), '-cpu-used')).toBe('0');
    expect(valueAfter(videoEncoderArgs('libsvtav1', { crf: 35, preset: 'medium' }), '-preset')).toBe('7');
    expect(valueAfter(videoEncoderArgs('h264_nvenc', { crf: 23, preset: 'ultrafast' }), '-preset')).toBe('p1');
    expect(valueAfter(videoEncoderArgs('hevc_nvenc', { crf: 23, preset: 'veryslow' }), '-preset')).toBe('p7');
    expect(valueAfter(videoEncoderArgs('h264_qsv', { crf: 23, preset: 'medium' }), '-global_quality')).toBe('23');
  });

  it('reads the encoder list of ffmpeg -encoders', () => {
    const listing = [
      'Encoders:',
      ' V..... = Video',
      ' A..... = Audio',
      ' ------',
      ' V....D libx264              libx264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (codec h264)',
      ' V..... libsvtav1            SVT-AV1(Scalable Video Technology for AV1) encoder (codec av1)',
      ' A..X.. opus                 Opus',
      ' A..... libopus              libopus Opus (codec opus)',
    ].join('\n');
    expect([...parseEncoderList(listing)].sort()).toEqual(['libopus', 'libsvtav1', 'libx264', 'opus']);
  });
});

describe('ConvertProgressTracker', () => {
  it('turns out_time_us into a percentage that only grows, ending at 100', () => {
    const tracker = new ConvertProgressTracker(4);
    expect(tracker.update('out_time_us=N/A')).toBeUndefined();
    expect(tracker.update('out_time_us=1000000')).toEqual({ percent: 25, outTimeSeconds: 1 });
    expect(tracker.update('out_time_ms=1000000')).toBeUndefined();
    expect(tracker.update('out_time_us=500000')).toBeUndefined();
    expect(tracker.update('frame=40')).toBeUndefined();
    expect(tracker.update('out_time_us=9000000')).toEqual({ percent: 99.9, outTimeSeconds: 9 });
    expect(tracker.update('progress=end')).toEqual({ percent: 100, outTimeSeconds: 9 });
    expect(tracker.update('progress=end')).toBeUndefined();
  });

  it('tells progress lines from messages', () => {
    expect(isProgressLine('out_time=00:00:01.000000')).toBe(true);
    expect(isProgressLine('progress=continue')).toBe(true);
    expect(isProgressLine('[libx264 @ 0x1] Error: something=bad here')).toBe(false);
  });
});
