import type { JobWorker } from '../jobs/register-workers.ts';
import type { ServiceDeps } from './service-deps.ts';
import { webhookEventWorker } from '../inbox/webhook-event-worker.ts';
import { pipelineWorkers } from '../pipeline/pipeline-workers.ts';
import { syncJobWorkers } from '../sync/sync-workers.ts';
import { outboundWorkers } from '../outbound/outbound-workers.ts';

/**
 * Every queue's worker, built from the service's dependencies. Each feature adds its worker
 * here; the web role never calls this.
 */
export function buildJobWorkers(deps: ServiceDeps): JobWorker[] {
  return [webhookEventWorker(deps), ...pipelineWorkers(deps), ...syncJobWorkers(deps), ...outboundWorkers(deps)];
}
