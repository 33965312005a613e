// Pure: what ffmpeg's loudness filters print on stderr, read and checked. loudnorm ends its run with
// a JSON block after a `[Parsed_loudnorm_N @ 0x…]` line; ebur128 with an indented `Summary:`. Both
// are log text: anything that is not exactly that shape is refused, never guessed at.
import { z } from 'zod';

export interface LoudnormMeasurement {
  /** Integrated loudness of the (trimmed) input, LUFS. */
  inputI: number;
  /** True peak of the input, dBTP. */
  inputTp: number;
  /** Loudness range of the input, LU. */
  inputLra: number;
  /** The relative gate threshold, LUFS. */
  inputThresh: number;
  /** What pass 1 would still have been off the target by; pass 2 adds it as a gain. */
  targetOffset: number;
}

export interface LoudnessSummary {
  integratedLufs: number;
  loudnessRangeLu: number;
  /** Present when measured with `peak=true`. */
  truePeakDbtp?: number;
}

/** loudnorm prints every value as a string with two decimals; `-inf` for silence is not a number we accept. */
const reading = (min: number, max: number) =>
  z
    .string()
    .regex(/^[+-]?\d{1,3}(\.\d{1,4})?$/, 'is not a plain number')
    .transform(Number)
    .pipe(z.number().min(min).max(max));

const loudnormSchema = z.object({
  input_i: reading(-99, 0),
  input_tp: reading(-99, 99),
  input_lra: reading(0, 99),
  input_thresh: reading(-99, 0),
  target_offset: reading(-99, 99),
});

const LOUDNORM_MARKER = /^\[Parsed_loudnorm_\d+ @ 0x[0-9a-f]+\]\s*$/;
/** The block is a dozen lines; anything much longer is not loudnorm's. */
const MAX_BLOCK_LINES = 40;

/**
 * The measurement from loudnorm's `print_format=json` output: the block of lines from `{` to `}`
 * right after the last loudnorm marker line. Throws an Error saying what was wrong.
 */
export function parseLoudnormJson(stderrLines: readonly string[]): LoudnormMeasurement {
  const markerIndex = stderrLines.findLastIndex((line) => LOUDNORM_MARKER.test(line.trim()));
  if (markerIndex === -1) throw new Error('ffmpeg printed no loudnorm measurement');
  const open = markerIndex + 1;
  if (stderrLines[open]?.trim() !== '{') throw new Error('the loudnorm measurement does not start with "{"');
  const closeOffset = stderrLines.slice(open, open + MAX_BLOCK_LINES).findIndex((line) => line.trim() === '}');
  if (closeOffset === -1) throw new Error('the loudnorm measurement has no closing "}"');
  let json: unknown;
  try {
    json = JSON.parse(stderrLines.slice(open, open + closeOffset + 1).join('\n'));
  } catch {
    throw new Error('the loudnorm measurement is not valid JSON');
  }
  const parsed = loudnormSchema.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'value'} ${issue.message}`).join('; ');
    throw new Error(`the loudnorm measurement is unusable: ${detail}`);
  }
  const { input_i, input_tp, input_lra, input_thresh, target_offset } = parsed.data;
  return { inputI: input_i, inputTp: input_tp, inputLra: input_lra, inputThresh: input_thresh, targetOffset: target_offset };
}

const summaryValue = (lines: readonly string[], from: number, label: string, unit: string): number | undefined => {
  const pattern = new RegExp(`^${label}:\\s+(-?\\d{1,3}(?:\\.\\d)?|-inf)\\s+${unit}$`);
  for (const line of lines.slice(from)) {
    const match = pattern.exec(line.trim());
    if (match?.[1] !== undefined) return match[1] === '-inf' ? Number.NEGATIVE_INFINITY : Number(match[1]);
  }
  return undefined;
};

/** ebur128's closing summary (`I: -16.0 LUFS`, `LRA: 3.2 LU`, `Peak: -1.6 dBFS`). */
export function parseEbur128Summary(stderrLines: readonly string[]): LoudnessSummary {
  const start = stderrLines.findLastIndex((line) => /^\[Parsed_ebur128_\d+ @ 0x[0-9a-f]+\] Summary:\s*$/.test(line.trim()));
  if (start === -1) throw new Error('ffmpeg printed no ebur128 summary');
  const integratedLufs = summaryValue(stderrLines, start, 'I', 'LUFS');
  const loudnessRangeLu = summaryValue(stderrLines, start, 'LRA', 'LU');
  const truePeakDbtp = summaryValue(stderrLines, start, 'Peak', 'dBFS');
  if (integratedLufs === undefined || loudnessRangeLu === undefined) {
    throw new Error('the ebur128 summary has no integrated loudness or loudness range');
  }
  if (!Number.isFinite(integratedLufs)) throw new Error('the audio is silent: ebur128 measured no loudness');
  return { integratedLufs, loudnessRangeLu, ...(truePeakDbtp !== undefined ? { truePeakDbtp } : {}) };
}
