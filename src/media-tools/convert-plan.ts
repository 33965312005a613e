// Pure: from what ffprobe saw and the configured profile, decide whether a download can just be
// remuxed (`-c copy`, seconds, lossless) or must be transcoded, and say why.
import { z } from 'zod';
import type { MediaProbe } from './ffprobe.ts';
import { MediaToolError } from './media-tool-error.ts';

export const CONTAINERS = ['mkv', 'mp4', 'webm'] as const;
export const VIDEO_CODECS = ['h264', 'hevc', 'vp9', 'av1'] as const;
export const AUDIO_CODECS = ['aac', 'opus'] as const;
export const HWACCELS = ['none', 'vaapi', 'qsv', 'nvenc'] as const;
/** x264's preset names; other encoders get the nearest speed of their own (see encoder-args.ts). */
export const PRESETS = ['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow', 'slower', 'veryslow'] as const;

export type Container = (typeof CONTAINERS)[number];
export type VideoCodec = (typeof VIDEO_CODECS)[number];
export type AudioCodec = (typeof AUDIO_CODECS)[number];
export type Hwaccel = (typeof HWACCELS)[number];
export type Preset = (typeof PRESETS)[number];

export const conversionProfileSchema = z
  .object({
    container: z.enum(CONTAINERS),
    videoCodec: z.enum(VIDEO_CODECS),
    audioCodec: z.enum(AUDIO_CODECS),
    maxHeight: z.int().min(144).max(4320),
    crf: z.int().min(0).max(63),
    preset: z.enum(PRESETS),
    hwaccel: z.enum(HWACCELS),
  })
  .superRefine((profile, ctx) => {
    if (profile.container === 'webm' && (profile.videoCodec === 'h264' || profile.videoCodec === 'hevc')) {
      ctx.addIssue({ code: 'custom', path: ['videoCodec'], message: `webm holds only vp9 or av1 video, not ${profile.videoCodec}` });
    }
    if (profile.container === 'webm' && profile.audioCodec !== 'opus') {
      ctx.addIssue({ code: 'custom', path: ['audioCodec'], message: `webm holds only opus audio, not ${profile.audioCodec}` });
    }
    if ((profile.videoCodec === 'h264' || profile.videoCodec === 'hevc') && profile.crf > 51) {
      ctx.addIssue({ code: 'custom', path: ['crf'], message: `crf for ${profile.videoCodec} runs 0–51, got ${profile.crf}` });
    }
  });

export type ConversionProfile = z.infer<typeof conversionProfileSchema>;

export type VideoStep =
  | { action: 'copy'; streamIndex: number; codec: string }
  | {
      action: 'encode';
      streamIndex: number;
      codec: VideoCodec;
      hwaccel: Hwaccel;
      crf: number;
      preset: Preset;
      /** Scale down to this height (width follows the aspect ratio); absent keeps the size. */
      scaleToHeight?: number;
    };

export type AudioStep =
  | { action: 'copy'; streamIndex: number }
  | { action: 'encode'; streamIndex: number; codec: AudioCodec }
  | { action: 'none' };

export interface ConversionPlan {
  /** `remux` when every stream is copied, else `transcode`. */
  mode: 'remux' | 'transcode';
  /** Why a transcode is needed; empty for a remux. */
  reasons: string[];
  container: Container;
  video: VideoStep;
  audio: AudioStep;
  /** The input's duration, which progress percentages are measured against. */
  durationSeconds: number;
}

/** 8-bit 4:2:0 is what every TV's h264 decoder handles; High 4:4:4 or 10-bit h264 often is not. */
const PLAYABLE_H264_PIXEL_FORMATS = new Set(['yuv420p', 'yuvj420p']);

export function parseConversionProfile(input: unknown): ConversionProfile {
  const parsed = conversionProfileSchema.safeParse(input);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'profile'}: ${issue.message}`).join('; ');
    throw new MediaToolError(`invalid conversion profile: ${detail}`, { tool: 'ffmpeg', failure: 'invalid-request' });
  }
  return parsed.data;
}

export function planConversion(probe: MediaProbe, profileInput: ConversionProfile): ConversionPlan {
  const profile = parseConversionProfile(profileInput);
  const { video, audio } = probe;
  if (video === undefined) {
    throw new MediaToolError('the downloaded file has no video stream', { tool: 'ffmpeg', failure: 'invalid-request' });
  }

  const videoReasons: string[] = [];
  if (video.codec !== profile.videoCodec) videoReasons.push(`video codec ${video.codec} is not ${profile.videoCodec}`);
  if (video.height > profile.maxHeight) videoReasons.push(`height ${video.height} is over ${profile.maxHeight}`);
  if (video.codec === 'h264' && video.pixFmt !== undefined && !PLAYABLE_H264_PIXEL_FORMATS.has(video.pixFmt)) {
    videoReasons.push(`h264 pixel format ${video.pixFmt} is not widely playable`);
  }
  const videoStep: VideoStep =
    videoReasons.length === 0
      ? { action: 'copy', streamIndex: video.index, codec: video.codec }
      : {
          action: 'encode',
          streamIndex: video.index,
          codec: profile.videoCodec,
          hwaccel: profile.hwaccel,
          crf: profile.crf,
          preset: profile.preset,
          ...(video.height > profile.maxHeight ? { scaleToHeight: profile.maxHeight } : {}),
        };

  const audioReasons: string[] = [];
  let audioStep: AudioStep = { action: 'none' };
  if (audio !== undefined) {
    if (audio.codec !== profile.audioCodec) audioReasons.push(`audio codec ${audio.codec} is not ${profile.audioCodec}`);
    audioStep =
      audioReasons.length === 0
        ? { action: 'copy', streamIndex: audio.index }
        : { action: 'encode', streamIndex: audio.index, codec: profile.audioCodec };
  }

  const reasons = [...videoReasons, ...audioReasons];
  return {
    mode: reasons.length === 0 ? 'remux' : 'transcode',
    reasons,
    container: profile.container,
    video: videoStep,
    audio: audioStep,
    durationSeconds: probe.durationSeconds,
  };
}
