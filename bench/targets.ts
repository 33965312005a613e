// The targets from the brief (2 cores), checked against one run's results.
import type { BackfillBenchResult } from './backfill.ts';
import type { BurstResult } from './burst.ts';
import type { IdleResult } from './idle-memory.ts';
import type { ImportLatencyResult } from './import-latency.ts';
import type { IngestBenchResult } from './ingest.ts';
import type { PipelineBenchResult } from './pipeline.ts';
import { pipelineAllowedSeconds } from './pipeline-tables.ts';
import { syncRssMb, type SyncResult } from './sync-comparison.ts';
import { num, type Table } from './table.ts';

export type BenchResults = {
  ingest?: IngestBenchResult;
  importLatency?: ImportLatencyResult;
  burst?: BurstResult;
  librarySync?: SyncResult;
  pipeline?: PipelineBenchResult;
  backfill?: BackfillBenchResult;
  idleMemory?: IdleResult;
};

export type TargetCheck = { target: string; measured: string; met: boolean | null };

type Check = { target: string; check(results: BenchResults): { measured: string; met: boolean } | undefined };

const checks: Check[] = [
  {
    target: 'ingest ≥ 1,000 req/s on Postgres',
    check: ({ ingest }) => {
      const run = ingest?.runs.find((r) => r.target === 'postgres');
      return run && { measured: `${num(run.fullSpeed.rps, 0)} req/s`, met: run.fullSpeed.rps >= 1000 };
    },
  },
  {
    target: 'ingest p99 < 50 ms at 200 req/s on Postgres',
    check: ({ ingest }) => {
      const run = ingest?.runs.find((r) => r.target === 'postgres');
      return run && { measured: `p99 ${num(run.fixedRate.latencyMs.p99, 0)} ms (${num(run.fixedRate.rps, 0)} req/s served)`, met: run.fixedRate.latencyMs.p99 < 50 && run.fixedRate.non2xx === 0 };
    },
  },
  {
    target: 'import → job start p50 < 1 s',
    check: ({ importLatency }) =>
      importLatency && {
        measured: importLatency.runs.map((r) => `${r.backend} ${num(r.jobStartMs.p50, 0)} ms`).join(', '),
        met: importLatency.runs.every((r) => r.jobStartMs.p50 < 1000),
      },
  },
  {
    target: 'mass import burst: all accepted, one event and one job each',
    check: ({ burst }) =>
      burst && {
        measured: burst.runs.map((r) => `${r.backend} ${r.load.ok2xx}/${burst.sizes.webhooks} in ${num(r.load.lastResponseSeconds, 2)} s`).join(', '),
        met: burst.runs.every((r) => r.allAccepted),
      },
  },
  {
    target: '10,000-movie sync < 10 s',
    check: ({ librarySync }) =>
      librarySync && {
        measured: librarySync.runs.map((r) => `${r.backend} ${num(r.sync.seconds, 1)} s (${r.sync.movies} movies)`).join(', '),
        met: librarySync.sizes.movies >= 10_000 && librarySync.runs.every((r) => r.sync.seconds < 10),
      },
  },
  ...(['postgres', 'pglite'] as const).map(
    (backend): Check => ({
      target: `10,000-movie sync under 300 MB RSS (${backend})`,
      check: ({ librarySync }) => {
        const run = librarySync?.runs.find((r) => r.backend === backend);
        return run && { measured: `${num(syncRssMb(run), 0)} MB during the sync (floor ${num(run.floor.workPeakRssMb, 0)} MB)`, met: librarySync!.sizes.movies >= 10_000 && syncRssMb(run) < 300 };
      },
    }),
  ),
  {
    target: 'pipeline ≤ 1.10 × raw + 0.5 s',
    check: ({ pipeline }) =>
      pipeline && {
        measured: pipeline.cases.map((c) => `${c.mode} ${num(c.pipelineSeconds, 2)} s vs allowed ${num(pipelineAllowedSeconds(c.rawSeconds), 2)} s`).join(', '),
        met: pipeline.cases.every((c) => c.pipelineSeconds <= pipelineAllowedSeconds(c.rawSeconds)),
      },
  },
  {
    target: 'backfill ≤ 1.2 × ideal',
    check: ({ backfill }) => backfill && { measured: `×${num(backfill.ratio, 2)} (${backfill.clips} items)`, met: backfill.ratio <= 1.2 },
  },
  ...(['postgres', 'pglite'] as const).map(
    (backend): Check => ({
      target: `idle RSS < 200 MB (${backend})`,
      check: ({ idleMemory }) => {
        const runs = idleMemory?.runs.filter((r) => r.target.startsWith(backend));
        return runs?.length ? { measured: runs.map((r) => `${r.target.slice(backend.length).trim()} ${num(r.rssMb, 0)} MB`).join(', '), met: runs.every((r) => r.rssMb < 200) } : undefined;
      },
    }),
  ),
];

export function checkTargets(results: BenchResults): TargetCheck[] {
  return checks.map(({ target, check }) => {
    const outcome = check(results);
    return outcome ? { target, ...outcome } : { target, measured: 'not run', met: null };
  });
}

export function targetsTable(checked: TargetCheck[], quick: boolean): Table {
  return {
    title: 'Targets (2 cores)',
    headers: ['target', 'measured', 'status'],
    rows: checked.map((c) => [c.target, c.measured, c.met === null ? '—' : c.met ? 'met' : 'MISSED']),
    notes: quick ? ['--quick run: sizes are shrunk, so the size-bound targets (10,000 movies, 100 items, 500 webhooks) are not judged at full size.'] : [],
  };
}
