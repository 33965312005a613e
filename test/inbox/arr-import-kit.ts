// Set-up for the import tests that run the whole way: the real service with every worker (the
// search replaced by one that records its queries and finds nothing, so a fallback to search is
// seen and never leaves the machine), a fake Radarr whose root folder is a temp folder here (no
// path mappings needed), the local clip server, and small API helpers. `env` adds to the service's
// environment (e.g. the outbound windows for the burst test); `search` answers the searches instead
// (still recorded), for kinds of video only a search finds (a featurette).
import { eq } from 'drizzle-orm';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { media, trailers, webhookEvents } from '../../src/db/schema/index.ts';
import { webhookEventWorker } from '../../src/inbox/webhook-event-worker.ts';
import { outboundWorkers } from '../../src/outbound/outbound-workers.ts';
import { pipelineWorkers } from '../../src/pipeline/pipeline-workers.ts';
import { syncJobWorkers } from '../../src/sync/sync-workers.ts';
import { startClipServer, type ClipServer } from '../support/clip-server.ts';
import { arrFixture, type ArrApp, type JsonObject } from '../support/fake-arr-data.ts';
import { startFakeRadarr, type FakeArrServer } from '../support/fake-arr.ts';
import { postWebhook } from '../support/arr-webhook-client.ts';
import { startTestService, type TestService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';

export type ImportWorld = { svc: TestService; searches: string[]; clips: ClipServer; radarr: FakeArrServer; root: string };

/**
 * Opens the world of one import test file (call in `beforeAll`): the media root, the clip server,
 * a fake Radarr with no movies whose only root folder is that root, and the service.
 */
export async function openImportWorld(
  label: string,
  env: Record<string, string> = {},
  search: (query: string) => Promise<unknown[]> = async () => [],
): Promise<ImportWorld> {
  const root = mkdtempSync(join(tmpdir(), `previewarr-${label}-`));
  const clips = await startClipServer();
  const radarr = await startFakeRadarr({ movies: [], rootFolders: [{ id: 1, path: root, accessible: true, freeSpace: 1e12, unmappedFolders: [] }] });
  const searches: string[] = [];
  const svc = await startTestService({
    env: { TRAILER_URL_TEMPLATE: clips.urlTemplate, LOG_LEVEL: 'warn', ...env },
    workers: (deps) => [
      webhookEventWorker(deps),
      ...pipelineWorkers(deps, {
        search: async (query) => {
          searches.push(query);
          return search(query);
        },
      }),
      ...syncJobWorkers(deps),
      // Media-server refreshes and notifications; with none configured they never run.
      ...outboundWorkers(deps),
    ],
  });
  return { svc, searches, clips, radarr, root };
}

/** Stops what `openImportWorld` started; safe when it failed half-way. */
export async function closeImportWorld(world: ImportWorld | undefined): Promise<void> {
  await world?.svc.stop();
  await world?.radarr.close();
  await world?.clips.close();
  if (world) rmSync(world.root, { recursive: true, force: true });
}

export type MovieCase = { id: number; title: string; trailerId: string; monitored: boolean };

/** The poster a movie's `images[]` names (Radarr's cover path and TMDB's URL), per movie id. */
export function moviePosterImages(id: number): JsonObject[] {
  return [{ coverType: 'poster', url: `/MediaCover/${id}/poster.jpg?lastWrite=638600000000000000`, remoteUrl: `https://image.tmdb.org/t/p/original/movie-${id}.jpg` }];
}

/** The movie as Radarr's API serves it, with its folder and file created under `root`. */
export function arrMovie(root: string, movie: MovieCase): JsonObject {
  const folder = join(root, `${movie.title} (2020)`);
  const file = `${movie.title} (2020).mkv`;
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, file), 'the movie');
  const resource = arrFixture('radarr', 'api-movie');
  const movieFile = { ...(resource['movieFile'] as JsonObject), id: movie.id * 10, movieId: movie.id, relativePath: file, path: join(folder, file) };
  return {
    ...resource,
    id: movie.id,
    title: movie.title,
    originalTitle: movie.title,
    year: 2020,
    path: folder,
    folderName: folder,
    monitored: movie.monitored,
    hasFile: true,
    movieFile,
    youTubeTrailerId: movie.trailerId,
    tmdbId: 900_000 + movie.id,
    images: moviePosterImages(movie.id),
  };
}

/** Radarr's Download webhook for that movie: like the real one, without any trailer id. */
export function downloadBody(resource: JsonObject): JsonObject {
  const body = arrFixture('radarr', 'webhook-download');
  const file = resource['movieFile'] as JsonObject;
  body.movie = { ...body.movie, id: resource['id'], title: resource['title'], year: 2020, folderPath: resource['path'], tmdbId: resource['tmdbId'], images: resource['images'] };
  body.movieFile = { ...body.movieFile, id: file['id'], relativePath: file['relativePath'], path: file['path'] };
  body.downloadId = `import-${String(resource['id'])}`;
  return body;
}

export type SeriesCase = { id: number; title: string };

/** The series as Sonarr's API serves it (untagged, season 1 monitored), with its folder and an episode under `root`. */
export function arrSeries(root: string, series: SeriesCase): JsonObject {
  const folder = join(root, series.title);
  mkdirSync(join(folder, 'Season 01'), { recursive: true });
  writeFileSync(join(folder, 'Season 01', `${series.title} - S01E01.mkv`), 'the episode');
  const resource = arrFixture('sonarr', 'api-series');
  const seasons = [{ seasonNumber: 1, monitored: true }];
  return { ...resource, id: series.id, title: series.title, sortTitle: series.title.toLowerCase(), year: 2020, path: folder, rootFolderPath: root, tags: [], seasons, tmdbId: 800_000 + series.id, tvdbId: 700_000 + series.id };
}

/** Sonarr's Download webhook for season 1 episode 1 of that series. */
export function seriesDownloadBody(resource: JsonObject): JsonObject {
  const body = arrFixture('sonarr', 'webhook-download');
  const relativePath = `Season 01/${String(resource['title'])} - S01E01.mkv`;
  body.series = { ...body.series, id: resource['id'], title: resource['title'], path: resource['path'], tmdbId: resource['tmdbId'], tvdbId: resource['tvdbId'], year: 2020, tags: [] };
  body.episodes = body.episodes.map((episode: JsonObject) => ({ ...episode, seasonNumber: 1, seriesId: resource['id'] }));
  body.episodeFile = { ...body.episodeFile, relativePath, path: join(String(resource['path']), relativePath) };
  body.downloadId = `import-series-${String(resource['id'])}`;
  return body;
}

export async function sendWebhook(svc: TestService, body: JsonObject, app: ArrApp = 'radarr'): Promise<{ status: number; json: Record<string, unknown> }> {
  const reply = await postWebhook(`${svc.url}/webhooks/${app}`, body, { app, headers: { 'X-Api-Key': svc.apiKey } });
  return { status: reply.status, json: JSON.parse(reply.text) as Record<string, unknown> };
}

export async function api(svc: TestService, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const reply = await fetch(`${svc.url}${path}`, {
    method,
    headers: { 'X-Api-Key': svc.apiKey, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await reply.text();
  return { status: reply.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export function addRadarr(svc: TestService, radarr: FakeArrServer, name = 'Radarr'): Promise<number> {
  return addArrConnection(svc, radarr, 'radarr', name);
}

/** Adds a connection to a fake Radarr or Sonarr through the API; returns its id. */
export async function addArrConnection(svc: TestService, arr: FakeArrServer, kind: ArrApp, name: string): Promise<number> {
  const created = await api(svc, 'POST', '/api/v1/connections', { name, kind, baseUrl: arr.url, apiKey: arr.apiKey });
  if (created.status !== 201) throw new Error(`connection not created: ${created.status} ${JSON.stringify(created.json)}`);
  return Number((created.json['connection'] as { id: number }).id);
}

/** The item's row once it has our trailer on record, with that trailer row. */
export async function trailerPlaced(svc: TestService, arrId: number, timeoutMs = 90_000) {
  const db = svc.deps.database.db;
  return waitFor(
    async () => {
      const [item] = await db.select().from(media).where(eq(media.arrId, arrId));
      if (item?.trailerStatus !== 'have') return undefined;
      const [trailer] = await db.select().from(trailers).where(eq(trailers.mediaId, item.id));
      return trailer ? { item, trailer } : undefined;
    },
    { timeoutMs, intervalMs: 100, what: `the trailer of movie ${arrId}` },
  );
}

export async function eventById(svc: TestService, id: number) {
  const [row] = await svc.deps.database.db.select().from(webhookEvents).where(eq(webhookEvents.id, id));
  return row;
}
