// Live progress of the work on one item, written to `job_progress` by whichever process runs the
// job (the web process, possibly another process, streams it to the page). Stage changes are
// written at once; percentages at most every 500 ms, always keeping the latest value.
import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { jobProgress, media } from '../db/schema/index.ts';
import type { Clock } from '../domain/rate-limiter.ts';

export type ProgressStage = (typeof jobProgress.$inferInsert)['stage'];

export interface ProgressUpdate {
  stage: ProgressStage;
  percent: number | null;
  detail: string | null;
}

export const PROGRESS_INTERVAL_MS = 500;

export class ProgressReporter {
  private lastWriteAt = Number.NEGATIVE_INFINITY;
  private latest: ProgressUpdate | undefined;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private current: ProgressUpdate = { stage: 'queued', percent: null, detail: null };

  constructor(
    private readonly db: Db,
    private readonly mediaId: number,
    private readonly options: {
      clock?: Clock;
      intervalMs?: number;
      onError?: (error: unknown) => void;
      /** Names the slot in every line ("featurette: downloading …") when it is not the main trailer's. */
      detailPrefix?: string;
    } = {},
  ) {}

  private now(): number {
    return (this.options.clock ?? Date).now();
  }

  /** A new stage: written now (and awaited), dropping any percentage still waiting. */
  async stage(stage: ProgressStage, detail: string | null = null, percent: number | null = null): Promise<void> {
    this.cancelTimer();
    this.latest = undefined;
    this.current = { stage, percent, detail };
    await this.write(this.current);
  }

  /** A percentage within the current stage; throttled, never awaited by the caller. */
  percent(percent: number, detail?: string): void {
    const update: ProgressUpdate = { ...this.current, percent: Math.max(0, Math.min(100, Math.round(percent * 10) / 10)) };
    if (detail !== undefined) update.detail = detail;
    this.current = update;
    const wait = this.lastWriteAt + (this.options.intervalMs ?? PROGRESS_INTERVAL_MS) - this.now();
    if (wait <= 0) {
      void this.write(update);
      return;
    }
    this.latest = update;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const pending = this.latest;
      this.latest = undefined;
      if (pending !== undefined) void this.write(pending);
    }, wait);
  }

  /** Stops the timer; whatever was written last stays. */
  close(): void {
    this.cancelTimer();
    this.latest = undefined;
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private write(unprefixed: ProgressUpdate): Promise<void> {
    this.lastWriteAt = this.now();
    const prefix = this.options.detailPrefix;
    const update =
      prefix === undefined ? unprefixed : { ...unprefixed, detail: unprefixed.detail === null ? `${prefix}: ${unprefixed.stage}` : `${prefix}: ${unprefixed.detail}` };
    // One write at a time, in order: a slow write never lets an older value land last.
    this.chain = this.chain.then(() =>
      this.db
        .insert(jobProgress)
        .values({ mediaId: this.mediaId, ...update, updatedAt: new Date() })
        .onConflictDoUpdate({
          target: jobProgress.mediaId,
          set: { stage: update.stage, percent: update.percent, detail: update.detail, updatedAt: new Date() },
        })
        .then(
          () => undefined,
          // The item may have been deleted meanwhile; progress is advisory.
          (error: unknown) => this.options.onError?.(error),
        ),
    );
    return this.chain;
  }
}

export interface ProgressRow extends ProgressUpdate {
  mediaId: number;
  title: string;
  kind: 'movie' | 'series';
  updatedAt: Date;
}

/**
 * Current progress rows, newest first: of the given items, or of everything updated within the
 * last `withinSeconds` (default 1 hour) — what a dashboard shows.
 */
export async function readProgress(db: Db, options: { mediaIds?: readonly number[]; withinSeconds?: number } = {}): Promise<ProgressRow[]> {
  const where =
    options.mediaIds !== undefined
      ? options.mediaIds.length === 0
        ? sql`false`
        : inArray(jobProgress.mediaId, [...options.mediaIds])
      : sql`${jobProgress.updatedAt} > now() - make_interval(secs => ${options.withinSeconds ?? 3600})`;
  return db
    .select({
      mediaId: jobProgress.mediaId,
      stage: jobProgress.stage,
      percent: jobProgress.percent,
      detail: jobProgress.detail,
      updatedAt: jobProgress.updatedAt,
      title: media.title,
      kind: media.kind,
    })
    .from(jobProgress)
    .innerJoin(media, eq(media.id, jobProgress.mediaId))
    .where(where)
    .orderBy(desc(jobProgress.updatedAt));
}
