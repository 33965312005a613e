// Set-up shared by the media-server and notification tests: the real service (all workers, short
// coalescing windows) with a Radarr connection whose /movies is a temp folder here, fake Plex,
// Jellyfin and Emby servers, a fake notification endpoint, and the local clip server.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { connections, media, outbox } from '../../src/db/schema/index.ts';
import { startClipServer, type ClipServer } from '../support/clip-server.ts';
import { startFakeEmby, startFakeJellyfin, startFakePlex, type FakeJellyfin, type FakePlex } from '../support/fake-media-server.ts';
import { startFakeNotify, type FakeNotify } from '../support/fake-notify.ts';
import { startTestService, type TestService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';

export type OutboundWorld = {
  svc: TestService;
  plex: FakePlex;
  jellyfin: FakeJellyfin;
  emby: FakeJellyfin;
  hooks: FakeNotify;
  clips: ClipServer;
  /** Where Radarr's /movies is here. */
  movies: string;
  connectionId: number;
  api(method: string, path: string, body?: unknown): Promise<{ status: number; json: any; text: string }>;
  /** A movie folder with a file, and its media row (as a sync leaves it). */
  addMovie(title: string, year: number, clipId: string, values?: Partial<typeof media.$inferInsert>): Promise<{ mediaId: number; folder: string }>;
  /** Resolves once nothing is waiting in the outbox. */
  outboxDrained(): Promise<void>;
  close(): Promise<void>;
};

let arrId = 500;

export async function startOutboundWorld({ delaySeconds = 1 } = {}): Promise<OutboundWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'previewarr-outbound-'));
  const movies = join(dir, 'movies');
  mkdirSync(movies);
  const clips = await startClipServer();
  const plex = await startFakePlex([{ key: '1', type: 'movie', path: '/data/movies', title: 'Movies' }, { key: '2', type: 'show', path: '/data/tv' }]);
  const jellyfin = await startFakeJellyfin();
  const emby = await startFakeEmby();
  const hooks = await startFakeNotify();
  const svc = await startTestService({
    env: { TRAILER_URL_TEMPLATE: clips.urlTemplate, MEDIA_REFRESH_DELAY_SECONDS: String(delaySeconds), NOTIFY_BATCH_SECONDS: String(delaySeconds), LOG_LEVEL: 'debug' },
  });
  const db = svc.deps.database.db;
  const [connection] = await db
    .insert(connections)
    .values({ name: 'Radarr', kind: 'radarr', baseUrl: 'http://127.0.0.1:9', apiKey: 'radarr-key-outbound', pathMappings: [{ remotePrefix: '/movies', localPrefix: movies }], lastSyncAt: new Date() })
    .returning({ id: connections.id });
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${svc.url}${path}`, {
      method,
      headers: { 'X-Api-Key': svc.apiKey, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, json, text };
  };
  return {
    svc,
    plex,
    jellyfin,
    emby,
    hooks,
    clips,
    movies,
    connectionId: connection!.id,
    api,
    async addMovie(title, year, clipId, values = {}) {
      const name = `${title} (${year})`;
      const folder = join(movies, name);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, `${name}.mkv`), 'not a real movie');
      arrId += 1;
      const [row] = await db
        .insert(media)
        .values({ connectionId: connection!.id, arrId, kind: 'movie', title, year, folderPath: `/movies/${name}`, movieFileRelativePath: `${name}.mkv`, hasFile: true, youTubeTrailerId: clipId, monitored: false, ...values })
        .returning({ id: media.id });
      return { mediaId: row!.id, folder };
    },
    async outboxDrained() {
      await waitFor(async () => (await db.select({ id: outbox.id }).from(outbox)).length === 0, { timeoutMs: 60_000, intervalMs: 100, what: 'the outbox to drain' });
    },
    async close() {
      await svc.stop();
      await Promise.all([plex.server.close(), jellyfin.server.close(), emby.server.close(), hooks.close(), clips.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function mediaStatus(world: OutboundWorld, mediaId: number) {
  const [row] = await world.svc.deps.database.db.select().from(media).where(eq(media.id, mediaId));
  return row;
}
