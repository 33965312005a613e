import { PgBoss, fromPglite } from 'pg-boss';
import type { Logger } from 'pino';
import type { DatabaseHandle } from '../db/client.ts';
import { queueDefinitions } from './queues.ts';

export const BOSS_SCHEMA = 'pgboss';

/** pg-boss on the same database as everything else: PGlite shares its one instance. */
export function createBoss(handle: DatabaseHandle): PgBoss {
  const common = { schema: BOSS_SCHEMA, useListenNotify: true } as const;
  if (handle.kind === 'pglite') {
    return new PgBoss({ ...common, db: fromPglite(handle.pglite), backend: 'pglite' });
  }
  // Jobs of a process that died are found by the supervise pass (heartbeats, expiry); pg-boss runs
  // it every 60 s by default, one process at a time. Every 10 s, a dead worker's trailer job is
  // found within ~25 s instead of ~75 s, for one small query per 10 s across all processes.
  return new PgBoss({
    ...common,
    connectionString: handle.url,
    max: 5,
    application_name: 'previewarr-jobs',
    superviseIntervalSeconds: 10,
    monitorIntervalSeconds: 10,
  });
}

/** Starts pg-boss and makes sure every queue exists with its retry policy. */
export async function startBoss(boss: PgBoss, handle: DatabaseHandle, logger: Logger): Promise<void> {
  boss.on('error', (err: Error) => logger.error({ err }, 'job queue error'));
  await boss.start();
  for (const { name, options } of queueDefinitions()) {
    const existing = await boss.getQueue(name);
    if (!existing) {
      await boss.createQueue(name, options);
      continue;
    }
    // A queue's policy is fixed at creation; everything else follows this build's settings.
    const { policy: _fixedAtCreation, ...updatable } = options;
    await boss.updateQueue(name, updatable);
  }
  if (handle.kind === 'pglite') await retryOrphanedJobs(boss, logger);
}

/**
 * With the embedded database this is the only process, so any job still marked active at start
 * was cut off by a crash: fail it now so its retry runs at once instead of after a heartbeat gap.
 */
async function retryOrphanedJobs(boss: PgBoss, logger: Logger): Promise<void> {
  for (const { name } of queueDefinitions()) {
    const active = await boss.findJobs(name, { limit: 100_000 }).catch(() => []);
    const orphaned = active.filter((job) => job.state === 'active').map((job) => job.id);
    if (orphaned.length === 0) continue;
    await boss.fail(name, orphaned, { message: 'interrupted by a restart; retrying' });
    logger.warn({ queue: name, count: orphaned.length }, 'retrying jobs interrupted by a restart');
  }
}
