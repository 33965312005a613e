import type { PgBoss, WorkHandler, WorkOptions } from 'pg-boss';
import type { Logger } from 'pino';
import type { QueueName } from './queues.ts';

/** A queue's handler and how many jobs of it one process runs at once. */
export type JobWorker = {
  queue: QueueName;
  handler: WorkHandler<any>;
  options?: WorkOptions;
};

/** Registers every worker; the job layer knows nothing about what the handlers do. */
export async function registerWorkers(boss: PgBoss, workers: JobWorker[], logger: Logger): Promise<void> {
  for (const worker of workers) {
    // With notify on, pg-boss would otherwise poll only every 30 s between notifications, and a
    // worker that finished a job while more were waiting would sit idle that long.
    await boss.work(worker.queue, { pollingIntervalSeconds: 2, notifyPollingIntervalSeconds: 2, ...worker.options }, worker.handler);
    logger.debug({ queue: worker.queue, options: worker.options }, 'worker registered');
  }
}
