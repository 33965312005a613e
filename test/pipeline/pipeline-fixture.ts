/**
 * Shared set-up of the pipeline tests: a temp media root, a connection whose root folder is it,
 * media rows, the real service running only the pipeline workers (with options such as a
 * recorded search or short cool-offs) against the local clip server, and helpers to enqueue a
 * fetch and wait for its outcome.
 */
import { eq } from 'drizzle-orm';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Db } from '../../src/db/client.ts';
import { connections, downloadAttempts, media, trailers, type TrailerStatus } from '../../src/db/schema/index.ts';
import type { JobPayload } from '../../src/jobs/payloads.ts';
import { createFfmpeg } from '../../src/media-tools/ffmpeg.ts';
import type { PipelineOptions } from '../../src/pipeline/pipeline-runtime.ts';
import { pipelineWorkers } from '../../src/pipeline/pipeline-workers.ts';
import { startClipServer, type ClipServer, type ClipServerOptions } from '../support/clip-server.ts';
import { startTestService, type TestService, type TestServiceOptions } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';

export const ffmpeg = createFfmpeg({ ffmpegPath: process.env['FFMPEG_PATH'] ?? 'ffmpeg', ffprobePath: process.env['FFPROBE_PATH'] ?? 'ffprobe' });

export async function makeMediaRoot(label: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `previewarr-media-${label}-`));
}

export async function removeMediaRoot(root: string | undefined): Promise<void> {
  if (root !== undefined) await rm(root, { recursive: true, force: true });
}

export interface PipelineServiceOptions {
  clips: ClipServer;
  pipeline?: PipelineOptions;
  env?: Record<string, string>;
  database?: TestServiceOptions['database'];
}

export function startPipelineService(options: PipelineServiceOptions): Promise<TestService> {
  return startTestService({
    env: { TRAILER_URL_TEMPLATE: options.clips.urlTemplate, LOG_LEVEL: 'warn', ...options.env },
    workers: (deps) => pipelineWorkers(deps, options.pipeline ?? {}),
    ...(options.database !== undefined ? { database: options.database } : {}),
  });
}

/** What most pipeline test files run against: a media root, the clip server, the service, one connection. */
export interface PipelineWorld {
  root: string;
  clips: ClipServer;
  svc: TestService;
  connectionId: number;
}

/**
 * Opens a pipeline world for one test file (call it in `beforeAll`; `closePipelineWorld` in
 * `afterAll`). `prepareClips` runs before the service starts, for clip behaviours it needs at once.
 */
export async function openPipelineWorld(
  label: string,
  options: Omit<PipelineServiceOptions, 'clips'> & { clipServer?: ClipServerOptions; prepareClips?: (clips: ClipServer) => Promise<void> } = {},
): Promise<PipelineWorld> {
  const { clipServer, prepareClips, ...service } = options;
  const root = await makeMediaRoot(label);
  const clips = await startClipServer(clipServer);
  await prepareClips?.(clips);
  const svc = await startPipelineService({ clips, ...service });
  const connectionId = await insertConnection(svc.deps.database.db, root);
  return { root, clips, svc, connectionId };
}

/** Stops what `openPipelineWorld` started; safe on a world that failed half-way. */
export async function closePipelineWorld(world: Partial<PipelineWorld>): Promise<void> {
  await world.svc?.stop();
  await world.clips?.close();
  await removeMediaRoot(world.root);
}

let connectionCounter = 0;

/** A Radarr connection whose only root folder is `root` (same path here and in the Arr). */
export async function insertConnection(db: Db, root: string, kind: 'radarr' | 'sonarr' = 'radarr'): Promise<number> {
  connectionCounter += 1;
  const [row] = await db
    .insert(connections)
    .values({
      name: `${kind}-${connectionCounter}-${path.basename(root)}`,
      kind,
      baseUrl: 'http://127.0.0.1:9/',
      apiKey: 'unused-in-pipeline-tests',
      rootFolders: [{ path: root, localPath: root, accessible: true }],
    })
    .returning({ id: connections.id });
  return row!.id;
}

let arrIdCounter = 1000;

export interface MovieSpec {
  connectionId: number;
  folder: string;
  movieFile?: string | null;
  title?: string;
  year?: number;
  youTubeTrailerId?: string | null;
  tmdbId?: number | null;
  userSourceUrl?: string | null;
  kind?: 'movie' | 'series';
}

/** Creates the folder (and an empty movie file) on disk and the media row. */
export async function insertMovie(db: Db, spec: MovieSpec): Promise<number> {
  await mkdir(spec.folder, { recursive: true });
  const movieFile = spec.movieFile === undefined ? `${path.basename(spec.folder)}.mkv` : spec.movieFile;
  if (movieFile !== null) await writeFile(path.join(spec.folder, movieFile), 'not a real movie');
  arrIdCounter += 1;
  const [row] = await db
    .insert(media)
    .values({
      connectionId: spec.connectionId,
      arrId: arrIdCounter,
      kind: spec.kind ?? 'movie',
      title: spec.title ?? 'Test Movie',
      year: spec.year ?? 2020,
      folderPath: spec.folder,
      movieFileRelativePath: movieFile,
      hasFile: movieFile !== null,
      youTubeTrailerId: spec.youTubeTrailerId === undefined ? 'clipA000001' : spec.youTubeTrailerId,
      tmdbId: spec.tmdbId ?? null,
      userSourceUrl: spec.userSourceUrl ?? null,
      trailerStatus: 'queued',
    })
    .returning({ id: media.id });
  return row!.id;
}

export async function enqueueFetch(svc: TestService, data: JobPayload<'trailer-fetch'>): Promise<string> {
  const id = await svc.boss.send('trailer-fetch', data, { priority: 10 });
  if (id === null) throw new Error('job was not created');
  return id;
}

export async function mediaRow(db: Db, mediaId: number) {
  const [row] = await db.select().from(media).where(eq(media.id, mediaId));
  return row;
}

/** Waits until the item reaches one of `statuses` and no attempt of it is running. */
export async function waitForStatus(db: Db, mediaId: number, statuses: readonly TrailerStatus[], timeoutMs = 60_000) {
  return waitFor(
    async () => {
      const row = await mediaRow(db, mediaId);
      if (row === undefined || !statuses.includes(row.trailerStatus)) return undefined;
      const running = await db.select().from(downloadAttempts).where(eq(downloadAttempts.mediaId, mediaId));
      return running.some((attempt) => attempt.outcome === 'running') ? undefined : row;
    },
    { timeoutMs, intervalMs: 100, what: `item ${mediaId} to reach ${statuses.join('/')}` },
  );
}

export async function trailerRows(db: Db, mediaId: number) {
  return db.select().from(trailers).where(eq(trailers.mediaId, mediaId));
}

export async function attemptRows(db: Db, mediaId: number) {
  return db.select().from(downloadAttempts).where(eq(downloadAttempts.mediaId, mediaId)).orderBy(downloadAttempts.id);
}

/** Every file under `dir`, relative, sorted (hidden ones included). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}
