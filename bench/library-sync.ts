// Benchmark: a full sync of N generated movies from the fake Radarr into a fresh database (PGlite,
// or Postgres when DATABASE_URL is set), reporting wall time and the process's peak RSS.
//   npm exec -- tsx bench/library-sync.ts [movies]        (default 10000)
// Database: `databaseUrl` (an empty Postgres database, used as is), else BENCH_DATABASE_URL (a
// Postgres server: a fresh database is created there and dropped afterwards), else PGlite in a
// temp directory. Memory: `peakRssMb` is the process high-water mark (getrusage maxrss, what the
// floor benchmark reports too; on PGlite its start-up sets it), `syncPeakRssMb` is sampled every
// 10 ms while the sync runs, `baselineRssMb` just before it. `radarr` points at a fake Radarr in
// another process (as the real one is), so its 10,000 movies are not counted; without it one is
// started in this process.
import { mkdtempSync, rmSync } from 'node:fs';
import postgres from 'postgres';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { insertConnection } from '../src/connections/connection-store.ts';
import { openDatabase } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { createBoss, startBoss } from '../src/jobs/boss.ts';
import { createLogger } from '../src/logger.ts';
import { syncLibrary } from '../src/sync/library-sync.ts';
import { generateMovies } from '../test/support/fake-arr-data.ts';
import { startFakeRadarr } from '../test/support/fake-arr.ts';

export type LibrarySyncBenchResult = {
  movies: number;
  seconds: number;
  /** The process's peak RSS (getrusage maxrss). */
  peakRssMb: number;
  /** The highest RSS seen while the sync ran. */
  syncPeakRssMb: number;
  /** RSS just before the sync (runtime, PGlite's heap, the fake Radarr's library). */
  baselineRssMb: number;
  backfillQueued: number;
};

export type RadarrEndpoint = { url: string; apiKey: string };

export type LibrarySyncBenchOptions = {
  movies?: number;
  databaseUrl?: string | undefined;
  postgresAdminUrl?: string | undefined;
  /** A fake Radarr serving exactly `movies` movies, run elsewhere. */
  radarr?: RadarrEndpoint | undefined;
};

export async function runLibrarySyncBench({
  movies = 10_000,
  databaseUrl,
  postgresAdminUrl = process.env['BENCH_DATABASE_URL'],
  radarr: remoteRadarr,
}: LibrarySyncBenchOptions = {}): Promise<LibrarySyncBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'previewarr-bench-sync-'));
  const scratch = !databaseUrl && postgresAdminUrl ? await createScratchDatabase(postgresAdminUrl) : undefined;
  const url = databaseUrl ?? scratch?.url;
  const localRadarr = remoteRadarr ? undefined : await startFakeRadarr({ movies: generateMovies(movies, { rootFolder: join(dataDir, 'not-mounted') }) });
  const radarr: RadarrEndpoint = remoteRadarr ?? localRadarr!;
  const logger = createLogger('warn');
  const database = await openDatabase({ dataDir, ...(url ? { databaseUrl: url } : {}) });
  const boss = createBoss(database);
  try {
    await runMigrations(database);
    await startBoss(boss, database, logger);
    const { db } = database;
    const connection = await insertConnection(db, { name: 'Radarr', kind: 'radarr', baseUrl: radarr.url, apiKey: radarr.apiKey });
    const baselineRssMb = process.memoryUsage.rss() / 1_048_576;
    const rss = sampleRss();
    const started = performance.now();
    const outcome = await syncLibrary({ db, boss, logger }, connection.id).finally(rss.stop);
    const seconds = (performance.now() - started) / 1000;
    if (!outcome.ok) throw new Error(`sync failed: ${outcome.message}`);
    if (outcome.report.added !== movies) throw new Error(`expected ${movies} new movies, the sync added ${outcome.report.added}`);
    return {
      movies,
      seconds,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      syncPeakRssMb: rss.peakMb(),
      baselineRssMb,
      backfillQueued: outcome.report.backfillQueued,
    };
  } finally {
    await boss.stop({ graceful: false, close: true }).catch(() => {});
    await database.close();
    await localRadarr?.close();
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function sampleRss(): { stop(): void; peakMb(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  return {
    stop: () => {
      peak = Math.max(peak, process.memoryUsage.rss());
      clearInterval(timer);
    },
    peakMb: () => peak / 1_048_576,
  };
}

async function createScratchDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `previewarr_bench_sync_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists "${name}" with (force)`).finally(() => again.end());
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const movies = Number(process.argv[2] ?? 10_000);
  const result = await runLibrarySyncBench({ movies });
  console.log(
    `library sync: ${result.movies} movies in ${result.seconds.toFixed(2)} s; RSS ${result.baselineRssMb.toFixed(0)} MB before, ` +
      `${result.syncPeakRssMb.toFixed(0)} MB peak during the sync, process peak ${result.peakRssMb.toFixed(0)} MB; ` +
      `${result.backfillQueued} backfill jobs queued`,
  );
}
