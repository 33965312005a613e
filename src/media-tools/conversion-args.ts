// Pure: the ffmpeg arguments that carry out a ConversionPlan — which encoder may serve a codec,
// how each encoder spells quality and speed, and the input/output options around them.
import type { AudioCodec, ConversionPlan, Container, Hwaccel, Preset, VideoCodec } from './convert-plan.ts';

/** Encoders that can produce `codec`, best first; convert() takes the first this ffmpeg has. */
export function videoEncoderCandidates(codec: VideoCodec, hwaccel: Hwaccel): string[] {
  if (hwaccel !== 'none') return [`${codec}_${hwaccel}`];
  switch (codec) {
    case 'h264':
      return ['libx264'];
    case 'hevc':
      return ['libx265'];
    case 'vp9':
      return ['libvpx-vp9'];
    case 'av1':
      // SVT-AV1 is many times faster than libaom at similar quality.
      return ['libsvtav1', 'libaom-av1'];
  }
}

export function audioEncoderCandidates(codec: AudioCodec): string[] {
  // ffmpeg's own opus encoder is experimental; libopus is the real one.
  return codec === 'aac' ? ['aac'] : ['libopus'];
}

const PRESET_RANK: Record<Preset, number> = {
  ultrafast: 0,
  superfast: 1,
  veryfast: 2,
  faster: 3,
  fast: 4,
  medium: 5,
  slow: 6,
  slower: 7,
  veryslow: 8,
};

/** Picks from `scale` (fastest first) the speed setting matching the x264 preset's rank. */
const bySpeed = <T>(preset: Preset, scale: readonly T[]): T => {
  const rank = PRESET_RANK[preset];
  return scale[Math.min(scale.length - 1, Math.round((rank * (scale.length - 1)) / 8))] as T;
};

export interface VideoQuality {
  crf: number;
  preset: Preset;
}

export function videoEncoderArgs(encoder: string, { crf, preset }: VideoQuality): string[] {
  const quality = String(crf);
  switch (encoder) {
    case 'libx264':
      // 8-bit 4:2:0 so the result plays on every TV, whatever the source was.
      return ['-crf', quality, '-preset', preset, '-pix_fmt', 'yuv420p'];
    case 'libx265':
      return ['-crf', quality, '-preset', preset, '-x265-params', 'log-level=error'];
    case 'libvpx-vp9': {
      const cpuUsed = bySpeed(preset, [8, 7, 5, 4, 3, 2, 1, 1, 0]);
      return ['-crf', quality, '-b:v', '0', '-deadline', cpuUsed >= 7 ? 'realtime' : 'good', '-cpu-used', String(cpuUsed), '-row-mt', '1'];
    }
    case 'libaom-av1':
      return ['-crf', quality, '-b:v', '0', '-cpu-used', String(bySpeed(preset, [8, 7, 6, 5, 4, 4, 3, 2, 1])), '-row-mt', '1'];
    case 'libsvtav1':
      return ['-crf', quality, '-preset', String(bySpeed(preset, [12, 11, 10, 9, 8, 7, 5, 4, 2]))];
  }
  if (encoder.endsWith('_nvenc')) {
    return ['-rc', 'vbr', '-cq', quality, '-b:v', '0', '-preset', bySpeed(preset, ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'])];
  }
  if (encoder.endsWith('_qsv')) {
    return ['-global_quality', quality, '-preset', bySpeed(preset, ['veryfast', 'faster', 'fast', 'medium', 'slow', 'slower', 'veryslow'])];
  }
  if (encoder.endsWith('_vaapi')) return ['-rc_mode', 'CQP', '-qp', quality];
  return [];
}

export function audioEncoderArgs(encoder: string): string[] {
  if (encoder === 'libopus') {
    // libopus refuses some layouts (5.1(side)); these it takes.
    return ['-b:a', '128k', '-af', 'aformat=channel_layouts=7.1|5.1|stereo|mono'];
  }
  return ['-b:a', '160k'];
}

/** The VAAPI render node; the only one on almost every single-GPU machine. */
export const VAAPI_DEVICE = '/dev/dri/renderD128';

const MUXERS: Record<Container, string> = { mkv: 'matroska', mp4: 'mp4', webm: 'webm' };

export interface ChosenEncoders {
  video?: string;
  audio?: string;
}

export interface ConversionArgs {
  inputOptions: string[];
  outputOptions: string[];
}

/**
 * Everything but `-i <input>`, `-y` and the output path. Only the planned video and audio
 * streams are mapped: subtitles, data and cover pictures are left behind.
 */
export function conversionArgs(plan: ConversionPlan, encoders: ChosenEncoders): ConversionArgs {
  const { video, audio } = plan;
  const hwaccel: Hwaccel = video.action === 'encode' ? video.hwaccel : 'none';
  const inputOptions = ['-nostdin', '-hide_banner', ...(hwaccel === 'vaapi' ? ['-vaapi_device', VAAPI_DEVICE] : [])];

  const videoArgs: string[] = ['-map', `0:${video.streamIndex}`];
  if (video.action === 'copy') {
    videoArgs.push('-c:v', 'copy');
  } else {
    const encoder = encoders.video ?? videoEncoderCandidates(video.codec, video.hwaccel)[0] ?? '';
    const filters = [
      ...(video.scaleToHeight !== undefined ? [`scale=-2:${video.scaleToHeight}`] : []),
      ...(hwaccel === 'vaapi' ? ['format=nv12', 'hwupload'] : hwaccel === 'qsv' ? ['format=nv12'] : []),
    ];
    videoArgs.push('-c:v', encoder, ...videoEncoderArgs(encoder, video));
    if (filters.length > 0) videoArgs.push('-vf', filters.join(','));
  }
  // Apple players want hevc in mp4 tagged hvc1 rather than ffmpeg's default hev1.
  if (plan.container === 'mp4' && video.codec === 'hevc') videoArgs.push('-tag:v', 'hvc1');

  const audioArgs: string[] = [];
  if (audio.action === 'copy') audioArgs.push('-map', `0:${audio.streamIndex}`, '-c:a', 'copy');
  if (audio.action === 'encode') {
    const encoder = encoders.audio ?? audioEncoderCandidates(audio.codec)[0] ?? '';
    audioArgs.push('-map', `0:${audio.streamIndex}`, '-c:a', encoder, ...audioEncoderArgs(encoder));
  }

  return {
    inputOptions,
    outputOptions: [
      ...videoArgs,
      ...audioArgs,
      ...(plan.container === 'mp4' ? ['-movflags', '+faststart'] : []),
      '-f',
      MUXERS[plan.container],
      // Machine-readable progress (out_time_us=…) on stderr instead of the human status line.
      '-progress',
      'pipe:2',
      '-nostats',
      '-loglevel',
      'error',
    ],
  };
}
