// Benchmark 3, mass import burst: N Download webhooks at once (one connection each, all opened
// together by the load generator process). All must be accepted (2xx) and each must leave its
// event row and its webhook-event job. The service takes them with no job workers; afterwards the
// real webhook-event worker is started alone to time how long the backlog of events takes to drain.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../src/db/client.ts';
import { webhookEventWorker } from '../src/inbox/webhook-event-worker.ts';
import { registerWorkers } from '../src/jobs/register-workers.ts';
import { BACKENDS, type Backend, type BenchOptions } from './bench-db.ts';
import { startBenchService } from './bench-service.ts';
import { runLoad, type LoadResult } from './load.ts';
import { storedCounts, type StoredCounts } from './stored-counts.ts';
import { num, type Table } from './table.ts';

export type BurstSizes = { webhooks: number; drainDeadlineSeconds: number };

export const BURST_SIZES: Record<'full' | 'quick', BurstSizes> = {
  full: { webhooks: 500, drainDeadlineSeconds: 180 },
  quick: { webhooks: 100, drainDeadlineSeconds: 60 },
};

export type BurstRun = {
  backend: Backend;
  load: LoadResult;
  stored: StoredCounts;
  /** Every webhook answered 2xx, and there is one event and one job per webhook. */
  allAccepted: boolean;
  /** Seconds until the webhook-event worker had settled every event; null if not within the deadline. */
  drainSeconds: number | null;
  /** Events still `received` at the end of the drain (0 when drained). */
  undrained: number;
};

export type BurstResult = { sizes: BurstSizes; runs: BurstRun[] };

export async function runBurstBench({ quick = false, backends = BACKENDS }: BenchOptions = {}): Promise<BurstResult> {
  const sizes = BURST_SIZES[quick ? 'quick' : 'full'];
  const runs: BurstRun[] = [];
  for (const backend of backends) {
    const service = await startBenchService({ backend, label: 'burst', workers: 'none' });
    try {
      service.addMovieFolders(1, sizes.webhooks);
      const load = await runLoad({
        url: service.webhookUrl,
        headers: service.authHeaders,
        firstMovie: 1,
        connections: sizes.webhooks,
        amount: sizes.webhooks,
      });
      const { deps, boss } = service.running;
      const db = deps.database.db;
      const stored = await storedCounts(db);
      const allAccepted = load.ok2xx === sizes.webhooks && stored.events === sizes.webhooks && stored.eventJobs === sizes.webhooks;

      const drainStarted = performance.now();
      await registerWorkers(boss, [webhookEventWorker(deps)], deps.logger);
      const undrained = await waitForDrain(db, sizes.drainDeadlineSeconds);
      const drainSeconds = undrained === 0 ? (performance.now() - drainStarted) / 1000 : null;
      runs.push({ backend, load, stored, allAccepted, drainSeconds, undrained });
    } finally {
      await service.stop();
    }
  }
  return { sizes, runs };
}

/** Polls until no event is left `received` or the deadline passes; returns how many are left. */
async function waitForDrain(db: Db, deadlineSeconds: number): Promise<number> {
  const deadline = Date.now() + deadlineSeconds * 1000;
  for (;;) {
    const left = Number(rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from webhook_events where state = 'received'`))[0]?.n ?? 0);
    if (left === 0 || Date.now() > deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export function burstTable(result: BurstResult): Table {
  const rows = result.runs.map((run) => [
    run.backend,
    `${run.load.ok2xx}/${result.sizes.webhooks}`,
    `${run.stored.events}/${run.stored.eventJobs}`,
    run.allAccepted ? 'yes' : 'NO',
    num(run.load.lastResponseSeconds, 2),
    num(run.load.latencyMs.p50, 0),
    num(run.load.latencyMs.max, 0),
    run.drainSeconds === null ? `not in ${result.sizes.drainDeadlineSeconds} s (${run.undrained} left)` : num(run.drainSeconds, 1),
    run.drainSeconds === null ? '—' : num(result.sizes.webhooks / run.drainSeconds, 0),
  ]);
  return {
    title: `Mass import burst (${result.sizes.webhooks} Download webhooks at once)`,
    headers: ['backend', '2xx', 'events/jobs', 'all accepted', 'accept all s', 'p50 ms', 'max ms', 'event backlog drain s', 'events/s'],
    rows,
    notes: [
      `${result.sizes.webhooks} connections opened together by the load generator process, one request each; the service has no job workers while accepting. accept all: from the generator's start (connections included) to the last answer.`,
      'drain: then the real webhook-event worker alone (same process) settles the backlog; each event is recorded as a media row with its trailer-fetch job queued (no trailer worker runs).',
      'baseline: the accept time is to be read against the ingest table (bare route and database floor at full speed).',
    ],
  };
}
