// Percentiles of measured values (nearest-rank), for latencies taken from database timestamps.
export type Summary = { count: number; p50: number; p90: number; p99: number; max: number; mean: number };

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
  const mean = sorted.length ? sorted.reduce((sum, value) => sum + value, 0) / sorted.length : Number.NaN;
  return { count: sorted.length, p50: at(50), p90: at(90), p99: at(99), max: sorted.at(-1) ?? Number.NaN, mean };
}
