// Benchmark 2, import → job started: from a Download webhook's acceptance to its trailer job
// starting, from the database's own clock: webhook_events.received_at (set in the transaction
// that commits before the 2xx), the webhook-event job's started_on, and the trailer-fetch job's
// created_on and started_on in pg-boss. The service runs with its own workers. Imports arrive one
// at a time, each once the pipeline is idle again, so the figure is the hand-off latency and not
// queueing behind downloads (that is the backfill bench's subject); each movie's folder exists.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../src/db/client.ts';
import { BOSS_SCHEMA } from '../src/jobs/boss.ts';
import { QUEUES } from '../src/jobs/queues.ts';
import { BACKENDS, type Backend, type BenchOptions } from './bench-db.ts';
import { startBenchService } from './bench-service.ts';
import { measureBareHop } from './job-hop.ts';
import { downloadWebhookBody } from './webhook-bodies.ts';
import { summarize, type Summary } from './percentiles.ts';
import { num, ratio, type Table } from './table.ts';

export type ImportLatencySizes = { webhooks: number; stepDeadlineSeconds: number };

export const IMPORT_LATENCY_SIZES: Record<'full' | 'quick', ImportLatencySizes> = {
  full: { webhooks: 20, stepDeadlineSeconds: 120 },
  quick: { webhooks: 5, stepDeadlineSeconds: 120 },
};

export type ImportLatencyRun = {
  backend: Backend;
  /** Whether this build has a trailer-fetch worker; without one, "job started" is the event job's start. */
  trailerWorker: boolean;
  /** received_at → webhook-event job started. */
  eventJobStartMs: Summary;
  /** received_at → trailer-fetch job created (the event job's transaction). */
  fetchJobCreatedMs: Summary;
  /** received_at → trailer-fetch job started (empty without a trailer worker). */
  fetchJobStartMs: Summary;
  /** received_at → the job this benchmark counts as "the download job started". */
  jobStartMs: Summary;
  /** Baseline: one bare pg-boss hop (created_on → started_on) on the same database and instance. */
  bareHopMs: Summary;
};

export type ImportLatencyResult = { sizes: ImportLatencySizes; runs: ImportLatencyRun[] };

export async function runImportLatencyBench({ quick = false, backends = BACKENDS }: BenchOptions = {}): Promise<ImportLatencyResult> {
  const sizes = IMPORT_LATENCY_SIZES[quick ? 'quick' : 'full'];
  const runs: ImportLatencyRun[] = [];
  for (const backend of backends) {
    const service = await startBenchService({ backend, label: 'latency', workers: 'all' });
    try {
      const trailerWorker = service.workerQueues.includes(QUEUES.trailerFetch);
      service.addMovieFolders(1, sizes.webhooks);
      const db = service.running.deps.database.db;
      for (let movie = 1; movie <= sizes.webhooks; movie++) {
        await waitUntil(`${backend}: the pipeline idle before movie ${movie}`, sizes.stepDeadlineSeconds, async () => (await activeFetches(db)) === 0);
        const response = await fetch(service.webhookUrl, {
          method: 'POST',
          headers: { ...service.authHeaders, 'content-type': 'application/json' },
          body: downloadWebhookBody(movie),
        });
        if (response.status !== 202) throw new Error(`${backend}: movie ${movie}'s webhook got ${response.status}: ${await response.text()}`);
        await waitUntil(`${backend}: movie ${movie}'s trailer job ${trailerWorker ? 'started' : 'created'}`, sizes.stepDeadlineSeconds, async () => {
          const timing = (await readTimings(db)).at(-1);
          return (trailerWorker ? timing?.fetchStartedMs : timing?.fetchCreatedMs) != null;
        });
      }
      const rows = await readTimings(db);
      const bareHopMs = await measureBareHop(service.running.boss, db, sizes.webhooks, sizes.stepDeadlineSeconds);
      const fetchStarts = rows.map((row) => row.fetchStartedMs).filter((ms): ms is number => ms !== null);
      const eventStarts = rows.map((row) => row.eventStartedMs).filter((ms): ms is number => ms !== null);
      runs.push({
        backend,
        trailerWorker,
        eventJobStartMs: summarize(eventStarts),
        fetchJobCreatedMs: summarize(rows.map((row) => row.fetchCreatedMs).filter((ms): ms is number => ms !== null)),
        fetchJobStartMs: summarize(fetchStarts),
        jobStartMs: summarize(trailerWorker ? fetchStarts : eventStarts),
        bareHopMs,
      });
    } finally {
      await service.stop();
    }
  }
  return { sizes, runs };
}

type Timing = { eventId: number; eventStartedMs: number | null; fetchCreatedMs: number | null; fetchStartedMs: number | null };

/** Polls `done` until it holds; fails with `what` after the deadline. */
async function waitUntil(what: string, deadlineSeconds: number, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + deadlineSeconds * 1000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`gave up after ${deadlineSeconds} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** trailer-fetch jobs running now (a slot taken, so a new job would queue). */
async function activeFetches(db: Db): Promise<number> {
  const result = await db.execute(sql.raw(`select count(*)::int as n from ${BOSS_SCHEMA}.job where name = '${QUEUES.trailerFetch}' and state = 'active'`));
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
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
    cells(run.bareHopMs),
    ratio(run.jobStartMs.p50, run.bareHopMs.p50),
  ]);
  const { sizes } = result;
  const withoutWorker = result.runs.some((run) => !run.trailerWorker);
  return {
    title: 'Import → job started (database timestamps)',
    headers: ['backend', 'event job start p50/p99 ms', 'fetch job created p50/p99 ms', 'fetch job start p50/p99 ms', '"job started" is', 'p50 ms', 'p99 ms', 'bare hop p50/p99 ms', 'p50 vs bare hop'],
    rows,
    notes: [
      `${sizes.webhooks} Download webhooks, each sent once no trailer-fetch job is running (the hand-off, not queueing behind downloads); the service runs its own workers (buildJobWorkers), polled every 50 ms by the bench.`,
      'times from webhook_events.received_at (committed before the 2xx) to pg-boss job.created_on / started_on, all on the database clock.',
      'bare hop: the same number of jobs sent one at a time to a scratch queue with a no-op worker on the same pg-boss instance (created_on → started_on); an import takes two hops plus the event\'s own work.',
      ...(withoutWorker ? ['this build registers no trailer-fetch worker, so "job started" is the webhook-event job\'s start; its trailer-fetch job creation is shown beside it.'] : []),
    ],
  };
}
