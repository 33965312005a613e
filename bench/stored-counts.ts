// What a load left in the database: the proof that the 2xx answers were real (every accepted
// webhook is a stored event with its job).
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../src/db/client.ts';
import { BOSS_SCHEMA } from '../src/jobs/boss.ts';
import { QUEUES } from '../src/jobs/queues.ts';

export type StoredCounts = { events: number; eventJobs: number };

export async function storedCounts(db: Db): Promise<StoredCounts> {
  const result = await db.execute(
    sql.raw(
      `select (select count(*) from webhook_events)::int as events,
              (select count(*) from ${BOSS_SCHEMA}.job where name = '${QUEUES.webhookEvent}')::int as event_jobs`,
    ),
  );
  const row = rowsOf<{ events: number; event_jobs: number }>(result)[0];
  return { events: Number(row?.events ?? 0), eventJobs: Number(row?.event_jobs ?? 0) };
}
