// The `webhook-event` queue's worker: one stored event per job.
import type { Job, JobWithMetadata, PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import { jobPayloads } from '../jobs/payloads.ts';
import { queueDefinitions, QUEUES } from '../jobs/queues.ts';
import type { JobWorker } from '../jobs/workers.ts';
import { outcome, recordOutcome } from './event-outcome.ts';
import { EventDeferred, processWebhookEvent } from './process-event.ts';

export type WebhookWorkerDeps = { database: { db: Db }; boss: PgBoss | null; logger: Logger };

const configuredRetryLimit =
  queueDefinitions().find((queue) => queue.name === QUEUES.webhookEvent)?.options.retryLimit ?? 0;

export function webhookEventWorker(deps: WebhookWorkerDeps): JobWorker {
  const boss = deps.boss;
  if (!boss) throw new Error('the webhook-event worker needs the job queue');
  const inbox = { db: deps.database.db, boss };
  return {
    queue: QUEUES.webhookEvent,
    // One at a time: events about one item must apply in the order they arrived, and each takes
    // a few milliseconds (database only; nothing here waits on the network).
    options: { includeMetadata: true, localConcurrency: 1, batchSize: 1 },
    handler: async (jobs: Job<unknown>[]) => {
      for (const job of jobs) await runJob(inbox, deps.logger, job as JobWithMetadata<unknown>);
    },
  };
}

async function runJob(inbox: { db: Db; boss: PgBoss }, logger: Logger, job: JobWithMetadata<unknown>): Promise<void> {
  const { eventId } = jobPayloads['webhook-event'].parse(job.data);
  const lastAttempt = job.retryCount >= (job.retryLimit ?? configuredRetryLimit);
  try {
    const result = await processWebhookEvent(inbox, eventId, { lastAttempt });
    if (result) logger.info({ eventId, state: result.state, summary: result.summary }, 'webhook event processed');
  } catch (err) {
    if (err instanceof EventDeferred) {
      logger.info({ eventId, retry: job.retryCount + 1, reason: err.message }, 'webhook event deferred');
      throw err;
    }
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
