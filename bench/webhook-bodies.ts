// Radarr `Download` webhooks for the load: the real fixture, with the movie made distinct per
// request (ids, title, folder, file) so that no two bodies share a dedupe key and every request
// does the full work: validate, store the event, enqueue its job.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ARR_FIXTURES_DIR = fileURLToPath(new URL('../test/fixtures/arr/', import.meta.url));

/** Where the bodies' folders live in Radarr's own path space (map it to a local folder). */
export const BENCH_REMOTE_ROOT = '/movies';

type DownloadFixture = {
  movie: Record<string, unknown>;
  remoteMovie: Record<string, unknown>;
  movieFile: Record<string, unknown>;
  [key: string]: unknown;
};

let fixture: DownloadFixture | undefined;

function downloadFixture(): DownloadFixture {
  fixture ??= JSON.parse(readFileSync(join(ARR_FIXTURES_DIR, 'radarr', 'webhook-download.json'), 'utf8')) as DownloadFixture;
  return fixture;
}

/** The Radarr folder name of bench movie `n` (also the local folder name under the mapped root). */
export function benchMovieFolder(n: number): string {
  return `Bench Movie ${n} (2016)`;
}

/** The body Radarr would send when movie `n` (a positive integer) was imported. */
export function downloadWebhookBody(n: number): string {
  const base = downloadFixture();
  const folder = benchMovieFolder(n);
  const folderPath = `${BENCH_REMOTE_ROOT}/${folder}`;
  const fileName = `${folder} Bluray-1080p.mkv`;
  const tmdbId = 1_000_000 + n;
  const imdbId = `tt${String(50_000_000 + n)}`;
  return JSON.stringify({
    ...base,
    movie: { ...base.movie, id: n, title: `Bench Movie ${n}`, folderPath, tmdbId, imdbId },
    remoteMovie: { ...base.remoteMovie, title: `Bench Movie ${n}`, tmdbId, imdbId },
    movieFile: { ...base.movieFile, id: n, relativePath: fileName, path: `${folderPath}/${fileName}` },
    downloadId: `bench_${n}`,
  });
}
