// When libraries are reconciled with their Arr: on a pg-boss schedule (every
// `reconcileIntervalHours`), at start when the last sync is older than that (the service was
// down and webhooks were lost), and on demand. Each way ends in one `library-sync` per connection.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import { connections } from '../db/schema/connections.ts';
import { readSettings } from '../db/settings-store.ts';
import { enqueueInTransaction } from '../jobs/enqueue.ts';
import type { JobPayload } from '../jobs/payloads.ts';
import { QUEUES } from '../jobs/queues.ts';
import { enqueueLibrarySync, librarySyncKey, type SyncReason } from './sync-enqueue.ts';

export type ReconcileDeps = { database: { db: Db }; boss: PgBoss; logger: Logger };

/** What started a reconcile; carried in the `reconcile` job's data. */
export type ReconcileTrigger = 'schedule' | 'start' | 'manual';

/**
 * Every N hours as an iCalendar rule (pg-boss evaluates it, anchored at 1970-01-01 UTC, so all
 * processes agree on the phase); cron cannot say "every 5 hours" or "every 48 hours" evenly.
 */
export function reconcileRecurrence(hours: number): string {
  if (!Number.isInteger(hours) || hours < 1) throw new RangeError(`reconcile interval must be a whole number of hours ≥ 1, got ${hours}`);
  return `FREQ=HOURLY;INTERVAL=${hours}`;
}

/**
 * Creates, replaces or (for 0) removes the reconcile schedule. The settings page calls this
 * (through `rescheduleReconcile`) whenever `reconcileIntervalHours` is saved.
 */
export async function applyReconcileSchedule(boss: PgBoss, hours: number): Promise<void> {
  if (hours <= 0) {
    await boss.unschedule(QUEUES.reconcile);
    return;
  }
  const data: JobPayload<'reconcile'> & { trigger: ReconcileTrigger } = { trigger: 'schedule' };
  await boss.schedule(QUEUES.reconcile, reconcileRecurrence(hours), data, { tz: 'UTC' });
}

/** Reads the stored setting and applies it. Returns the interval in hours (0: no schedule). */
export async function rescheduleReconcile(deps: Pick<ReconcileDeps, 'database' | 'boss'>): Promise<number> {
  const { reconcileIntervalHours } = await readSettings(deps.database.db);
  await applyReconcileSchedule(deps.boss, reconcileIntervalHours);
  return reconcileIntervalHours;
}

export type QueuedSync = { connectionId: number; name: string; jobId: string | null };

/** One library-sync per enabled connection (or just the given ones), in one transaction. */
export async function enqueueSyncs(
  deps: Pick<ReconcileDeps, 'database' | 'boss'>,
  reason: SyncReason,
  onlyIds?: readonly number[],
): Promise<QueuedSync[]> {
  const { db } = deps.database;
  const where = onlyIds ? and(eq(connections.enabled, true), inArray(connections.id, [...onlyIds])) : eq(connections.enabled, true);
  const targets = await db.select({ id: connections.id, name: connections.name }).from(connections).where(where).orderBy(asc(connections.id));
  if (targets.length === 0) return [];
  return db.transaction(async (tx) => {
    const queued: QueuedSync[] = [];
    for (const target of targets) {
      queued.push({ connectionId: target.id, name: target.name, jobId: await enqueueLibrarySync(deps.boss, tx, target.id, reason) });
    }
    return queued;
  });
}

/** Enabled connections whose last sync is older than the interval (or that never synced). */
export async function overdueConnections(db: Db, now: Date = new Date()): Promise<number[]> {
  const { reconcileIntervalHours } = await readSettings(db);
  if (reconcileIntervalHours <= 0) return [];
  const cutoff = now.getTime() - reconcileIntervalHours * 3_600_000;
  const enabled = await db
    .select({ id: connections.id, lastSyncAt: connections.lastSyncAt })
    .from(connections)
    .where(eq(connections.enabled, true))
    .orderBy(asc(connections.id));
  return enabled.filter((row) => row.lastSyncAt === null || row.lastSyncAt.getTime() <= cutoff).map((row) => row.id);
}

/**
 * At start: a sync for every overdue connection. With several worker processes starting
 * together (or a crash loop), the 10-minute singleton slot keeps it to one job per connection.
 */
export async function enqueueOverdueSyncs(deps: ReconcileDeps, now: Date = new Date()): Promise<number[]> {
  const overdue = await overdueConnections(deps.database.db, now);
  if (overdue.length === 0) return [];
  await deps.database.db.transaction(async (tx) => {
    for (const connectionId of overdue) {
      const data: JobPayload<'library-sync'> = { connectionId, reason: 'start' };
      await enqueueInTransaction(deps.boss, tx, QUEUES.librarySync, data, { singletonKey: librarySyncKey(connectionId), singletonSeconds: 600 });
    }
  });
  deps.logger.info({ connections: overdue }, 'library sync is overdue after downtime; queued');
  return overdue;
}

/** The start-up hook (worker roles): apply the schedule, then catch up on what downtime missed. */
export async function startReconcile(deps: ReconcileDeps): Promise<void> {
  await rescheduleReconcile(deps);
  await enqueueOverdueSyncs(deps);
}
