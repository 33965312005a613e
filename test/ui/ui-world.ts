/**
 * Everything the browser test runs against: the real service with its workers, a fake Radarr
 * whose movies have real (dummy) files in a temp media folder, and the local clip server as the
 * trailer host.
 *   const world = await startUiWorld({ throttled: ['e4XkP1mTq9Z'] });
 *   world.svc.url, world.radarr, world.clips, world.mediaRoot, world.movieFile('Arrival')
 *   await world.close();
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { createFirstAdmin } from '../../src/auth/admin-account.ts';
import { SESSION_COOKIE } from '../../src/auth/session-cookie.ts';
import { createSession } from '../../src/auth/sessions.ts';
import { createConnection } from '../../src/connections/connection-actions.ts';
import { media } from '../../src/db/schema/index.ts';
import { startClipServer, type ClipServer } from '../support/clip-server.ts';
import { startFakeRadarr, type FakeArrServer } from '../support/fake-arr.ts';
import { serveItemPosters } from '../support/make-poster.ts';
import { startTestService, type TestService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';

export const UI_USER = 'admin';
export const UI_PASSWORD = 'correct horse battery';

export type UiWorld = {
  svc: TestService;
  radarr: FakeArrServer;
  clips: ClipServer;
  /** Where Radarr's `/movies` is mounted here. */
  mediaRoot: string;
  movieFile(title: string): string;
  /**
   * What the first browser test does through the pages, done directly: the admin account, a
   * signed-in session cookie for `context`, and the Radarr connection with its first sync done.
   */
  signInWithLibrary(context: BrowserContext): Promise<void>;
  close(): Promise<void>;
};

export async function startUiWorld({ throttled = [] as string[], env = {} as Record<string, string> } = {}): Promise<UiWorld> {
  const mediaRoot = mkdtempSync(join(tmpdir(), 'previewarr-ui-media-'));
  const clips = await startClipServer();
  // Slow enough that a progress bar is seen moving, fast enough for a test.
  for (const id of throttled) clips.behave(id, { kind: 'throttle', bytesPerSecond: 40_000 });
  const radarr = await startFakeRadarr();
  // Not monitored: the backfill leaves them alone, so the only fetches are the ones a test presses.
  for (const [id, movie] of radarr.items) radarr.items.set(id, { ...movie, monitored: false });
  // Real posters for the grid, except the last movie: TMDB has no art for it yet (a placeholder card).
  const lastId = Math.max(...radarr.items.keys());
  radarr.patch(lastId, { images: [] });
  serveItemPosters(radarr);
  const files = new Map<string, string>();
  for (const movie of radarr.items.values()) {
    if (!movie['movieFile']) continue;
    const folder = join(mediaRoot, String(movie['path']).replace(/^\/movies\//, ''));
    mkdirSync(folder, { recursive: true });
    const file = join(folder, String(movie['movieFile']['relativePath']));
    writeFileSync(file, 'not really a movie');
    files.set(String(movie['title']), file);
  }
  const svc = await startTestService({ env: { TRAILER_URL_TEMPLATE: clips.urlTemplate, WORKER_CONCURRENCY: '2', ...env } });
  return {
    svc,
    radarr,
    clips,
    mediaRoot,
    movieFile(title) {
      const file = files.get(title);
      if (!file) throw new Error(`no movie file for ${title}`);
      return file;
    },
    async signInWithLibrary(context) {
      const { db } = svc.deps.database;
      const account = await createFirstAdmin(db, UI_USER, UI_PASSWORD);
      if (!account.ok) throw new Error('the admin account exists already');
      const { cookieValue } = await createSession(db, account.userId);
      await context.addCookies([{ name: SESSION_COOKIE, value: cookieValue, url: svc.url }]);
      const created = await createConnection(svc.deps, {
        name: 'Radarr',
        kind: 'radarr',
        baseUrl: radarr.url,
        apiKey: radarr.apiKey,
        enabled: true,
        pathMappings: [{ remotePrefix: '/movies', localPrefix: mediaRoot }],
      });
      if (!created.ok) throw new Error(created.message);
      await waitFor(async () => (await db.select({ id: media.id }).from(media)).length === radarr.items.size, {
        timeoutMs: 30_000,
        what: 'the first library sync',
      });
    },
    async close() {
      await svc.stop();
      await radarr.close();
      await clips.close();
      rmSync(mediaRoot, { recursive: true, force: true });
    },
  };
}
