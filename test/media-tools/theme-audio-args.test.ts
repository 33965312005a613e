import { describe, expect, it } from 'vitest';
import type { LoudnormMeasurement } from '../../src/media-tools/loudness-report.ts';
import {
  applyLoudnormFilter,
  THEME_MUSIC_MAX_SECONDS,
  THEME_MUSIC_TARGET_LUFS,
  themeEncodeArgs,
  themeMeasureArgs,
  trimFilters,
} from '../../src/media-tools/theme-audio-args.ts';

const measured: LoudnormMeasurement = { inputI: -35.05, inputTp: -34.13, inputLra: 4.2, inputThresh: -45.05, targetOffset: -0.05 };
const valueAfter = (args: string[], flag: string): string | undefined => args[args.indexOf(flag) + 1];

describe('theme music targets', () => {
  it('normalises to −16 LUFS and keeps themes to three minutes', () => {
    expect(THEME_MUSIC_TARGET_LUFS).toBe(-16);
    expect(THEME_MUSIC_MAX_SECONDS).toBe(180);
  });
});

describe('trimFilters', () => {
  it('trims leading silence, cuts to the maximum, then trims trailing silence on the reversed audio', () => {
    expect(trimFilters()).toEqual([
      'aformat=channel_layouts=stereo|mono',
      'silenceremove=start_periods=1:start_threshold=-50dB',
      'asetpts=N/SR/TB',
      'atrim=end=180',
      'areverse',
      'silenceremove=start_periods=1:start_threshold=-50dB',
      'areverse',
    ]);
    // stop_periods would also cut at a pause inside the music.
    expect(trimFilters().join(',')).not.toContain('stop_periods');
  });
});

describe('themeMeasureArgs', () => {
  it('measures the first pass into the null muxer, the input as a file: URL, loudnorm printing JSON', () => {
    const args = themeMeasureArgs('/m/-i Film: "$(x)"/.theme.dl', 1);
    expect(valueAfter(args, '-i')).toBe('file:/m/-i Film: "$(x)"/.theme.dl');
    expect(valueAfter(args, '-map')).toBe('0:1');
    expect(valueAfter(args, '-f')).toBe('null');
    expect(valueAfter(args, '-af')).toBe(`${trimFilters().join(',')},loudnorm=I=-16:TP=-1.5:LRA=11:print_format=json`);
    expect(args).toEqual(expect.arrayContaining(['-vn', '-sn', '-dn', '-nostdin']));
    expect(valueAfter(args, '-loglevel')).toBe('info');
    expect(args.at(-1)).toBe('-');
  });
});

describe('applyLoudnormFilter', () => {
  it('hands the measurement to loudnorm in linear mode, as fixed-point numbers', () => {
    expect(applyLoudnormFilter(measured)).toBe(
      'loudnorm=I=-16:TP=-1.5:LRA=11:measured_I=-35.05:measured_TP=-34.13:measured_LRA=4.20:measured_thresh=-45.05:offset=-0.05:linear=true',
    );
  });

  it('raises the range target to a wide measured range, so that the music keeps its dynamics', () => {
    expect(applyLoudnormFilter({ ...measured, inputLra: 14.3 })).toContain(':LRA=15:');
    expect(applyLoudnormFilter({ ...measured, inputLra: 80 })).toContain(':LRA=50:');
  });

  it('sends a steady tone’s range of 0 as 0.01, which loudnorm does not read as "not measured"', () => {
    expect(applyLoudnormFilter({ ...measured, inputLra: 0 })).toContain(':measured_LRA=0.01:');
  });

  it('keeps values inside what loudnorm accepts and never writes exponents', () => {
    const filter = applyLoudnormFilter({ inputI: 0, inputTp: 1e-9, inputLra: 0, inputThresh: 0, targetOffset: -1e-7 });
    expect(filter).toContain('measured_I=-0.01:measured_TP=0.00:measured_LRA=0.01:measured_thresh=-0.01:offset=-0.00');
    expect(filter).not.toMatch(/e-/);
  });
});

describe('themeEncodeArgs', () => {
  it('writes audio-only MP3 at 44.1 kHz, 192 kb/s, without the source’s tags', () => {
    const { inputOptions, outputOptions } = themeEncodeArgs(2, measured, 20);
    expect(inputOptions).toEqual(['-nostdin', '-hide_banner']);
    expect(valueAfter(outputOptions, '-map')).toBe('0:2');
    expect(valueAfter(outputOptions, '-map_metadata')).toBe('-1');
    expect(valueAfter(outputOptions, '-c:a')).toBe('libmp3lame');
    expect(valueAfter(outputOptions, '-b:a')).toBe('192k');
    expect(valueAfter(outputOptions, '-f')).toBe('mp3');
    expect(outputOptions).toEqual(expect.arrayContaining(['-vn', '-sn', '-dn']));
    expect(valueAfter(outputOptions, '-af')).toBe(`${trimFilters().join(',')},${applyLoudnormFilter(measured)},aresample=44100`);
  });

  it('fades out the last three seconds only when the theme was cut at the maximum', () => {
    expect(valueAfter(themeEncodeArgs(0, measured, 179).outputOptions, '-af')).not.toContain('afade');
    expect(valueAfter(themeEncodeArgs(0, measured, 180).outputOptions, '-af')).toMatch(/,aresample=44100,afade=t=out:st=177:d=3$/);
  });
});
