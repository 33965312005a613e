import { describe, expect, it } from 'vitest';
import { planConversion, type ConversionProfile } from '../../src/media-tools/convert-plan.ts';
import type { MediaProbe } from '../../src/media-tools/ffprobe.ts';
import { failureOfSync } from './tool-failure.ts';

const profile: ConversionProfile = {
  container: 'mkv',
  videoCodec: 'h264',
  audioCodec: 'aac',
  maxHeight: 1080,
  crf: 22,
  preset: 'medium',
  hwaccel: 'none',
};

const probe = (overrides: Partial<MediaProbe> = {}): MediaProbe => ({
  durationSeconds: 150,
  formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
  sizeBytes: 50_000_000,
  video: { index: 0, codec: 'h264', width: 1920, height: 1080, pixFmt: 'yuv420p' },
  audio: { index: 1, codec: 'aac', channels: 2 },
  ...overrides,
});

describe('planConversion', () => {
  it('remuxes when every stream already fits the profile', () => {
    expect(planConversion(probe(), profile)).toEqual({
      mode: 'remux',
      reasons: [],
      container: 'mkv',
      video: { action: 'copy', streamIndex: 0, codec: 'h264' },
      audio: { action: 'copy', streamIndex: 1 },
      durationSeconds: 150,
    });
  });

  it('scales down what is taller than the maximum, copying the fitting audio', () => {
    const plan = planConversion(probe(), { ...profile, maxHeight: 720 });
    expect(plan.mode).toBe('transcode');
    expect(plan.reasons).toEqual(['height 1080 is over 720']);
    expect(plan.video).toEqual({ action: 'encode', streamIndex: 0, codec: 'h264', hwaccel: 'none', crf: 22, preset: 'medium', scaleToHeight: 720 });
    expect(plan.audio).toEqual({ action: 'copy', streamIndex: 1 });
  });

  it('transcodes other codecs without scaling when the height fits', () => {
    const plan = planConversion(probe({ video: { index: 1, codec: 'vp9', width: 1280, height: 720 }, audio: { index: 0, codec: 'opus', channels: 2 } }), profile);
    expect(plan.reasons).toEqual(['video codec vp9 is not h264', 'audio codec opus is not aac']);
    expect(plan.video).toMatchObject({ action: 'encode', streamIndex: 1, codec: 'h264' });
    expect(plan.video).not.toHaveProperty('scaleToHeight');
    expect(plan.audio).toEqual({ action: 'encode', streamIndex: 0, codec: 'aac' });
  });

  it('re-encodes h264 in a pixel format TVs cannot all play', () => {
    const plan = planConversion(probe({ video: { index: 0, codec: 'h264', width: 1920, height: 1080, pixFmt: 'yuv444p' } }), profile);
    expect(plan.mode).toBe('transcode');
    expect(plan.reasons).toEqual(['h264 pixel format yuv444p is not widely playable']);
  });

  it('plans no audio for a silent file', () => {
    const { audio: _audio, ...silent } = probe();
    expect(planConversion(silent, profile)).toMatchObject({ mode: 'remux', audio: { action: 'none' } });
  });

  it('refuses a file without video', () => {
    const { video: _video, ...audioOnly } = probe();
    const error = failureOfSync(() => planConversion(audioOnly, profile));
    expect(error.failure).toBe('invalid-request');
    expect(error.message).toContain('no video stream');
  });

  it.each([
    [{ container: 'webm', videoCodec: 'h264', audioCodec: 'opus' }, 'webm holds only vp9 or av1 video, not h264'],
    [{ container: 'webm', videoCodec: 'vp9', audioCodec: 'aac' }, 'webm holds only opus audio, not aac'],
    [{ crf: 55 }, 'crf for h264 runs 0–51, got 55'],
    [{ maxHeight: 0 }, 'maxHeight'],
    [{ hwaccel: 'cuda' }, 'hwaccel'],
  ])('refuses the invalid profile %j', (change, message) => {
    const error = failureOfSync(() => planConversion(probe(), { ...profile, ...change } as ConversionProfile));
    expect(error.failure).toBe('invalid-request');
    expect(error.message).toContain(message);
  });

  it('accepts the webm combinations', () => {
    expect(planConversion(probe(), { ...profile, container: 'webm', videoCodec: 'av1', audioCodec: 'opus', crf: 35 }).container).toBe('webm');
  });
});
