import { describe, expect, it } from 'vitest';
import { nextDelayMs, nominalDelayMs } from '../../src/domain/backoff.ts';

const options = { baseMs: 1_000, maxMs: 60_000, factor: 2 };

/** A repeatable "random" sequence: the same seed always yields the same values. */
function sequence(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length] ?? 0;
}

describe('nextDelayMs', () => {
  it('grows geometrically up to the cap', () => {
    const nominal = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => nominalDelayMs(attempt, options));
    expect(nominal).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
  });

  it('jitters within [cap/2, cap] using the injected random source', () => {
    expect(nextDelayMs(3, options, () => 0)).toBe(2_000);
    expect(nextDelayMs(3, options, () => 0.5)).toBe(3_000);
    expect(nextDelayMs(3, options, () => 0.999999)).toBe(4_000);
    expect(nextDelayMs(50, options, () => 0.25)).toBe(37_500);
  });

  it('is deterministic given the random function', () => {
    const run = (random: () => number) => [1, 2, 3, 4, 5].map((attempt) => nextDelayMs(attempt, options, random));
    const first = run(sequence(0.1, 0.9, 0.4, 0.7, 0.3));
    expect(run(sequence(0.1, 0.9, 0.4, 0.7, 0.3))).toEqual(first);
    expect(first).toEqual([550, 1_900, 2_800, 6_800, 10_400]);
  });

  it('never collapses to zero: the lowest draw is half the nominal delay', () => {
    for (let attempt = 1; attempt <= 20; attempt++) {
      const low = nextDelayMs(attempt, options, () => 0);
      const high = nextDelayMs(attempt, options, () => 0.9999);
      const cap = nominalDelayMs(attempt, options);
      expect(low).toBe(cap / 2);
      expect(high).toBeLessThanOrEqual(cap);
    }
  });

  it('clamps a misbehaving random source', () => {
    expect(nextDelayMs(1, options, () => 7)).toBe(1_000);
    expect(nextDelayMs(1, options, () => -3)).toBe(500);
    expect(nextDelayMs(1, options, () => Number.NaN)).toBe(500);
  });

  it('survives huge attempt numbers', () => {
    expect(nextDelayMs(100_000, options, () => 1)).toBe(60_000);
  });

  it.each([
    [0, options, /attempt must be an integer >= 1/],
    [1.5, options, /attempt must be an integer >= 1/],
    [1, { ...options, baseMs: -1 }, /baseMs/],
    [1, { ...options, maxMs: 10 }, /maxMs/],
    [1, { ...options, factor: 0.5 }, /factor/],
    [1, { ...options, factor: Number.NaN }, /factor/],
  ])('refuses attempt %j with %j', (attempt, opts, message) => {
    expect(() => nextDelayMs(attempt, opts, () => 0)).toThrow(message);
  });
});
