import { desc, eq, gt, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Db } from '../db/client.ts';
import { trailerStatuses, type TrailerStatus } from '../db/schema/media.ts';
import { connections, jobProgress, media } from '../db/schema/index.ts';
import { QUEUES, type QueueName } from '../jobs/queues.ts';
import { countQueues, type QueueCounts } from './queue-counts.ts';

export type StatusCounts = Record<TrailerStatus, number> & { total: number };

/** Items per trailer status (items gone from the Arr are not counted). */
export async function statusCounts(db: Db): Promise<StatusCounts> {
  const rows = await db
    .select({ status: media.trailerStatus, n: sql<number>`count(*)::int` })
    .from(media)
    .where(isNull(media.removedAt))
    .groupBy(media.trailerStatus);
  const counts = Object.fromEntries(trailerStatuses.map((status) => [status, 0])) as StatusCounts;
  counts.total = 0;
  for (const row of rows) {
    counts[row.status] = Number(row.n);
    counts.total += Number(row.n);
  }
  return counts;
}

export type ProgressRow = {
  mediaId: number;
  title: string;
  year: number | null;
  kind: 'movie' | 'series';
  stage: (typeof jobProgress.$inferSelect)['stage'];
  percent: number | null;
  detail: string | null;
  updatedAt: Date;
};

/**
 * How long a finished item stays on the dashboard, so a person sees it reach "done", and how many
 * at most: after a large backfill ten minutes of finished rows made the page 2,900 px tall.
 */
export const FINISHED_VISIBLE_MS = 2 * 60_000;
export const FINISHED_SHOWN = 5;

/** Work in progress (written by whichever process runs it) plus what finished recently. */
export async function activeProgress(db: Db, now = new Date()): Promise<ProgressRow[]> {
  const recent = new Date(now.getTime() - FINISHED_VISIBLE_MS);
  const rows = await db
    .select({
      mediaId: jobProgress.mediaId,
      title: media.title,
      year: media.year,
      kind: media.kind,
      stage: jobProgress.stage,
      percent: jobProgress.percent,
      detail: jobProgress.detail,
      updatedAt: jobProgress.updatedAt,
    })
    .from(jobProgress)
    .innerJoin(media, eq(media.id, jobProgress.mediaId))
    .where(or(notInArray(jobProgress.stage, ['done', 'failed']), gt(jobProgress.updatedAt, recent)))
    .orderBy(desc(jobProgress.updatedAt), desc(jobProgress.mediaId))
    .limit(50);
  const order = { downloading: 0, converting: 1, placing: 2, searching: 3, queued: 4, done: 5, failed: 6 } as const;
  const sorted = rows.sort((a, b) => order[a.stage] - order[b.stage]);
  const finished = (row: ProgressRow) => row.stage === 'done' || row.stage === 'failed';
  return [...sorted.filter((row) => !finished(row)), ...sorted.filter(finished).slice(0, FINISHED_SHOWN)];
}

export async function connectionsHealth(db: Db) {
  return db
    .select({
      id: connections.id,
      name: connections.name,
      kind: connections.kind,
      enabled: connections.enabled,
      health: connections.health,
      lastSyncAt: connections.lastSyncAt,
    })
    .from(connections)
    .orderBy(connections.name);
}

export type QueueLine = QueueCounts;
export type UpcomingJob = { id: string; mediaId: number; title: string; reason: string; priority: number; state: string };
export type QueueSummary = { queues: QueueLine[]; upcoming: UpcomingJob[] };

const SHOWN_QUEUES: QueueName[] = [QUEUES.trailerFetch, QUEUES.webhookEvent, QUEUES.librarySync, QUEUES.trailerRename, QUEUES.trailerDelete];

/** Jobs per queue, counted now, and the next user/import fetches. */
export async function queueSummary(db: Db, boss: PgBoss | null): Promise<QueueSummary> {
  if (!boss) return { queues: [], upcoming: [] };
  const queues = await countQueues(db, SHOWN_QUEUES);
  // Backfill can hold thousands of jobs; the ones a person waits for are user requests and imports.
  const waiting = [
    ...(await boss.findJobs(QUEUES.trailerFetch, { queued: true, data: { reason: 'user' }, limit: 10 })),
    ...(await boss.findJobs(QUEUES.trailerFetch, { queued: true, data: { reason: 'import' }, limit: 10 })),
  ];
  const ids = [...new Set(waiting.map((job) => (job.data as { mediaId: number }).mediaId))];
  const titles = ids.length
    ? new Map((await db.select({ id: media.id, title: media.title }).from(media).where(inArray(media.id, ids))).map((m) => [m.id, m.title]))
    : new Map<number, string>();
  const upcoming = waiting
    .map((job) => {
      const data = job.data as { mediaId: number; reason: string };
      return { id: job.id, mediaId: data.mediaId, title: titles.get(data.mediaId) ?? `#${data.mediaId}`, reason: data.reason, priority: job.priority, state: job.state };
    })
    .sort((a, b) => b.priority - a.priority);
  return { queues, upcoming };
}
