// Benchmark 2b, import → trailer on disk for a movie Previewarr has never synced: from sending
// Radarr's Download webhook to the trailer file at its final name. The event job reads the movie
// from the (fake, in-process) Radarr API for its youTubeTrailerId, the pipeline downloads that
// clip from the local clip server with real yt-dlp and remuxes it with real ffmpeg. Imports go
// one at a time, each once the previous trailer is placed. Beside "import → job started": this
// is the whole path a user waits for, network to YouTube excepted.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/db/client.ts';
import { startClipServer } from '../test/support/clip-server.ts';
import { arrFixture, type JsonObject } from '../test/support/fake-arr-data.ts';
import { startFakeRadarr } from '../test/support/fake-arr.ts';
import { BACKENDS, type Backend, type BenchOptions } from './bench-db.ts';
import { startBenchService } from './bench-service.ts';
import { summarize, type Summary } from './percentiles.ts';
import { num, type Table } from './table.ts';
import { BENCH_REMOTE_ROOT, benchMovieFolder, downloadWebhookBody } from './webhook-bodies.ts';

export const IMPORT_TRAILER_SIZES = { full: { imports: 10 }, quick: { imports: 3 } } as const;
const STEP_DEADLINE_MS = 120_000;

export type ImportTrailerRun = {
  backend: Backend;
  /** Webhook sent → trailer file at its final name (wall clock, polled every 10 ms). */
  onDiskMs: Summary;
  /** webhook_events.received_at → trailers.created_at (database clock). */
  recordedMs: Summary;
};

export type ImportTrailerResult = { imports: number; runs: ImportTrailerRun[] };

/** Radarr's API resource for bench movie `n`, with a trailer id the clip server serves. */
function benchMovie(n: number): JsonObject {
  const folder = benchMovieFolder(n);
  const file = `${folder} Bluray-1080p.mkv`;
  const resource = arrFixture('radarr', 'api-movie');
  const path = `${BENCH_REMOTE_ROOT}/${folder}`;
  return {
    ...resource,
    id: n,
    title: `Bench Movie ${n}`,
    year: 2016,
    path,
    hasFile: true,
    monitored: false,
    movieFile: { ...(resource['movieFile'] as JsonObject), id: n, movieId: n, relativePath: file, path: `${path}/${file}` },
    youTubeTrailerId: `benchTrailer${n}`,
  };
}

export async function runImportTrailerBench({ quick = false, backends = BACKENDS }: BenchOptions = {}): Promise<ImportTrailerResult> {
  const { imports } = IMPORT_TRAILER_SIZES[quick ? 'quick' : 'full'];
  const runs: ImportTrailerRun[] = [];
  for (const backend of backends) {
    const clips = await startClipServer();
    const radarr = await startFakeRadarr({ movies: [], rootFolders: [] });
    const service = await startBenchService({ backend, label: 'import-trailer', workers: 'all', radarr, env: { TRAILER_URL_TEMPLATE: clips.urlTemplate } });
    try {
      const onDisk: number[] = [];
      for (let n = 1; n <= imports; n++) {
        // Added to Radarr after any sync: only its API knows the trailer id.
        radarr.upsert(benchMovie(n));
        service.addMovieFolders(n, 1);
        const folder = join(service.moviesDir, benchMovieFolder(n));
        writeFileSync(join(folder, `${benchMovieFolder(n)} Bluray-1080p.mkv`), 'the movie');
        const trailer = join(folder, `${benchMovieFolder(n)} Bluray-1080p-trailer.mkv`);
        const started = performance.now();
        const response = await fetch(service.webhookUrl, {
          method: 'POST',
          headers: { ...service.authHeaders, 'content-type': 'application/json' },
          body: downloadWebhookBody(n),
        });
        if (response.status !== 202) throw new Error(`${backend}: movie ${n}'s webhook got ${response.status}: ${await response.text()}`);
        while (!existsSync(trailer)) {
          if (performance.now() - started > STEP_DEADLINE_MS) throw new Error(`${backend}: no trailer for movie ${n} after ${STEP_DEADLINE_MS / 1000} s`);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        onDisk.push(performance.now() - started);
      }
      const recorded = rowsOf<{ ms: number | string }>(
        await service.running.deps.database.db.execute(sql`
          select extract(epoch from (t.created_at - e.received_at)) * 1000 as ms
          from webhook_events e
          join media m on m.connection_id = e.connection_id and m.arr_id = ((e.raw_body::jsonb)->'movie'->>'id')::int
          join trailers t on t.media_id = m.id
          where e.event_type = 'Download'`),
      ).map((row) => Number(row.ms));
      runs.push({ backend, onDiskMs: summarize(onDisk), recordedMs: summarize(recorded) });
    } finally {
      await service.stop();
      await radarr.close();
      await clips.close();
    }
  }
  return { imports, runs };
}

export function importTrailerTable(result: ImportTrailerResult): Table {
  return {
    title: 'Import → trailer on disk, never-synced movie (local clip)',
    headers: ['backend', 'on disk p50 ms', 'on disk p99 ms', 'on disk max ms', 'recorded p50/p99 ms'],
    rows: result.runs.map((run) => [
      run.backend,
      num(run.onDiskMs.p50, 0),
      num(run.onDiskMs.p99, 0),
      num(run.onDiskMs.max, 0),
      `${num(run.recordedMs.p50, 0)} / ${num(run.recordedMs.p99, 0)}`,
    ]),
    notes: [
      `${result.imports} Download webhooks for movies added to the fake Radarr after any sync (unmonitored), one at a time; each trailer comes from the youTubeTrailerId the event job read from GET /api/v3/movie/{id}.`,
      'on disk: wall clock from sending the webhook to the trailer file at its final name (polled every 10 ms); recorded: webhook_events.received_at → trailers.created_at on the database clock.',
      'the clip (2 s, h264/aac mp4) is served by the local clip server through TRAILER_URL_TEMPLATE; real yt-dlp downloads it and real ffmpeg remuxes it to mkv, so the figure is the service\'s own path without YouTube\'s network time.',
    ],
  };
}
