// The `webhook-event` queue's worker: one stored event per job.
import type { Job, JobResult, JobWithMetadata, PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import { jobPayloads } from '../jobs/payloads.ts';
import { queueDefinitions, QUEUES } from '../jobs/queues.ts';
import type { JobWorker } from '../jobs/register-workers.ts';
import { outcome, recordOutcome } from './event-outcome.ts';
import { processWebhookEvent } from './process-event.ts';

export type WebhookWorkerDeps = { database: { db: Db }; boss: PgBoss | null; logger: Logger };

/** Events fetched per round trip; each still runs alone, in arrival order. */
const EVENT_BATCH = 20;

const configuredRetryLimit =
  queueDefinitions().find((queue) => queue.name === QUEUES.webhookEvent)?.options.retryLimit ?? 0;

export function webhookEventWorker(deps: WebhookWorkerDeps): JobWorker {
  const boss = deps.boss;
  if (!boss) throw new Error('the webhook-event worker needs the job queue');
  const inbox = { db: deps.database.db, boss };
  return {
    queue: QUEUES.webhookEvent,
    // One at a time: events about one item must apply in the order they arrived, and each takes
    // a few milliseconds (database only; nothing here waits on the network). Fetched in batches,
    // run in order, each job settled on its own: with batchSize 1 a backlog (a mass import) drained
    // one event per polling interval; burstWhenBatchFull fetches again at once while batches are full.
    options: { includeMetadata: true, localConcurrency: 1, batchSize: EVENT_BATCH, burstWhenBatchFull: true, perJobResults: true },
    handler: async (jobs: Job<unknown>[]) => {
      const results: JobResult[] = [];
      for (const job of jobs) {
        try {
          await runJob(inbox, deps.logger, job as JobWithMetadata<unknown>);
          results.push({ id: job.id, status: 'completed' });
        } catch (err) {
          // Only this job fails (pg-boss retries it with the queue's back-off); the batch goes on.
          results.push({ id: job.id, status: 'failed', output: { message: err instanceof Error ? err.message : String(err) } });
        }
      }
      return results;
    },
  };
}

async function runJob(inbox: { db: Db; boss: PgBoss }, logger: Logger, job: JobWithMetadata<unknown>): Promise<void> {
  const { eventId } = jobPayloads['webhook-event'].parse(job.data);
  const lastAttempt = job.retryCount >= (job.retryLimit ?? configuredRetryLimit);
  try {
    const result = await processWebhookEvent(inbox, eventId);
    if (result) logger.info({ eventId, state: result.state, summary: result.summary }, `webhook event ${result.state === 'deferred' ? 'deferred' : 'processed'}`);
  } catch (err) {
    logger.error({ err, eventId, lastAttempt }, 'webhook event failed');
    if (lastAttempt) {
      // Best effort: when the database itself is the problem this fails too, and the job's
      // failure in pg-boss is the record.
      const message = err instanceof Error ? err.message : String(err);
      await recordOutcome(inbox.db, eventId, outcome.failed(`could not be processed after ${job.retryCount + 1} tries`), message).catch(() => {});
    }
    throw err;
  }
}
