// The adaptive limiter (domain/rate-limiter.ts) wired to the database: while YouTube is healthy
// downloads start at once; after a 429 or a bot check every download waits out a growing
// cool-off. The cool-off is stored (`internal:rateLimit`) so the dashboard can show it and so
// other worker processes sharing the database wait too.
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { readInternal, writeInternal } from '../db/settings-store.ts';
import { AdaptiveRateLimiter, type Clock } from '../domain/rate-limiter.ts';

const RATE_LIMIT_KEY = 'rateLimit';

const storedSchema = z.object({
  until: z.number(),
  level: z.number().int().min(0),
  reason: z.string().optional(),
  updatedAt: z.number(),
});
type StoredRateLimit = z.infer<typeof storedSchema>;

export interface RateLimitStatus {
  coolingOff: boolean;
  /** ISO time at which downloads resume, while cooling off. */
  until?: string;
  /** Seconds left of the cool-off. */
  waitSeconds?: number;
  /** 0 = healthy; the higher, the longer the next cool-off. */
  level: number;
  reason?: string;
}

async function readStored(db: Db): Promise<StoredRateLimit | undefined> {
  const parsed = storedSchema.safeParse(await readInternal(db, RATE_LIMIT_KEY));
  return parsed.success ? parsed.data : undefined;
}

/** The cool-off as the dashboard shows it. */
export async function readRateLimitStatus(db: Db, clock: Clock = Date): Promise<RateLimitStatus> {
  const stored = await readStored(db);
  const now = clock.now();
  if (stored === undefined) return { coolingOff: false, level: 0 };
  if (stored.until <= now) return { coolingOff: false, level: stored.level };
  return {
    coolingOff: true,
    until: new Date(stored.until).toISOString(),
    waitSeconds: Math.ceil((stored.until - now) / 1000),
    level: stored.level,
    ...(stored.reason !== undefined ? { reason: stored.reason } : {}),
  };
}

export interface RateLimitGateOptions {
  clock: Clock;
  baseCooldownMs?: number | undefined;
  maxCooldownMs?: number | undefined;
}

export class RateLimitGate {
  private readonly limiter: AdaptiveRateLimiter;
  private readonly clock: Clock;

  constructor(
    private readonly db: Db,
    options: RateLimitGateOptions,
  ) {
    this.clock = options.clock;
    this.limiter = new AdaptiveRateLimiter({
      clock: options.clock,
      ...(options.baseCooldownMs !== undefined ? { baseCooldownMs: options.baseCooldownMs } : {}),
      ...(options.maxCooldownMs !== undefined ? { maxCooldownMs: options.maxCooldownMs } : {}),
    });
  }

  /** How long a download must wait before it may start; 0 means now. */
  async waitMs(): Promise<number> {
    const own = this.limiter.acquire();
    const stored = await readStored(this.db);
    const storedWait = stored === undefined ? 0 : Math.max(0, stored.until - this.clock.now());
    return Math.max(own.ok ? 0 : own.waitMs, storedWait);
  }

  /** This process's view: cooling off now, and how far the backoff has climbed (0 = none). */
  coolOff(): { active: boolean; level: number } {
    const status = this.limiter.status();
    return { active: status.coolingOff, level: status.level };
  }

  /** A download hit a rate limit: start or keep the cool-off; returns how long to wait. */
  async reportRateLimited(reason: string): Promise<number> {
    this.limiter.reportRateLimited(reason);
    await this.persist();
    return this.waitMs();
  }

  async reportSuccess(): Promise<void> {
    const before = this.limiter.status().level;
    this.limiter.reportSuccess();
    if (this.limiter.status().level !== before) await this.persist();
  }

  private async persist(): Promise<void> {
    const status = this.limiter.status();
    const stored = await readStored(this.db);
    const now = this.clock.now();
    const until = Math.max(status.until ?? now, stored !== undefined && stored.until > now ? stored.until : 0);
    const value: StoredRateLimit = {
      until,
      level: status.level,
      updatedAt: now,
      ...((status.reason ?? stored?.reason) !== undefined ? { reason: status.reason ?? stored?.reason } : {}),
    };
    await writeInternal(this.db, RATE_LIMIT_KEY, value);
  }
}
