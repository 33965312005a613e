// Shared set-up for the webhook tests: a real service (only the webhook worker, or none), a temp
// media tree the fixtures' Arr paths map into, connection rows, and readers for events and jobs.
import { eq, sql } from 'drizzle-orm';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rowsOf } from '../../src/db/client.ts';
import { connections, media, trailers, webhookEvents, type PathMapping, type RootFolderInfo, type MediaRow } from '../../src/db/schema/index.ts';
import { readSettings } from '../../src/db/settings-store.ts';
import { webhookEventWorker } from '../../src/inbox/webhook-event-worker.ts';
import { processWebhookEvent } from '../../src/inbox/process-event.ts';
import type { QueueName } from '../../src/jobs/queues.ts';
import { loadProfile } from '../../src/pipeline/trailer-profile.ts';
import { arrFixture, type ArrApp, type JsonObject } from '../support/fake-arr-data.ts';
import { startFakeRadarr, startFakeSonarr, type FakeArrServer } from '../support/fake-arr.ts';
import { postWebhook, type WebhookReply } from '../support/arr-webhook-client.ts';
import { startTestService, type TestService } from '../support/test-service.ts';

export type Library = { dir: string; movies: string; tv: string; anime: string; remove(): void };

/** Folders for the items the fixtures name, except "Nightfall Protocol (2026)" (added, no file yet). */
export function makeLibrary(): Library {
  const dir = mkdtempSync(join(tmpdir(), 'previewarr-webhooks-'));
  const movies = join(dir, 'movies');
  const tv = join(dir, 'tv');
  const anime = join(dir, 'anime');
  for (const folder of [
    join(movies, 'Arrival (2016)'),
    join(movies, 'Blade Runner 2049 (2017)'),
    join(tv, 'Severance'),
    join(tv, 'The Expanse'),
    join(anime, "Frieren - Beyond Journey's End"),
  ]) {
    mkdirSync(folder, { recursive: true });
  }
  return { dir, movies, tv, anime, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The fixtures' `/movies`, `/tv` and `/anime` mapped into the temp library. */
export function fixtureMappings(app: ArrApp, library: Library): PathMapping[] {
  return app === 'radarr'
    ? [{ remotePrefix: '/movies', localPrefix: library.movies }]
    : [
        { remotePrefix: '/tv', localPrefix: library.tv },
        { remotePrefix: '/anime', localPrefix: library.anime },
      ];
}

/** Only the webhook worker, or no worker at all (to look at what the request path queued). */
export function startWebhookService(worker: 'webhook' | 'none'): Promise<TestService> {
  return startTestService({ workers: (deps) => (worker === 'webhook' ? [webhookEventWorker(deps)] : []) });
}

export type WebhookWorld = { svc: TestService; library: Library; connectionIds: Partial<Record<ArrApp, number>> };

/**
 * What the webhook test files run against (call in `beforeAll`): a temp library, the service with
 * the webhook worker or none, and a connection named "Radarr"/"Sonarr" per app in `apps`, mapped
 * from the fixture paths into the library.
 */
export async function openWebhookWorld(worker: 'webhook' | 'none', apps: readonly ArrApp[] = []): Promise<WebhookWorld> {
  const library = makeLibrary();
  const svc = await startWebhookService(worker);
  const connectionIds: WebhookWorld['connectionIds'] = {};
  for (const app of apps) {
    connectionIds[app] = await addConnection(svc, { name: app === 'radarr' ? 'Radarr' : 'Sonarr', kind: app, pathMappings: fixtureMappings(app, library) });
  }
  return { svc, library, connectionIds };
}

/** Stops what `openWebhookWorld` started; safe on a world that failed half-way. */
export async function closeWebhookWorld(world: { svc?: TestService | undefined; library?: Library | undefined }): Promise<void> {
  await world.svc?.stop();
  world.library?.remove();
}

const emptyArrs = new Map<ArrApp, Promise<FakeArrServer>>();

/**
 * A Radarr or Sonarr (one per test file) that knows no items and no root folders: the event job
 * asks it about every imported item, and its 404 leaves the webhook's own facts in charge.
 */
export function emptyArr(kind: ArrApp): Promise<FakeArrServer> {
  let arr = emptyArrs.get(kind);
  if (!arr) {
    const options = { rootFolders: [], apiKey: 'arr-api-key-of-the-empty-fake' };
    arr = (kind === 'radarr' ? startFakeRadarr({ ...options, movies: [] }) : startFakeSonarr({ ...options, series: [] })).then((fake) => fake.unref());
    emptyArrs.set(kind, arr);
  }
  return arr;
}

export async function addConnection(
  svc: TestService,
  input: { name: string; kind: ArrApp; pathMappings?: PathMapping[]; rootFolders?: RootFolderInfo[]; enabled?: boolean },
): Promise<number> {
  const arr = await emptyArr(input.kind);
  const [row] = await svc.deps.database.db
    .insert(connections)
    .values({
      name: input.name,
      kind: input.kind,
      baseUrl: arr.url,
      apiKey: arr.apiKey,
      enabled: input.enabled ?? true,
      pathMappings: input.pathMappings ?? [],
      rootFolders: input.rootFolders ?? [],
    })
    .returning({ id: connections.id });
  if (!row) throw new Error('connection insert returned nothing');
  return row.id;
}

/** Empties what the tests write, so each test starts from no events and no media. */
export async function clearLibraryRows(svc: TestService): Promise<void> {
  const db = svc.deps.database.db;
  await db.delete(webhookEvents);
  await db.delete(media);
}

export function webhookUrl(svc: TestService, app: ArrApp, query = ''): string {
  return `${svc.url}/webhooks/${app}${query}`;
}

export function send(
  svc: TestService,
  app: ArrApp,
  body: unknown,
  options: { query?: string; headers?: Record<string, string>; method?: 'POST' | 'PUT'; auth?: boolean } = {},
): Promise<WebhookReply> {
  const headers = { ...(options.auth === false ? {} : { 'X-Api-Key': svc.apiKey }), ...options.headers };
  return postWebhook(webhookUrl(svc, app, options.query), body, { app, headers, ...(options.method ? { method: options.method } : {}) });
}

export function fixture(app: ArrApp, name: string): JsonObject {
  return arrFixture(app, name);
}

export type EventRow = typeof webhookEvents.$inferSelect;

export async function eventRows(svc: TestService): Promise<EventRow[]> {
  return svc.deps.database.db.select().from(webhookEvents).orderBy(webhookEvents.id);
}

export async function eventRow(svc: TestService, id: number): Promise<EventRow> {
  const [row] = await svc.deps.database.db.select().from(webhookEvents).where(eq(webhookEvents.id, id));
  if (!row) throw new Error(`no webhook event ${id}`);
  return row;
}

export async function mediaRows(svc: TestService): Promise<MediaRow[]> {
  return svc.deps.database.db.select().from(media).orderBy(media.id);
}

/** Jobs of a queue whose payload contains `data` (pg-boss matches it as JSON containment). */
export function jobsWith(svc: TestService, queue: QueueName, data: object) {
  return svc.boss.findJobs<Record<string, unknown>>(queue, { data });
}

/** Runs the event's processing the way its job does (a wait is recorded on the event row). */
export function processEvent(svc: TestService, eventId: number) {
  return processWebhookEvent({ db: svc.deps.database.db, boss: svc.boss }, eventId);
}

/**
 * Records a trailer file of ours for the media row, as the pipeline would after placing it: with
 * the file's real size and mtime when it exists (so it is ours), else made-up ones.
 */
export async function recordTrailer(svc: TestService, mediaId: number, path: string): Promise<void> {
  const db = svc.deps.database.db;
  const info = statSync(path, { throwIfNoEntry: false });
  const identity = info ? { sizeBytes: info.size, mtimeMs: Math.trunc(info.mtimeMs) } : { sizeBytes: 1234, mtimeMs: 1_700_000_000_000 };
  // As the pipeline records it: the item's main trailer, under the main profile's id (issue #19).
  const profileId = (await loadProfile(db, await readSettings(db))).row.id;
  await db.insert(trailers).values({ mediaId, path, ...identity, profileId, sourceUrl: 'http://127.0.0.1/clip' });
  await db.update(media).set({ trailerStatus: 'have' }).where(eq(media.id, mediaId));
}

export async function countRows(svc: TestService, table: 'webhook_events' | 'media'): Promise<number> {
  const result = await svc.deps.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return Number(rowsOf<{ n: number }>(result)[0]?.n);
}

export type RawReply = { status: number; text: string; headers: Record<string, string | string[] | undefined> };

/**
 * A request with exact bytes and headers. `chunks` are written one by one without a
 * Content-Length (chunked transfer) unless `contentLength` is given. Write errors after the
 * server answered (it may stop reading an oversized body) do not hide its answer.
 */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; chunks: Buffer[]; contentLength?: boolean },
): Promise<RawReply> {
  const total = options.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const headers: Record<string, string> = {
    ...(options.contentLength === false ? {} : { 'Content-Length': String(total) }),
    ...options.headers,
  };
  return new Promise((resolve, reject) => {
    let answered = false;
    // A fresh connection per request, like Radarr/Sonarr (Connection: close): after refusing an
    // oversized body the server may close the socket, which must not break the next request.
    const req = httpRequest(url, { method: options.method ?? 'POST', headers, agent: false }, (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(parts).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    const writeNext = (index: number) => {
      if (index >= options.chunks.length || req.destroyed) {
        req.end();
        return;
      }
      const more = req.write(options.chunks[index]!);
      if (more) writeNext(index + 1);
      else req.once('drain', () => writeNext(index + 1));
    };
    writeNext(0);
  });
}
