import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { enqueueInTransaction } from '../../src/jobs/enqueue.ts';
import { QUEUES } from '../../src/jobs/queues.ts';
import { startTestService, type TestService } from '../support/test-service.ts';
import { testBackend } from '../support/test-db.ts';

describe(`enqueue in the row's transaction (${testBackend})`, () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ workers: () => [] });
  });
  afterAll(async () => {
    await svc?.stop();
  });

  it('a committed transaction has both the row and the job', async () => {
    let jobId: string | null = null;
    await svc.deps.database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into settings (key, value) values ('internal:committed', '1'::jsonb)`);
      jobId = await enqueueInTransaction(svc.boss, tx, QUEUES.reconcile, { reason: 'committed' });
    });
    expect(jobId).toBeTruthy();
    const [job] = await svc.boss.findJobs(QUEUES.reconcile, { id: jobId! });
    expect(job?.data).toEqual({ reason: 'committed' });
  });

  it('a rolled-back transaction leaves neither the row nor the job', async () => {
    let jobId: string | null = null;
    await expect(
      svc.deps.database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into settings (key, value) values ('internal:rolled-back', '1'::jsonb)`);
        jobId = await enqueueInTransaction(svc.boss, tx, QUEUES.reconcile, { reason: 'rolled back' });
        throw new Error('abort the transaction');
      }),
    ).rejects.toThrow('abort the transaction');
    expect(jobId).toBeTruthy();
    expect(await svc.boss.findJobs(QUEUES.reconcile, { id: jobId! })).toEqual([]);
    const jobs = await svc.boss.findJobs(QUEUES.reconcile, { data: { reason: 'rolled back' } });
    expect(jobs).toEqual([]);
    const rows = await svc.deps.database.db.execute(sql`select 1 from settings where key = 'internal:rolled-back'`);
    expect(Array.isArray(rows) ? rows.length : (rows as { rows: unknown[] }).rows.length).toBe(0);
  });
});
