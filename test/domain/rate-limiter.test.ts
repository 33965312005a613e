import { describe, expect, it } from 'vitest';
import { AdaptiveRateLimiter } from '../../src/domain/rate-limiter.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A clock the test moves by hand. */
function fakeClock(start = 1_700_000_000_000) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

function setup() {
  const clock = fakeClock();
  return { clock, limiter: new AdaptiveRateLimiter({ clock }) };
}

describe('AdaptiveRateLimiter', () => {
  it('lets every download start at once while healthy (no fixed spacing)', () => {
    const { limiter } = setup();
    for (let i = 0; i < 100; i++) expect(limiter.acquire()).toEqual({ ok: true });
    expect(limiter.status()).toEqual({ coolingOff: false, level: 0 });
  });

  it('cools off for 1 minute after a rate limit, then opens again', () => {
    const { clock, limiter } = setup();
    const start = clock.now();
    limiter.reportRateLimited('HTTP 429');
    expect(limiter.acquire()).toEqual({ ok: false, waitMs: MINUTE });
    expect(limiter.status()).toEqual({ coolingOff: true, until: start + MINUTE, level: 1, reason: 'HTTP 429' });
    clock.advance(20_000);
    expect(limiter.acquire()).toEqual({ ok: false, waitMs: 40_000 });
    clock.advance(40_000);
    expect(limiter.acquire()).toEqual({ ok: true });
    expect(limiter.status()).toEqual({ coolingOff: false, level: 1 });
  });

  it('doubles the cool-off on each new rate limit, up to 1 hour', () => {
    const { clock, limiter } = setup();
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      limiter.reportRateLimited();
      const result = limiter.acquire();
      if (result.ok) throw new Error('expected a cool-off');
      waits.push(result.waitMs);
      clock.advance(result.waitMs);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60].map((m) => m * MINUTE));
  });

  it('counts a burst of reports from parallel downloads once', () => {
    const { clock, limiter } = setup();
    limiter.reportRateLimited();
    clock.advance(1_000);
    limiter.reportRateLimited();
    limiter.reportRateLimited();
    expect(limiter.status().level).toBe(1);
    expect(limiter.acquire()).toEqual({ ok: false, waitMs: MINUTE - 1_000 });
  });

  it('decays after successes so the next cool-off is shorter again', () => {
    const { clock, limiter } = setup();
    for (let i = 0; i < 3; i++) {
      limiter.reportRateLimited();
      clock.advance(HOUR);
    }
    expect(limiter.status().level).toBe(3);
    limiter.reportSuccess();
    limiter.reportSuccess();
    expect(limiter.status().level).toBe(1);
    limiter.reportRateLimited();
    expect(limiter.acquire()).toEqual({ ok: false, waitMs: 2 * MINUTE });
    clock.advance(2 * MINUTE);
    for (let i = 0; i < 10; i++) limiter.reportSuccess();
    expect(limiter.status()).toEqual({ coolingOff: false, level: 0 });
  });

  it('ignores successes reported during a cool-off (those downloads began before it)', () => {
    const { clock, limiter } = setup();
    limiter.reportRateLimited();
    clock.advance(MINUTE);
    limiter.reportRateLimited(); // level 2, 2 min
    limiter.reportSuccess();
    expect(limiter.status().level).toBe(2);
  });

  it('honours custom base and cap', () => {
    const clock = fakeClock();
    const limiter = new AdaptiveRateLimiter({ clock, baseCooldownMs: 1_000, maxCooldownMs: 5_000 });
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      limiter.reportRateLimited();
      const result = limiter.acquire();
      waits.push(result.ok ? 0 : result.waitMs);
      clock.advance(10_000);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 5_000, 5_000]);
  });

  it.each([
    [{ baseCooldownMs: 0 }, /baseCooldownMs/],
    [{ baseCooldownMs: Number.NaN }, /baseCooldownMs/],
    [{ baseCooldownMs: 10, maxCooldownMs: 5 }, /maxCooldownMs/],
  ])('refuses %j', (options, message) => {
    expect(() => new AdaptiveRateLimiter({ clock: fakeClock(), ...options })).toThrow(message);
  });
});
