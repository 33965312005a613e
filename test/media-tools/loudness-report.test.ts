import { describe, expect, it } from 'vitest';
import { readLoudnormReport } from '../../src/media-tools/loudness.ts';
import { parseEbur128Summary, parseLoudnormJson } from '../../src/media-tools/loudness-report.ts';
import { failureOfSync } from './tool-failure.ts';

/** What ffmpeg 5.1 prints after a loudnorm=…:print_format=json pass (progress lines removed). */
const LOUDNORM_OUTPUT = `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'file:/m/Film (2020)/.theme.dl':
  Metadata:
    title           : {
Stream mapping:
  Stream #0:1 -> #0:0 (aac (native) -> pcm_s16le (native))
video:0kB audio:14999kB subtitle:0kB other streams:0kB global headers:0kB muxing overhead: unknown
[Parsed_loudnorm_6 @ 0x55e429f0f2c0] 
{
\t"input_i" : "-35.05",
\t"input_tp" : "-34.13",
\t"input_lra" : "0.00",
\t"input_thresh" : "-45.05",
\t"output_i" : "-15.95",
\t"output_tp" : "-15.11",
\t"output_lra" : "0.00",
\t"output_thresh" : "-25.95",
\t"normalization_type" : "dynamic",
\t"target_offset" : "-0.05"
}`.split('\n');

const withBlock = (block: string): string[] => ['[Parsed_loudnorm_0 @ 0xabc] ', ...block.split('\n')];

describe('parseLoudnormJson', () => {
  it('reads the measurement after the loudnorm marker', () => {
    expect(parseLoudnormJson(LOUDNORM_OUTPUT)).toEqual({
      inputI: -35.05,
      inputTp: -34.13,
      inputLra: 0,
      inputThresh: -45.05,
      targetOffset: -0.05,
    });
  });

  it('takes the last block when the log holds more than one', () => {
    const second = LOUDNORM_OUTPUT.map((line) => line.replace('"-35.05"', '"-20.00"'));
    expect(parseLoudnormJson([...LOUDNORM_OUTPUT, ...second]).inputI).toBe(-20);
  });

  it.each([
    ['no marker at all', ['video:0kB audio:1kB', '{', '"input_i" : "-1.00"', '}'], 'printed no loudnorm measurement'],
    ['a marker without a block', ['[Parsed_loudnorm_3 @ 0x1f] ', 'Input Integrated: -23 LUFS'], 'does not start with "{"'],
    ['a block that never closes', [...withBlock('{\n"input_i" : "-1.00",'), ...Array(60).fill('"x": "y",')], 'no closing "}"'],
    ['broken JSON', withBlock('{\n"input_i" : -1.00 ,,\n}'), 'not valid JSON'],
    ['silence (-inf)', withBlock('{\n"input_i" : "-inf", "input_tp" : "-inf", "input_lra" : "0.00", "input_thresh" : "-70.00", "target_offset" : "inf"\n}'), 'input_i is not a plain number'],
    ['a missing field', withBlock('{\n"input_i" : "-23.00"\n}'), 'input_tp'],
    ['numbers out of range', withBlock('{\n"input_i" : "5.00", "input_tp" : "1.0", "input_lra" : "0.0", "input_thresh" : "-30.0", "target_offset" : "0.0"\n}'), 'input_i'],
    ['an injected filter option', withBlock('{\n"input_i" : "-23:offset=99", "input_tp" : "1.0", "input_lra" : "0.0", "input_thresh" : "-30.0", "target_offset" : "0.0"\n}'), 'not a plain number'],
    ['numbers instead of strings', withBlock('{\n"input_i" : -23, "input_tp" : -1, "input_lra" : 1, "input_thresh" : -33, "target_offset" : 0\n}'), 'input_i'],
    ['an array', withBlock('[\n1\n]'), 'does not start with "{"'],
  ])('refuses %s with a reason', (_name, lines, reason) => {
    expect(() => parseLoudnormJson(lines)).toThrow(reason);
  });

  it('does not take a "{" from a title in the stream dump for the measurement', () => {
    const lines = LOUDNORM_OUTPUT.slice(0, 6);
    expect(() => parseLoudnormJson(lines)).toThrow('printed no loudnorm measurement');
  });
});

describe('readLoudnormReport', () => {
  it('turns garbled output into a MediaToolError that says what was wrong', () => {
    const garbled = ['[Parsed_loudnorm_2 @ 0x5f] ', '{', '\t"input_i" : "-23.0",', '\x1b[2J{{{', '}'];
    const error = failureOfSync(() => readLoudnormReport(garbled, 'theme music measurement of /m/a.webm'));
    expect(error).toMatchObject({ tool: 'ffmpeg', failure: 'bad-output' });
    expect(error.message).toBe('ffmpeg theme music measurement of /m/a.webm gave no usable result: the loudnorm measurement is not valid JSON');
    expect(error.stderrTail).toContain('Parsed_loudnorm_2');
  });

  it('passes a good report through', () => {
    expect(readLoudnormReport(LOUDNORM_OUTPUT, 'x').inputI).toBe(-35.05);
  });
});

const EBUR128_OUTPUT = `[Parsed_ebur128_0 @ 0x55adddd05300] Summary:

  Integrated loudness:
    I:         -16.3 LUFS
    Threshold: -26.2 LUFS

  Loudness range:
    LRA:         3.4 LU
    Threshold: -36.2 LUFS
    LRA low:   -16.3 LUFS
    LRA high:  -16.2 LUFS

  True peak:
    Peak:      -14.4 dBFS`.split('\n');

describe('parseEbur128Summary', () => {
  it('reads integrated loudness, range and true peak', () => {
    expect(parseEbur128Summary(EBUR128_OUTPUT)).toEqual({ integratedLufs: -16.3, loudnessRangeLu: 3.4, truePeakDbtp: -14.4 });
  });

  it('leaves the peak out when it was not measured', () => {
    expect(parseEbur128Summary(EBUR128_OUTPUT.slice(0, -3))).toEqual({ integratedLufs: -16.3, loudnessRangeLu: 3.4 });
  });

  it('refuses output without a summary, a summary without values, and silence', () => {
    expect(() => parseEbur128Summary(['I:         -16.3 LUFS'])).toThrow('no ebur128 summary');
    expect(() => parseEbur128Summary(EBUR128_OUTPUT.slice(0, 3))).toThrow('no integrated loudness');
    const silent = EBUR128_OUTPUT.map((line) => line.replace('-16.3 LUFS', '-70.0 LUFS').replace('I:         -70.0', 'I:         -inf'));
    expect(() => parseEbur128Summary(silent)).toThrow('silent');
  });
});
