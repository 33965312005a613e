// The outbox: what a media server or a notification target should hear about, recorded at once
// and sent by that target's own job a little later. Recording never throws into the caller (a
// trailer job must not fail because a notification could not be queued); sending is retried
// by pg-boss with backoff, and entries stay until a send succeeds.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Db, Tx } from '../db/client.ts';
import { outbox, type OutboxChannel } from '../db/schema/outbound.ts';
import { QUEUES } from '../jobs/queues.ts';

export type OutboxEntry = { targetId: number; dedupeKey?: string | null; payload: Record<string, unknown> };
export type OutboxRow = typeof outbox.$inferSelect;

export type OutboxDeps = { db: Db; boss: PgBoss | null; logger: Logger };

const QUEUE_OF: Record<OutboxChannel, typeof QUEUES.mediaRefresh | typeof QUEUES.notify> = {
  'media-server': QUEUES.mediaRefresh,
  notification: QUEUES.notify,
};

/**
 * Records the entries (an entry whose dedupe key is already waiting is dropped: it is covered)
 * and makes sure each target has a job due after `delaySeconds`.
 */
export async function addToOutbox(deps: OutboxDeps, channel: OutboxChannel, entries: readonly OutboxEntry[], delaySeconds: number): Promise<void> {
  if (entries.length === 0) return;
  try {
    await deps.db
      .insert(outbox)
      .values(entries.map((entry) => ({ channel, targetId: entry.targetId, dedupeKey: entry.dedupeKey ?? null, payload: entry.payload })))
      .onConflictDoNothing();
    await scheduleSend(deps, channel, [...new Set(entries.map((entry) => entry.targetId))], delaySeconds);
  } catch (error) {
    deps.logger.warn({ err: error, channel }, 'could not queue an outgoing message; the trailer work goes on');
  }
}

/** A job per target, unless one is already waiting (the queue is stately per target). */
export async function scheduleSend(deps: Pick<OutboxDeps, 'boss'>, channel: OutboxChannel, targetIds: readonly number[], delaySeconds: number): Promise<void> {
  if (!deps.boss) return;
  for (const targetId of targetIds) {
    await deps.boss.send(QUEUE_OF[channel], { targetId }, {
      singletonKey: String(targetId),
      startAfter: delaySeconds,
      retryDelay: Math.max(1, delaySeconds),
    });
  }
}

/** The target's waiting entries, oldest first. */
export async function pendingEntries(db: Db | Tx, channel: OutboxChannel, targetId: number, limit = 500): Promise<OutboxRow[]> {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.channel, channel), eq(outbox.targetId, targetId)))
    .orderBy(asc(outbox.id))
    .limit(limit);
}

/** Entries that were sent (or can never be sent: the target is gone). */
export async function removeEntries(db: Db | Tx, ids: readonly number[]): Promise<void> {
  if (ids.length > 0) await db.delete(outbox).where(inArray(outbox.id, [...ids]));
}

export async function removeTargetEntries(db: Db | Tx, channel: OutboxChannel, targetId: number): Promise<void> {
  await db.delete(outbox).where(and(eq(outbox.channel, channel), eq(outbox.targetId, targetId)));
}
