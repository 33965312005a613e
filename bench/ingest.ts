// Benchmark 1, webhook ingest: Radarr Download webhooks (validate, store, enqueue in one
// transaction) at full speed and at a fixed 200 req/s, on PGlite and on Postgres, beside two
// baselines on the same server setup: the bare Hono route (HTTP floor) and the bare route with one
// transactional insert on the same database (database floor). The service runs without job
// workers (the web process alone), so the numbers are the request path's, not the event jobs'.
import { startBareHono, BARE_PATH } from './bare-hono.ts';
import { BACKENDS, type Backend, type BenchOptions } from './bench-db.ts';
import { startBenchService } from './bench-service.ts';
import { startDbFloorServer } from './db-floor.ts';
import { runLoad, type LoadResult } from './load.ts';
import { storedCounts, type StoredCounts } from './stored-counts.ts';
import { num, ratio, type Table } from './table.ts';

export type IngestSizes = { warmupSeconds: number; fullSpeedSeconds: number; fixedRateSeconds: number; connections: number; fixedRate: number };

// 32 connections: enough to keep the service busy (at 10 it waits on round trips, not CPU,
// ~40 % idle); Radarr and Sonarr instances, a mass import and proxies add up to such numbers.
export const INGEST_SIZES: Record<'full' | 'quick', IngestSizes> = {
  full: { warmupSeconds: 3, fullSpeedSeconds: 10, fixedRateSeconds: 10, connections: 32, fixedRate: 200 },
  quick: { warmupSeconds: 1, fullSpeedSeconds: 3, fixedRateSeconds: 3, connections: 32, fixedRate: 200 },
};

export type IngestTarget = 'bare-hono' | `${Backend}-floor` | Backend;

export type IngestRun = {
  target: IngestTarget;
  fullSpeed: LoadResult;
  fixedRate: LoadResult;
  /** For the service: events and jobs stored, and the 2xx answers it gave, over all its runs. */
  stored?: StoredCounts & { accepted: number };
};

export type IngestBenchResult = { sizes: IngestSizes; runs: IngestRun[] };

export async function runIngestBench({ quick = false, backends = BACKENDS }: BenchOptions = {}): Promise<IngestBenchResult> {
  const sizes = INGEST_SIZES[quick ? 'quick' : 'full'];
  const runs: IngestRun[] = [];
  const bare = await startBareHono();
  try {
    runs.push((await loadTarget('bare-hono', `${bare.url}${BARE_PATH}`, {}, sizes)).run);
  } finally {
    await bare.close();
  }
  for (const backend of backends) {
    const service = await startBenchService({ backend, label: 'ingest', workers: 'none' });
    try {
      const db = service.running.deps.database.db;
      const floor = await startDbFloorServer(db);
      try {
        runs.push((await loadTarget(`${backend}-floor`, `${floor.url}${BARE_PATH}`, {}, sizes)).run);
      } finally {
        await floor.close();
      }
      const { run, accepted } = await loadTarget(backend, service.webhookUrl, service.authHeaders, sizes);
      runs.push({ ...run, stored: { ...(await storedCounts(db)), accepted } });
    } finally {
      await service.stop();
    }
  }
  return { sizes, runs };
}

/** Warm-up (discarded), full speed, then the fixed rate; each run uses movies the last did not. */
async function loadTarget(
  target: IngestTarget,
  url: string,
  headers: Record<string, string>,
  sizes: IngestSizes,
): Promise<{ run: IngestRun; accepted: number }> {
  const common = { url, headers, connections: sizes.connections };
  const warmup = await runLoad({ ...common, firstMovie: 1, durationSeconds: sizes.warmupSeconds });
  const fullSpeed = await runLoad({ ...common, firstMovie: warmup.nextMovie, durationSeconds: sizes.fullSpeedSeconds });
  const fixedRate = await runLoad({
    ...common,
    firstMovie: fullSpeed.nextMovie,
    durationSeconds: sizes.fixedRateSeconds,
    overallRate: sizes.fixedRate,
  });
  return { run: { target, fullSpeed, fixedRate }, accepted: warmup.ok2xx + fullSpeed.ok2xx + fixedRate.ok2xx };
}

/** Stored rows must match the 2xx answers, up to the requests still in flight when a run ended. */
export function storedMatches(run: IngestRun, connections: number): boolean {
  if (!run.stored) return true;
  const { events, eventJobs, accepted } = run.stored;
  return events === eventJobs && events >= accepted && events - accepted <= 3 * connections;
}

export function ingestTable(result: IngestBenchResult): Table {
  const { sizes } = result;
  const find = (target: IngestTarget) => result.runs.find((run) => run.target === target);
  const bare = find('bare-hono');
  const rows = result.runs.map((run) => {
    const { fullSpeed: full, fixedRate: fixed } = run;
    const floor = run.target === 'pglite' || run.target === 'postgres' ? find(`${run.target}-floor`) : undefined;
    const failures = full.non2xx + full.errors + full.timeouts + fixed.non2xx + fixed.errors + fixed.timeouts;
    return [
      run.target,
      num(full.rps, 0),
      bare && run !== bare ? ratio(full.rps, bare.fullSpeed.rps) : '—',
      floor ? ratio(full.rps, floor.fullSpeed.rps) : '—',
      num(full.latencyMs.p50),
      num(full.latencyMs.p99),
      num(fixed.rps, 0),
      num(fixed.latencyMs.p99),
      bare && run !== bare ? ratio(fixed.latencyMs.p99, bare.fixedRate.latencyMs.p99) : '—',
      String(failures),
      run.stored ? `${run.stored.events}/${run.stored.eventJobs}/${run.stored.accepted}${storedMatches(run, sizes.connections) ? '' : ' MISMATCH'}` : '—',
    ];
  });
  return {
    title: 'Webhook ingest (Radarr Download: validate, store, enqueue)',
    headers: ['target', 'req/s', 'vs bare', 'vs floor', 'p50 ms', 'p99 ms', `@${sizes.fixedRate}/s got`, 'p99 ms', 'p99 vs bare', 'non-2xx/err', 'events/jobs/2xx'],
    rows,
    notes: [
      `full speed: ${sizes.connections} connections for ${sizes.fullSpeedSeconds} s after a ${sizes.warmupSeconds} s warm-up; fixed rate: ${sizes.fixedRate} req/s for ${sizes.fixedRateSeconds} s (latency corrected for coordinated omission).`,
      'load from a second process (autocannon); every body is a different movie, so nothing is deduplicated.',
      'service: real startService, no job workers (web role alone), logs at info written to /dev/null, API key in X-Api-Key.',
      'bare-hono: same @hono/node-server setup, one route reading the body and answering 202 JSON; <backend>-floor: that route plus one transaction inserting the body into a scratch table on the same database handle.',
      'events/jobs/2xx: webhook_events rows, webhook-event jobs and 2xx answers over the three runs; rows may exceed 2xx by the requests in flight when a run stopped.',
    ],
  };
}
