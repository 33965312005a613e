// Retry delays that grow geometrically, with jitter so that jobs which failed together (one
// network blip, one 5xx burst) do not all retry in the same instant.
//
// "Equal jitter": the delay is uniformly drawn from [cap/2, cap], where
// cap = min(maxMs, baseMs * factor^(attempt-1)). Unlike "full jitter" it never collapses to ~0,
// so a retry always waits at least half the nominal delay. The random source is injected:
// the same `random` sequence always gives the same delays.

export interface BackoffOptions {
  /** Nominal delay before the first retry. */
  baseMs: number;
  /** Ceiling for the nominal delay. */
  maxMs: number;
  /** Growth per attempt (2 doubles). Must be >= 1. */
  factor: number;
}

export type RandomSource = () => number;

function checkOptions({ baseMs, maxMs, factor }: BackoffOptions): void {
  if (!Number.isFinite(baseMs) || baseMs < 0) throw new RangeError(`backoff baseMs must be a finite number >= 0, got ${baseMs}`);
  if (!Number.isFinite(maxMs) || maxMs < baseMs) throw new RangeError(`backoff maxMs must be finite and >= baseMs (${baseMs}), got ${maxMs}`);
  if (!Number.isFinite(factor) || factor < 1) throw new RangeError(`backoff factor must be a finite number >= 1, got ${factor}`);
}

/** The nominal (un-jittered) delay for `attempt`, capped at `maxMs`. */
export function nominalDelayMs(attempt: number, options: BackoffOptions): number {
  checkOptions(options);
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`backoff attempt must be an integer >= 1, got ${attempt}`);
  // factor^(attempt-1) overflows to Infinity for huge attempts; min() then yields maxMs.
  return Math.min(options.maxMs, options.baseMs * options.factor ** (attempt - 1));
}

/**
 * Delay before retry number `attempt` (1 = first retry), in whole milliseconds.
 * `random` must return values in [0, 1); anything outside is clamped.
 */
export function nextDelayMs(attempt: number, options: BackoffOptions, random: RandomSource): number {
  const cap = nominalDelayMs(attempt, options);
  const draw = random();
  const unit = Number.isFinite(draw) ? Math.min(Math.max(draw, 0), 1) : 0;
  return Math.round(cap / 2 + (cap / 2) * unit);
}
