// A Radarr library for the guarantee tests: generated movies, their folders in a temp media root
// (the Arr's `/movies` mapped there), a connection row pointing at it, and the Download webhook
// Radarr sends when it imports each movie.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Db } from '../../src/db/client.ts';
import { connections } from '../../src/db/schema/index.ts';
import { arrFixture, generateMovies, type JsonObject } from '../support/fake-arr-data.ts';

export type ImportLibrary = {
  /** The temp directory holding everything (the media root is `moviesDir` inside it). */
  dir: string;
  moviesDir: string;
  /** Movies shaped like GET /api/v3/movie items, each with a file. */
  movies: JsonObject[];
  /** Where a movie's folder is on this machine. */
  localFolder(movie: JsonObject): string;
  remove(): void;
};

/** `count` movies that all have a file, with their folders created (Radarr creates them on import). */
export function makeImportLibrary(count: number, { startId = 1000, seed = 7 } = {}): ImportLibrary {
  const dir = mkdtempSync(join(tmpdir(), 'previewarr-guarantee-'));
  const moviesDir = join(dir, 'movies');
  const movies = generateMovies(count, { startId, seed }).map(withFile);
  const localFolder = (movie: JsonObject) => join(moviesDir, basename(String(movie.path)));
  for (const movie of movies) mkdirSync(localFolder(movie), { recursive: true });
  return { dir, moviesDir, movies, localFolder, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function withFile(movie: JsonObject): JsonObject {
  if (movie.movieFile) return movie;
  const relativePath = `${basename(String(movie.path))} Bluray-1080p.mkv`;
  return {
    ...movie,
    hasFile: true,
    movieFileId: movie.id * 10,
    movieFile: { movieId: movie.id, id: movie.id * 10, relativePath, path: `${movie.path}/${relativePath}`, size: 8_000_000_000 },
  };
}

/** The body Radarr posts when it imports the movie's file (the fixture, re-aimed at `movie`). */
export function downloadBody(movie: JsonObject): JsonObject {
  const body = arrFixture('radarr', 'webhook-download');
  const file = movie.movieFile as JsonObject;
  body.movie = {
    ...body.movie,
    id: movie.id,
    title: movie.title,
    year: movie.year,
    folderPath: movie.path,
    tmdbId: movie.tmdbId,
    imdbId: movie.imdbId,
  };
  body.remoteMovie = { tmdbId: movie.tmdbId, imdbId: movie.imdbId, title: movie.title, year: movie.year };
  body.movieFile = { ...body.movieFile, id: file.id, relativePath: file.relativePath, path: file.path };
  body.downloadId = `SABnzbd_nzo_${movie.id}`;
  return body;
}

/** A Radarr connection whose `/movies` is the library's movies folder. */
export async function insertRadarrConnection(
  db: Db,
  library: Pick<ImportLibrary, 'moviesDir'>,
  { name = 'Radarr', baseUrl = 'http://127.0.0.1:9', apiKey = 'radarr-key-for-guarantee-tests' } = {},
): Promise<number> {
  const [row] = await db
    .insert(connections)
    .values({
      name,
      kind: 'radarr',
      baseUrl,
      apiKey,
      pathMappings: [{ remotePrefix: '/movies', localPrefix: library.moviesDir }],
      rootFolders: [{ path: '/movies', localPath: library.moviesDir, accessible: true }],
    })
    .returning({ id: connections.id });
  if (!row) throw new Error('connection insert returned nothing');
  return row.id;
}
