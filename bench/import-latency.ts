// Benchmark 2, import → job started: from a Download webhook's acceptance to its trailer job
// starting, from the database's own clock: webhook_events.received_at (set in the transaction
// that commits before the 2xx), the webhook-event job's started_on, and the trailer-fetch job's
// created_on and started_on in pg-boss. The service runs with its own workers. Webhooks arrive
// paced, like imports do, from the load generator process; each movie's folder exists first.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../src/db/client.ts';
import { BOSS_SCHEMA } from '../src/jobs/boss.ts';
import { QUEUES } from '../src/jobs/queues.ts';
import type { Backend } from './bench-db.ts';
import { startBenchService } from './bench-service.ts';
import { runLoad, type LoadResult } from './load.ts';
import { summarize, type Summary } from './percentiles.ts';
import { num, type Table } from './table.ts';

export type ImportLatencySizes = { webhooks: number; perSecond: number; settleSeconds: number };

export const IMPORT_LATENCY_SIZES: Record<'full' | 'quick', ImportLatencySizes> = {
  full: { webhooks: 40, perSecond: 2, settleSeconds: 60 },
  quick: { webhooks: 10, perSecond: 2, settleSeconds: 30 },
};

export type ImportLatencyRun = {
  backend: Backend;
  /** Whether this build has a trailer-fetch worker; without one, "job started" is the event job's start. */
  trailerWorker: boolean;
  load: LoadResult;
  /** received_at → webhook-event job started. */
  eventJobStartMs: Summary;
  /** received_at → trailer-fetch job created (the event job's transaction). */
  fetchJobCreatedMs: Summary;
  /** received_at → trailer-fetch job started (empty without a trailer worker). */
  fetchJobStartMs: Summary;
  /** received_at → the job this benchmark counts as "the download job started". */
  jobStartMs: Summary;
};

export type ImportLatencyResult = { sizes: ImportLatencySizes; runs: ImportLatencyRun[] };

export async function runImportLatencyBench({ quick = false, backends = ['pglite', 'postgres'] }: { quick?: boolean; backends?: readonly Backend[] } = {}): Promise<ImportLatencyResult> {
  const sizes = IMPORT_LATENCY_SIZES[quick ? 'quick' : 'full'];
  const runs: ImportLatencyRun[] = [];
  for (const backend of backends) {
    const service = await startBenchService({ backend, label: 'latency', workers: 'all' });
    try {
      const trailerWorker = service.workerQueues.includes(QUEUES.trailerFetch);
      service.addMovieFolders(1, sizes.webhooks);
      const load = await runLoad({
        url: service.webhookUrl,
        headers: service.authHeaders,
        firstMovie: 1,
        connections: 1,
        amount: sizes.webhooks,
        overallRate: sizes.perSecond,
      });
      if (load.ok2xx !== sizes.webhooks) throw new Error(`${backend}: ${load.ok2xx} of ${sizes.webhooks} webhooks were accepted (${JSON.stringify(load.statusCodes)})`);
      const db = service.running.deps.database.db;
      const rows = await settledTimings(db, sizes, trailerWorker);
      const fetchStarts = rows.map((row) => row.fetchStartedMs).filter((ms): ms is number => ms !== null);
      const eventStarts = rows.map((row) => row.eventStartedMs).filter((ms): ms is number => ms !== null);
      runs.push({
        backend,
        trailerWorker,
        load,
        eventJobStartMs: summarize(eventStarts),
        fetchJobCreatedMs: summarize(rows.map((row) => row.fetchCreatedMs).filter((ms): ms is number => ms !== null)),
        fetchJobStartMs: summarize(fetchStarts),
        jobStartMs: summarize(trailerWorker ? fetchStarts : eventStarts),
      });
    } finally {
      await service.stop();
    }
  }
  return { sizes, runs };
}

type Timing = { eventId: number; eventStartedMs: number | null; fetchCreatedMs: number | null; fetchStartedMs: number | null };

/** Polls (bounded) until every event's jobs got as far as they can, then reads the timings. */
async function settledTimings(db: Db, sizes: ImportLatencySizes, trailerWorker: boolean): Promise<Timing[]> {
  const deadline = Date.now() + sizes.settleSeconds * 1000;
  for (;;) {
    const rows = await readTimings(db);
    const done = rows.length === sizes.webhooks && rows.every((row) => (trailerWorker ? row.fetchStartedMs : row.fetchCreatedMs) !== null);
    if (done) return rows;
    if (Date.now() > deadline) {
      const missing = rows.filter((row) => row.fetchCreatedMs === null).length;
      throw new Error(
        `after ${sizes.settleSeconds} s, ${rows.length}/${sizes.webhooks} events stored, ${missing} without a trailer-fetch job` +
          (trailerWorker ? `, ${rows.filter((row) => row.fetchStartedMs === null).length} trailer jobs not started` : ''),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function readTimings(db: Db): Promise<Timing[]> {
  // The first start of each job: a retried job keeps its id, and the pipeline's own re-scheduling
  // makes a new job, so the earliest one is the one the import caused.
  const result = await db.execute(
    sql.raw(`
    select e.id as event_id,
      extract(epoch from (ej.started_on - e.received_at)) * 1000 as event_started_ms,
      extract(epoch from (tf.created_on - e.received_at)) * 1000 as fetch_created_ms,
      extract(epoch from (tf.started_on - e.received_at)) * 1000 as fetch_started_ms
    from webhook_events e
    left join lateral (
      select min(j.started_on) as started_on from ${BOSS_SCHEMA}.job j
      where j.name = '${QUEUES.webhookEvent}' and j.data->>'eventId' = e.id::text
    ) ej on true
    left join media m on m.connection_id = e.connection_id and m.kind = 'movie'
      and m.arr_id = ((e.raw_body::jsonb)->'movie'->>'id')::int
    left join lateral (
      select min(j.created_on) as created_on, min(j.started_on) as started_on from ${BOSS_SCHEMA}.job j
      where j.name = '${QUEUES.trailerFetch}' and j.data->>'mediaId' = m.id::text
    ) tf on true
    where e.event_type = 'Download'
    order by e.id`),
  );
  const ms = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return rowsOf<Record<string, unknown>>(result).map((row) => ({
    eventId: Number(row['event_id']),
    eventStartedMs: ms(row['event_started_ms']),
    fetchCreatedMs: ms(row['fetch_created_ms']),
    fetchStartedMs: ms(row['fetch_started_ms']),
  }));
}

export function importLatencyTable(result: ImportLatencyResult): Table {
  const cells = (summary: Summary) => (summary.count ? `${num(summary.p50, 0)} / ${num(summary.p99, 0)}` : '—');
  const rows = result.runs.map((run) => [
    run.backend,
    cells(run.eventJobStartMs),
    cells(run.fetchJobCreatedMs),
    cells(run.fetchJobStartMs),
    run.trailerWorker ? 'trailer-fetch started' : 'webhook-event started',
    num(run.jobStartMs.p50, 0),
    num(run.jobStartMs.p99, 0),
  ]);
  const { sizes } = result;
  const withoutWorker = result.runs.some((run) => !run.trailerWorker);
  return {
    title: 'Import → job started (database timestamps)',
    headers: ['backend', 'event job start p50/p99 ms', 'fetch job created p50/p99 ms', 'fetch job start p50/p99 ms', '"job started" is', 'p50 ms', 'p99 ms'],
    rows,
    notes: [
      `${sizes.webhooks} Download webhooks at ${sizes.perSecond}/s from the load generator process; the service runs its own workers (buildJobWorkers).`,
      'times from webhook_events.received_at (committed before the 2xx) to pg-boss job.created_on / started_on, all on the database clock.',
      ...(withoutWorker ? ['this build registers no trailer-fetch worker, so "job started" is the webhook-event job\'s start; its trailer-fetch job creation is shown beside it.'] : []),
    ],
  };
}
