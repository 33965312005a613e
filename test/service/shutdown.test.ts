import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from 'pg-boss';
import { QUEUES } from '../../src/jobs/queues.ts';
import type { JobWorker } from '../../src/jobs/register-workers.ts';
import { createTestDatabase, testBackend, type TestDatabase } from '../support/test-db.ts';
import { startTestService, type TestService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';

/** A worker whose handler reports when it starts and finishes only when the test says so. */
function controlledWorker() {
  const started: string[] = [];
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const worker: JobWorker = {
    queue: QUEUES.reconcile,
    handler: async (jobs: Job[]) => {
      for (const job of jobs) started.push(job.id);
      await new Promise<void>((resolve, reject) => {
        released.then(resolve);
        jobs[0]?.signal?.addEventListener('abort', () => reject(new Error('aborted by shutdown')));
      });
    },
  };
  return { worker, started, release };
}

async function jobState(svc: TestService, id: string) {
  const [job] = await svc.boss.findJobs(QUEUES.reconcile, { id });
  return job;
}

describe(`graceful shutdown (${testBackend})`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('shutdown');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('lets a running job finish within the grace period', async () => {
    const control = controlledWorker();
    const svc = await startTestService({ database, workers: () => [control.worker], env: { SHUTDOWN_GRACE_SECONDS: '20' } });
    const id = (await svc.boss.send(QUEUES.reconcile, { test: 'finishes' }))!;
    await waitFor(() => control.started.includes(id), { what: 'the job to start' });

    const stopping = svc.stopService();
    // Requests are refused once shutdown begins, while the job is still running.
    await waitFor(async () => {
      try {
        await fetch(`${svc.url}/healthz`);
        return false;
      } catch {
        return true;
      }
    }, { what: 'the server to stop accepting' });
    control.release();
    await stopping;

    const again = await startTestService({ database, workers: () => [] });
    try {
      expect((await jobState(again, id))?.state).toBe('completed');
    } finally {
      await again.stopService();
    }
  });

  it('a job cut off at the deadline is retried on the next start, not lost', async () => {
    const control = controlledWorker();
    const svc = await startTestService({ database, workers: () => [control.worker], env: { SHUTDOWN_GRACE_SECONDS: '1' } });
    const id = (await svc.boss.send(QUEUES.reconcile, { test: 'cut off' }, { retryDelay: 0, retryBackoff: false }))!;
    await waitFor(() => control.started.includes(id), { what: 'the job to start' });
    await svc.stopService();

    const next = controlledWorker();
    next.release();
    const restarted = await startTestService({ database, workers: () => [next.worker] });
    try {
      await waitFor(async () => (await jobState(restarted, id))?.state === 'completed', {
        timeoutMs: 30_000,
        what: 'the interrupted job to be retried and completed',
      });
      const job = await jobState(restarted, id);
      expect(job?.retryCount).toBeGreaterThanOrEqual(1);
      expect(next.started).toContain(id);
    } finally {
      await restarted.stopService();
    }
  });
});
