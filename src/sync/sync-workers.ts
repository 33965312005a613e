// The `library-sync` and `reconcile` queue workers.
import type { Job } from 'pg-boss';
import { z } from 'zod';
import { recordConnectionHealth } from '../connections/connection-store.ts';
import type { ServiceDeps } from '../app/service-deps.ts';
import { announcingArrHealth } from '../outbound/arr-health-events.ts';
import { outboundDepsOf } from '../outbound/outbound-deps.ts';
import { jobPayloads } from '../jobs/payloads.ts';
import { QUEUES } from '../jobs/queues.ts';
import type { JobWorker } from '../jobs/register-workers.ts';
import { syncLibrary, type LibrarySyncOptions, type SyncDeps } from './library-sync.ts';
import { enqueueSyncs } from './reconcile.ts';

const reconcileData = jobPayloads.reconcile.and(
  z.object({ trigger: z.enum(['schedule', 'start', 'manual']).catch('schedule').default('schedule') }),
);

/** Thrown for a sync worth retrying (the Arr is down or overloaded): pg-boss retries with backoff. */
export class RetryableSyncError extends Error {
  override readonly name = 'RetryableSyncError';
}

export function syncJobWorkers(deps: ServiceDeps, options: LibrarySyncOptions = {}): JobWorker[] {
  const boss = deps.boss;
  if (!boss) return [];
  const syncDeps: SyncDeps = { db: deps.database.db, boss, logger: deps.logger };
  return [
    {
      queue: QUEUES.librarySync,
      // One sync at a time per process: a sync is bulk database work, and PGlite has one connection.
      options: { localConcurrency: 1 },
      handler: async (jobs: Job<unknown>[]) => {
        for (const job of jobs) await announcingArrHealth(outboundDepsOf(deps), job, () => runLibrarySync(syncDeps, job, options));
      },
    },
    {
      queue: QUEUES.reconcile,
      handler: async (jobs: Job<unknown>[]) => {
        for (const job of jobs) {
          // The trigger names the sync reason: schedule, start or manual.
          const { trigger } = reconcileData.parse(job.data ?? {});
          const queued = await enqueueSyncs({ database: deps.database, boss }, trigger);
          deps.logger.info({ trigger, connections: queued.map((entry) => entry.connectionId) }, 'reconcile: library syncs queued');
        }
      },
    },
  ];
}

async function runLibrarySync(deps: SyncDeps, job: Job<unknown>, options: LibrarySyncOptions): Promise<void> {
  const { connectionId, reason } = jobPayloads['library-sync'].parse(job.data);
  let outcome;
  try {
    outcome = await syncLibrary(deps, connectionId, options);
  } catch (error) {
    // A database or disk failure part-way: say so on the connection, then let pg-boss retry.
    const message = `Sync failed: ${error instanceof Error ? error.message : String(error)}`;
    await recordConnectionHealth(deps.db, connectionId, { ok: false, checkedAt: new Date().toISOString(), message }).catch(() => {});
    throw error;
  }
  if (outcome.ok) return;
  deps.logger.warn({ connectionId, reason, outcome }, 'library sync did not run');
  if (outcome.reason === 'arr-failed' && outcome.retryable) throw new RetryableSyncError(outcome.message);
}
