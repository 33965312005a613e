// Benchmark 4, library sync: N movies from the fake Radarr through the real sync
// (bench/library-sync.ts, runLibrarySyncBench from the sync feature), on PGlite and on Postgres,
// each beside its floor (bench/sync-baseline.ts: fetch, parse and plain batched inserts of the
// same number of movies). Every run is its own process, so each peak RSS is that run's alone; the
// fake Radarr both read from runs here, in the bench's process, as Radarr runs beside the service.
import { BACKENDS, createBenchDatabase, type Backend, type BenchOptions } from './bench-db.ts';
import { runChild } from './child-process.ts';
import type { SyncBaselineResult } from './sync-baseline.ts';
import { num, ratio, type Table } from './table.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMovies } from '../test/support/fake-arr-data.ts';
import { startFakeRadarr } from '../test/support/fake-arr.ts';

export type SyncSizes = { movies: number };
export const SYNC_SIZES: Record<'full' | 'quick', SyncSizes> = { full: { movies: 10_000 }, quick: { movies: 2_000 } };

export type SyncRun = {
  backend: Backend;
  /** bench/library-sync.ts's result; `syncPeakRssMb` (sampled while the sync ran) in newer builds. */
  sync: { movies: number; seconds: number; peakRssMb: number; syncPeakRssMb?: number; backfillQueued?: number };
  floor: SyncBaselineResult;
};

export type SyncResult = { sizes: SyncSizes; runs: SyncRun[] };

export async function runSyncComparison({ quick = false, backends = BACKENDS }: BenchOptions = {}): Promise<SyncResult> {
  const sizes = SYNC_SIZES[quick ? 'quick' : 'full'];
  const runs: SyncRun[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'previewarr-bench-radarr-'));
  const radarr = await startFakeRadarr({ movies: generateMovies(sizes.movies, { rootFolder: join(scratch, 'not-mounted') }) });
  try {
    for (const backend of backends) runs.push(await runBackend(backend));
  } finally {
    await radarr.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  return { sizes, runs };

  async function runBackend(backend: Backend): Promise<SyncRun> {
    const inChild = async <T>(name: string): Promise<T> => {
      // A throwaway database per run on Postgres; PGlite runs make their own temp directory.
      const database = backend === 'postgres' ? await createBenchDatabase('postgres', name) : undefined;
      try {
        const options = {
          movies: sizes.movies,
          radarr: { url: radarr.url, apiKey: radarr.apiKey },
          ...(database?.databaseUrl ? { databaseUrl: database.databaseUrl } : {}),
        };
        return await runChild<T>('bench/isolated.ts', [name, JSON.stringify(options)], { env: { DATABASE_URL: '' }, timeoutMs: 600_000, asService: true });
      } finally {
        await database?.drop();
      }
    };
    const floor = await inChild<SyncRun['floor']>('sync-baseline');
    const sync = await inChild<SyncRun['sync']>('library-sync');
    return { backend, sync, floor };
  }
}

export function syncTable(result: SyncResult): Table {
  return {
    title: `Library sync (${result.sizes.movies.toLocaleString('en')} movies from the fake Radarr)`,
    headers: ['backend', 'sync s', 'floor s', 'vs floor', 'RSS during sync MB', 'during floor MB', 'vs floor', 'process peak MB (sync/floor)', 'backfill jobs'],
    rows: result.runs.map((run) => [
      run.backend,
      num(run.sync.seconds, 2),
      num(run.floor.seconds, 2),
      ratio(run.sync.seconds, run.floor.seconds),
      num(syncRssMb(run), 0),
      num(run.floor.workPeakRssMb, 0),
      ratio(syncRssMb(run), run.floor.workPeakRssMb),
      `${num(run.sync.peakRssMb, 0)} / ${num(run.floor.peakRssMb, 0)}`,
      run.sync.backfillQueued === undefined ? '—' : String(run.sync.backfillQueued),
    ]),
    notes: [
      'sync: bench/library-sync.ts (runLibrarySyncBench): the real syncLibrary against the fake Radarr (served from the bench process, not the measured one), a fresh database, trailer scan and backfill jobs included.',
      'floor: the same movies fetched from the same fake Radarr, parsed and written with plain 1,000-row inserts, nothing else.',
      'each run is its own process with the Node flags of `npm run serve`; RSS during = highest RSS sampled while the timed work ran; process peak = getrusage maxrss (on PGlite set by its start-up, initdb included).',
    ],
  };
}

/** The sync's own memory: sampled while it ran when the bench reports that, else the process peak. */
export function syncRssMb(run: SyncRun): number {
  return run.sync.syncPeakRssMb ?? run.sync.peakRssMb;
}
