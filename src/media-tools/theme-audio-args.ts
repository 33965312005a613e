// Pure: the ffmpeg arguments that turn a downloaded video into theme music (`theme.mp3`): audio
// only, leading and trailing silence trimmed, cut to a theme's length, loudness-normalised in two
// loudnorm passes (measure, then apply), MP3. The numbers here are the product decisions.
import { localFileUrl } from './ffprobe.ts';
import type { LoudnormMeasurement } from './loudness-report.ts';

/**
 * Integrated loudness the theme is normalised to. −16 LUFS is the AES TD1008 / Apple Music level
 * for music played on its own: EBU R128's −23 (made for broadcast programmes with headroom for
 * speech and effects) would leave a quiet source barely audible under a TV's UI sounds, and the
 * −14 of Spotify/YouTube is meant for foreground listening, while a theme plays in the background
 * of a media-server screen (Plex adds its own theme volume setting on top of this).
 */
export const THEME_MUSIC_TARGET_LUFS = -16;
/** True-peak ceiling: leaves room for the overshoot MP3 encoding adds to peaks. */
export const THEME_MUSIC_TRUE_PEAK_DBTP = -1.5;
/** loudnorm's loudness-range target, used only when it has to fall back to dynamic mode. */
export const THEME_MUSIC_LOUDNESS_RANGE_LU = 11;
/** Themes are never longer; a longer source (a full soundtrack video) is cut, with a fade-out. */
export const THEME_MUSIC_MAX_SECONDS = 180;
/** Shorter than this once the silence is gone, it is a jingle or a broken clip, not a theme. */
export const THEME_MUSIC_MIN_SECONDS = 10;
/** Below -50 dBFS counts as silence: quiet enough for a fade's tail, above any real music. */
export const SILENCE_THRESHOLD_DB = -50;
/**
 * CD rate: every MP3 decoder plays it (some TV apps stumble on 48 kHz MP3). Resampling must be
 * explicit: loudnorm works, and outputs, at 192 kHz.
 */
export const THEME_MUSIC_SAMPLE_RATE = 44_100;
/**
 * 192 kb/s constant bitrate: transparent for background music, about 4.3 MB for three minutes, and
 * a CBR file's duration and seeking are exact even in players that ignore the Xing header of a VBR
 * file (`-q:a 2` would save a little space and risk wrong durations in some TV clients).
 */
export const THEME_MUSIC_BITRATE = '192k';
/** A source longer than the maximum is cut with this fade-out rather than mid-note. */
export const THEME_MUSIC_FADE_OUT_SECONDS = 3;

const silenceRemove = `silenceremove=start_periods=1:start_threshold=${SILENCE_THRESHOLD_DB}dB`;

/**
 * The filters both passes share, so that pass 1 measures exactly the audio pass 2 encodes.
 * MP3 holds mono or stereo only, so 5.1 is downmixed first (and measured as such). Leading silence:
 * `silenceremove` with start_periods=1 drops samples until the first non-silent one. Trailing
 * silence: the same filter on the reversed audio. `stop_periods` is not used because it trims at
 * the first silence it meets (or, negative, every silence): a pause inside the music would cut the
 * theme short or tear it apart; reversing trims only the end. `areverse` holds the audio in memory,
 * so the cut to the maximum length comes before it (three minutes of stereo float is ~60 MB).
 */
export function trimFilters(maxSeconds: number = THEME_MUSIC_MAX_SECONDS): string[] {
  return [
    'aformat=channel_layouts=stereo|mono',
    silenceRemove,
    // Timestamps restart at 0 where the music starts, whatever the ffmpeg version's silenceremove does.
    'asetpts=N/SR/TB',
    `atrim=end=${maxSeconds}`,
    'areverse',
    silenceRemove,
    'areverse',
  ];
}

const loudnormTargets = (lra: number): string =>
  `I=${THEME_MUSIC_TARGET_LUFS}:TP=${THEME_MUSIC_TRUE_PEAK_DBTP}:LRA=${lra}`;

/** Full argv (after the binary) of pass 1: trim, measure, print loudnorm's JSON, write nothing. */
export function themeMeasureArgs(input: string, audioStreamIndex: number): string[] {
  const filters = [...trimFilters(), `loudnorm=${loudnormTargets(THEME_MUSIC_LOUDNESS_RANGE_LU)}:print_format=json`];
  return [
    '-nostdin',
    '-hide_banner',
    '-i',
    localFileUrl(input),
    '-map',
    `0:${audioStreamIndex}`,
    '-vn',
    '-sn',
    '-dn',
    '-af',
    filters.join(','),
    '-f',
    'null',
    '-progress',
    'pipe:2',
    '-nostats',
    // loudnorm prints its measurement at the info level.
    '-loglevel',
    'info',
    '-',
  ];
}

/** Numbers in a filter graph: fixed-point, never `1e-7`, and within what loudnorm accepts. */
const decimal = (value: number, min: number, max: number): string => Math.min(max, Math.max(min, value)).toFixed(2);

/**
 * The pass-2 loudnorm: the targets plus pass 1's measurement, in linear mode (one gain for the
 * whole theme, the music's dynamics untouched). loudnorm takes linear mode only when the measured
 * loudness range fits its LRA target and the gained peaks stay under TP; otherwise it compresses
 * dynamically. So the LRA target is raised to the measured range (music often exceeds 11 LU), and
 * a measured range of exactly 0 (a steady tone) is sent as 0.01, because loudnorm reads 0 as
 * "not measured" and would refuse linear mode.
 */
export function applyLoudnormFilter(measured: LoudnormMeasurement): string {
  const lra = Math.min(50, Math.max(THEME_MUSIC_LOUDNESS_RANGE_LU, Math.ceil(measured.inputLra)));
  return [
    `loudnorm=${loudnormTargets(lra)}`,
    `measured_I=${decimal(measured.inputI, -99, -0.01)}`,
    `measured_TP=${decimal(measured.inputTp, -99, 99)}`,
    `measured_LRA=${decimal(measured.inputLra, 0.01, 99)}`,
    `measured_thresh=${decimal(measured.inputThresh, -99, -0.01)}`,
    `offset=${decimal(measured.targetOffset, -99, 99)}`,
    'linear=true',
  ].join(':');
}

export interface ThemeEncodeArgs {
  inputOptions: string[];
  outputOptions: string[];
}

/**
 * Everything but `-i <input>` and the output path, for pass 2. `trimmedSeconds` is pass 1's
 * length of the trimmed audio: when it reached the maximum, the last seconds fade out.
 */
export function themeEncodeArgs(audioStreamIndex: number, measured: LoudnormMeasurement, trimmedSeconds: number): ThemeEncodeArgs {
  const fadeStart = THEME_MUSIC_MAX_SECONDS - THEME_MUSIC_FADE_OUT_SECONDS;
  const filters = [
    ...trimFilters(),
    applyLoudnormFilter(measured),
    `aresample=${THEME_MUSIC_SAMPLE_RATE}`,
    ...(trimmedSeconds >= THEME_MUSIC_MAX_SECONDS - 0.05
      ? [`afade=t=out:st=${fadeStart}:d=${THEME_MUSIC_FADE_OUT_SECONDS}`]
      : []),
  ];
  return {
    inputOptions: ['-nostdin', '-hide_banner'],
    outputOptions: [
      '-map',
      `0:${audioStreamIndex}`,
      // No picture, subtitle or data stream: a cover picture in an MP3 is a video stream to ffprobe.
      '-vn',
      '-sn',
      '-dn',
      // Nothing from the web page (title, comment, uploader) goes into the file's tags.
      '-map_metadata',
      '-1',
      '-af',
      filters.join(','),
      '-c:a',
      'libmp3lame',
      '-b:a',
      THEME_MUSIC_BITRATE,
      '-f',
      'mp3',
      '-progress',
      'pipe:2',
      '-nostats',
      '-loglevel',
      'error',
    ],
  };
}
