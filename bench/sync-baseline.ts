// The floor under a library sync, for benchmark 4's ratio: the same number of Radarr movies
// (the API fixture's movie, made distinct per id) served over local HTTP, fetched, parsed, and
// written into `media` with plain batched inserts of 1,000 rows per transaction, and nothing
// else (no comparison with stored rows, no trailer scan, no backfill jobs).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { insertConnection } from '../src/connections/connection-store.ts';
import { openDatabase } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { media } from '../src/db/schema/index.ts';

const ARR_FIXTURES_DIR = fileURLToPath(new URL('../test/fixtures/arr/', import.meta.url));

export type SyncBaselineResult = {
  movies: number;
  seconds: number;
  /** Process high-water mark (getrusage maxrss). */
  peakRssMb: number;
  /** Highest RSS sampled every 10 ms while the timed work ran. */
  workPeakRssMb: number;
};

type Movie = Record<string, unknown> & { movieFile?: Record<string, unknown> };

function movieList(count: number): Movie[] {
  const [template] = JSON.parse(readFileSync(join(ARR_FIXTURES_DIR, 'radarr', 'api-movies.json'), 'utf8')) as Movie[];
  if (!template) throw new Error('api-movies.json holds no movie');
  return Array.from({ length: count }, (_, index) => {
    const id = 1000 + index;
    const title = `Baseline Movie ${id}`;
    const path = `/movies/${title} (2016)`;
    return {
      ...template,
      id,
      title,
      path,
      folderName: path,
      tmdbId: 1_000_000 + id,
      imdbId: `tt${60_000_000 + id}`,
      movieFile: { ...template.movieFile, id: id * 10, relativePath: `${title} (2016) Bluray-1080p.mkv`, path: `${path}/${title} (2016) Bluray-1080p.mkv` },
    };
  });
}

export type SyncBaselineOptions = { movies?: number; databaseUrl?: string; radarr?: { url: string; apiKey: string } };

/** `radarr`: a fake Radarr in another process serving `movies` movies; else a list served from here. */
export async function runSyncBaseline({ movies = 10_000, databaseUrl, radarr }: SyncBaselineOptions = {}): Promise<SyncBaselineResult> {
  const server = radarr ? undefined : await serveMovieList(movies);
  const moviesUrl = radarr ? `${radarr.url}/api/v3/movie` : `http://127.0.0.1:${(server!.address() as AddressInfo).port}/api/v3/movie`;
  const headers: Record<string, string> = radarr ? { 'X-Api-Key': radarr.apiKey } : {};
  const dataDir = mkdtempSync(join(tmpdir(), 'previewarr-bench-sync-floor-'));
  const database = await openDatabase({ dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
  try {
    await runMigrations(database);
    const { db } = database;
    const connection = await insertConnection(db, { name: `baseline-${Date.now()}`, kind: 'radarr', baseUrl: 'http://127.0.0.1:9', apiKey: 'unused-baseline-key' });
    let workPeak = process.memoryUsage.rss();
    const sampler = setInterval(() => (workPeak = Math.max(workPeak, process.memoryUsage.rss())), 10);
    const started = performance.now();
    const response = await fetch(moviesUrl, { headers });
    if (!response.ok) throw new Error(`GET ${moviesUrl}: HTTP ${response.status}`);
    const list = (await response.json()) as Movie[];
    for (let start = 0; start < list.length; start += 1000) {
      const rows = list.slice(start, start + 1000).map((movie) => ({
        connectionId: connection.id,
        arrId: Number(movie['id']),
        kind: 'movie' as const,
        title: String(movie['title']),
        year: Number(movie['year']),
        folderPath: String(movie['path']),
        movieFileRelativePath: String(movie.movieFile?.['relativePath']),
        tmdbId: Number(movie['tmdbId']),
        imdbId: String(movie['imdbId']),
        monitored: Boolean(movie['monitored']),
        hasFile: Boolean(movie['hasFile']),
      }));
      await db.transaction(async (tx) => {
        await tx.insert(media).values(rows);
      });
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    workPeak = Math.max(workPeak, process.memoryUsage.rss());
    return { movies, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, workPeakRssMb: workPeak / 1_048_576 };
  } finally {
    await database.close();
    server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function serveMovieList(movies: number) {
  const body = JSON.stringify(movieList(movies));
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
