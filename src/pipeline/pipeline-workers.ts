// Wiring of the pipeline into the service: `preparePipeline` runs once at start in a worker
// process (default profile, clean-up after a crash, the concurrency setting); `pipelineWorkers`
// returns the queue workers for src/app/job-workers.ts. Parallel downloads come from the
// `workerConcurrency` setting (read at start) or WORKER_CONCURRENCY, via pg-boss localConcurrency.
import { mkdir } from 'node:fs/promises';
import type { Job } from 'pg-boss';
import { readSettings } from '../db/settings-store.ts';
import type { ServiceDeps } from '../app/service-deps.ts';
import { QUEUES } from '../jobs/queues.ts';
import type { JobWorker } from '../jobs/register-workers.ts';
import { currentWorker } from './job-liveness.ts';
import { createPipelineRuntime, workRootOf, type PipelineOptions, type PipelineRuntime } from './pipeline-runtime.ts';
import { cleanupInterruptedWork, type CleanupReport } from './startup-cleanup.ts';
import { runTrailerDelete } from './trailer-delete.ts';
import { runTrailerFetch } from './trailer-fetch.ts';
import { ensureDefaultProfile } from './trailer-profile.ts';
import { runTrailerRename } from './trailer-rename.ts';

interface Prepared {
  workerConcurrency: number;
  ffmpegConcurrency: number;
  cleanup: CleanupReport;
}

// Keyed by the service's deps object, so several services in one process (tests) stay apart.
const prepared = new WeakMap<ServiceDeps, Prepared>();

export async function preparePipeline(deps: ServiceDeps): Promise<CleanupReport> {
  const db = deps.database.db;
  await ensureDefaultProfile(db);
  const workRoot = workRootOf(deps.env);
  await mkdir(workRoot, { recursive: true });
  if (deps.boss === null) throw new Error('the trailer pipeline needs the job queue');
  const cleanup = await cleanupInterruptedWork({ db, boss: deps.boss, logger: deps.logger, workRoot, worker: currentWorker() });
  const settings = await readSettings(db);
  prepared.set(deps, {
    workerConcurrency: settings.workerConcurrency ?? deps.env.WORKER_CONCURRENCY,
    ffmpegConcurrency: settings.ffmpegConcurrency ?? deps.env.FFMPEG_CONCURRENCY,
    cleanup,
  });
  return cleanup;
}

/** Runs each job of a batch in turn (batchSize is 1; a throw fails the job for pg-boss to retry). */
function eachJob(run: (job: Job<unknown>) => Promise<unknown>) {
  return async (jobs: Job<unknown>[]): Promise<void> => {
    for (const job of jobs) await run(job);
  };
}

export function pipelineWorkersFor(rt: PipelineRuntime, workerConcurrency: number): JobWorker[] {
  return [
    {
      queue: QUEUES.trailerFetch,
      handler: eachJob((job) => runTrailerFetch(rt, job)),
      // A worker that finishes a job sooner than its poll interval waits out the rest before the
      // next fetch, even with a backlog (the backlog's notifications came earlier): at 2 s that
      // cost a short trailer ~0.3 s each in a backfill. Two workers polling twice a second is cheap.
      options: { localConcurrency: workerConcurrency, batchSize: 1, pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 0.5 },
    },
    { queue: QUEUES.trailerRename, handler: eachJob((job) => runTrailerRename(rt, job.data)), options: { localConcurrency: 1, batchSize: 1 } },
    { queue: QUEUES.trailerDelete, handler: eachJob((job) => runTrailerDelete(rt, job.data)), options: { localConcurrency: 1, batchSize: 1 } },
  ];
}

/** The pipeline's queue workers. `options` replaces pieces for tests and benchmarks. */
export function pipelineWorkers(deps: ServiceDeps, options: PipelineOptions = {}): JobWorker[] {
  const rt = createPipelineRuntime(deps, options);
  const ready = prepared.get(deps);
  if (ready !== undefined) rt.ffmpegSlots.resize(ready.ffmpegConcurrency);
  return pipelineWorkersFor(rt, ready?.workerConcurrency ?? deps.env.WORKER_CONCURRENCY);
}
