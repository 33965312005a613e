import type { JobWorker } from './jobs/workers.ts';
import type { AppDeps } from './http/app-deps.ts';
import { webhookEventWorker } from './inbox/webhook-event-worker.ts';
import { pipelineWorkers } from './pipeline/pipeline-workers.ts';
import { syncJobWorkers } from './sync/sync-workers.ts';

/**
 * Every queue's worker, built from the service's dependencies. Each feature adds its worker
 * here; the web role never calls this.
 */
export function buildJobWorkers(deps: AppDeps): JobWorker[] {
  return [webhookEventWorker(deps), ...pipelineWorkers(deps), ...syncJobWorkers(deps)];
}
