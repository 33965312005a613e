// Pure: ffmpeg's `-progress` output is `key=value` lines in blocks ending with `progress=continue`
// or `progress=end`. Only the output time matters here, as a share of the input's duration.

export interface ConvertProgress {
  /** 0–100, never going back. */
  percent: number;
  outTimeSeconds: number;
}

/** Whether a stderr line is part of the `-progress` report (kept out of error messages). */
export function isProgressLine(line: string): boolean {
  return /^[a-z_0-9]+=\S*$/.test(line.trim());
}

/**
 * Tracks one conversion. `out_time_us` (and the misnamed `out_time_ms`, also microseconds) give
 * the output time; `N/A` appears before the first frame and is ignored.
 */
export class ConvertProgressTracker {
  private percent = 0;
  private outTimeSeconds = 0;

  constructor(private readonly durationSeconds: number) {}

  /** Returns a new progress value when the line moves it forward, else undefined. */
  update(line: string): ConvertProgress | undefined {
    const [key, value] = line.trim().split('=', 2);
    if (key === 'progress' && value === 'end') return this.advance(this.outTimeSeconds, 100);
    if (key !== 'out_time_us' && key !== 'out_time_ms') return undefined;
    const micros = Number(value);
    if (value === undefined || value === '' || !Number.isFinite(micros) || micros < 0) return undefined;
    const seconds = micros / 1_000_000;
    const percent = this.durationSeconds > 0 ? Math.min(99.9, (seconds / this.durationSeconds) * 100) : 0;
    return this.advance(seconds, percent);
  }

  private advance(seconds: number, percent: number): ConvertProgress | undefined {
    this.outTimeSeconds = Math.max(this.outTimeSeconds, seconds);
    if (percent <= this.percent) return undefined;
    this.percent = percent;
    return { percent: Math.round(percent * 10) / 10, outTimeSeconds: this.outTimeSeconds };
  }
}
