// Load against the service from a second process (bench/load-generator.ts, autocannon), so the
// generator's own CPU is not charged to the server's event loop. Only loopback URLs are accepted.
import { runChild } from './child-process.ts';

export type LoadSpec = {
  url: string;
  headers?: Record<string, string>;
  /** Each request is the Download webhook of the next movie number, from `firstMovie` on. */
  firstMovie: number;
  connections: number;
  /** Stops after this long... */
  durationSeconds?: number;
  /** ...or after this many requests (takes precedence). */
  amount?: number;
  /** Requests per second over all connections (a fixed-rate run); unlimited when absent. */
  overallRate?: number;
};

export type LatencyMs = { p50: number; p90: number; p99: number; max: number; mean: number };

export type LoadResult = {
  sent: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  /** From the start to the last answer (`seconds` is rounded up to autocannon's 1 s tick). */
  lastResponseSeconds: number;
  /** 2xx answers per second of the run. */
  rps: number;
  latencyMs: LatencyMs;
  statusCodes: Record<string, number>;
  /** The first movie number the next run may use without colliding with this one. */
  nextMovie: number;
};

export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const host = new URL(spec.url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]') {
    throw new Error(`benchmark load goes to loopback only, not ${host}`);
  }
  if (spec.durationSeconds === undefined && spec.amount === undefined) throw new Error('a load run needs a duration or an amount');
  // The run bounds itself; the kill deadline only catches a wedged generator.
  const expectedSeconds = spec.durationSeconds ?? (spec.overallRate ? spec.amount! / spec.overallRate : 30);
  return runChild<LoadResult>('bench/load-generator.ts', [JSON.stringify(spec)], { timeoutMs: (expectedSeconds + 60) * 1000 });
}
