// The baseline for import → job started: one bare pg-boss hop on the same database and pg-boss
// instance (send a job, a no-op worker with the service's polling settings picks it up), timed
// from the job's created_on to its started_on. An import makes two such hops (webhook-event,
// then trailer-fetch) plus the event's own work.
import { sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { rowsOf, type Db } from '../src/db/client.ts';
import { BOSS_SCHEMA } from '../src/jobs/boss.ts';
import { summarize, type Summary } from './percentiles.ts';

const HOP_QUEUE = 'bench-hop';

export async function measureBareHop(boss: PgBoss, db: Db, jobs: number, deadlineSeconds: number): Promise<Summary> {
  await boss.createQueue(HOP_QUEUE, { notify: true });
  await boss.work(HOP_QUEUE, { pollingIntervalSeconds: 2, notifyPollingIntervalSeconds: 2 }, async () => {});
  for (let n = 0; n < jobs; n++) {
    await boss.send(HOP_QUEUE, { n });
    const deadline = Date.now() + deadlineSeconds * 1000;
    while ((await hopTimes(db)).length <= n) {
      if (Date.now() > deadline) throw new Error(`a bare pg-boss job was not started within ${deadlineSeconds} s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  await boss.offWork(HOP_QUEUE);
  return summarize(await hopTimes(db));
}

async function hopTimes(db: Db): Promise<number[]> {
  const result = await db.execute(
    sql.raw(`select extract(epoch from (started_on - created_on)) * 1000 as ms from ${BOSS_SCHEMA}.job where name = '${HOP_QUEUE}' and started_on is not null`),
  );
  return rowsOf<{ ms: unknown }>(result).map((row) => Number(row.ms));
}
