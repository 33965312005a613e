// Adaptive gate in front of YouTube downloads. While healthy it never delays anything (no fixed
// sleeps between downloads). When YouTube answers with a rate limit (HTTP 429, "confirm you're
// not a bot"), every download waits out a cool-off: 1 min the first time, doubling on each new
// rate limit up to a cap of 1 h. Each successful download lowers the level again, so one
// bad hour does not keep future cool-offs long. Time comes from an injected clock.

export interface Clock {
  now(): number;
}

export interface RateLimiterOptions {
  clock: Clock;
  /** First cool-off. Default 60 000 ms. */
  baseCooldownMs?: number;
  /** Longest cool-off. Default 3 600 000 ms. */
  maxCooldownMs?: number;
}

export type AcquireResult = { ok: true } | { ok: false; waitMs: number };

export interface RateLimiterStatus {
  coolingOff: boolean;
  /** Epoch ms at which downloads may resume; present while cooling off. */
  until?: number;
  /** 0 = healthy; n = the next/current cool-off is base * 2^(n-1). */
  level: number;
  /** Why the current cool-off started, when one is active. */
  reason?: string;
}

export class AdaptiveRateLimiter {
  private readonly clock: Clock;
  private readonly baseCooldownMs: number;
  private readonly maxCooldownMs: number;
  private readonly maxLevel: number;
  private level = 0;
  private until = 0;
  private reason: string | undefined;

  constructor(options: RateLimiterOptions) {
    this.clock = options.clock;
    this.baseCooldownMs = options.baseCooldownMs ?? 60_000;
    this.maxCooldownMs = options.maxCooldownMs ?? 3_600_000;
    if (!(this.baseCooldownMs > 0) || !Number.isFinite(this.baseCooldownMs)) {
      throw new RangeError(`baseCooldownMs must be a finite number > 0, got ${this.baseCooldownMs}`);
    }
    if (!(this.maxCooldownMs >= this.baseCooldownMs) || !Number.isFinite(this.maxCooldownMs)) {
      throw new RangeError(`maxCooldownMs must be finite and >= baseCooldownMs, got ${this.maxCooldownMs}`);
    }
    // Beyond this level the cool-off is already at the cap; stopping here keeps recovery quick.
    this.maxLevel = 1 + Math.ceil(Math.log2(this.maxCooldownMs / this.baseCooldownMs));
  }

  /** May a download start now? If not, how long until it may. */
  acquire(): AcquireResult {
    const now = this.clock.now();
    return now < this.until ? { ok: false, waitMs: this.until - now } : { ok: true };
  }

  /**
   * A download hit a rate limit: start (or lengthen) the cool-off. Reports that arrive while a
   * cool-off is already running come from downloads started before it, i.e. the same burst, so
   * they do not escalate it again.
   */
  reportRateLimited(reason = 'rate limited'): void {
    const now = this.clock.now();
    if (now < this.until) return;
    this.level = Math.min(this.level + 1, this.maxLevel);
    this.until = now + this.cooldownMs(this.level);
    this.reason = reason;
  }

  /**
   * A download finished: healthy again, so the next cool-off can be shorter. A success during a
   * cool-off comes from a download that started before it and proves nothing about now.
   */
  reportSuccess(): void {
    if (this.clock.now() < this.until) return;
    if (this.level > 0) this.level -= 1;
  }

  status(): RateLimiterStatus {
    const now = this.clock.now();
    if (now < this.until) {
      const status: RateLimiterStatus = { coolingOff: true, until: this.until, level: this.level };
      if (this.reason !== undefined) status.reason = this.reason;
      return status;
    }
    return { coolingOff: false, level: this.level };
  }

  private cooldownMs(level: number): number {
    return Math.min(this.maxCooldownMs, this.baseCooldownMs * 2 ** (level - 1));
  }
}
