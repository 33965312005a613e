// The workers of the media-refresh and notify queues. Several targets are served at once, so
// a slow server or service holds up only itself.
import type { Job } from 'pg-boss';
import type { ServiceDeps } from '../app/service-deps.ts';
import { QUEUES } from '../jobs/queues.ts';
import type { JobWorker } from '../jobs/register-workers.ts';
import { runMediaRefresh } from '../media-servers/media-refresh.ts';
import { runNotify } from '../notifications/notification-actions.ts';
import { outboundDepsOf, type OutboundDeps } from './outbound-deps.ts';

function eachJob(deps: OutboundDeps, run: (deps: OutboundDeps, job: Job<unknown>) => Promise<void>) {
  return async (jobs: Job<unknown>[]): Promise<void> => {
    for (const job of jobs) await run(deps, job);
  };
}

export function outboundWorkers(service: ServiceDeps): JobWorker[] {
  const deps = outboundDepsOf(service);
  return [
    { queue: QUEUES.mediaRefresh, handler: eachJob(deps, runMediaRefresh), options: { localConcurrency: 4, batchSize: 1 } },
    { queue: QUEUES.notify, handler: eachJob(deps, runNotify), options: { localConcurrency: 4, batchSize: 1 } },
  ];
}
