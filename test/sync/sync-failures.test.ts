import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertConnection, updateConnectionRow } from '../../src/connections/connection-store.ts';
import { rowsOf } from '../../src/db/client.ts';
import { QUEUES } from '../../src/jobs/queues.ts';
import { syncLibrary, type LibrarySyncOptions, type SyncDeps } from '../../src/sync/library-sync.ts';
import { generateMovies } from '../support/fake-arr-data.ts';
import { startFakeRadarr, startFakeSonarr, type FailureRule, type FakeArrServer } from '../support/fake-arr.ts';
import { testBackend } from '../support/test-db.ts';
import { startTestService, type TestService } from '../support/test-service.ts';

// Short deadlines and no retries, so every failure mode answers within a second.
const FAST: LibrarySyncOptions = { arr: { quick: { timeoutMs: 3_000, retries: 0 }, library: { timeoutMs: 3_000, retries: 0 } } };

describe(`a sync that fails changes nothing (${testBackend})`, () => {
  let svc: TestService;
  let radarr: FakeArrServer;
  let deps: SyncDeps;
  let connectionId: number;
  const movies = generateMovies(60, { rootFolder: '/nonexistent-previewarr-root/movies', seed: 11 });

  const snapshot = async () => ({
    media: rowsOf(await deps.db.execute(sql`select * from media order by id`)),
    jobs: (await svc.boss.findJobs(QUEUES.trailerFetch, { limit: 10_000 })).length,
    lastSyncAt: rowsOf<{ last_sync_at: unknown }>(await deps.db.execute(sql`select last_sync_at from connections where id = ${connectionId}`))[0]?.last_sync_at,
  });
  const health = async () =>
    rowsOf<{ health: { ok: boolean; message: string } }>(await deps.db.execute(sql`select health from connections where id = ${connectionId}`))[0]?.health;

  beforeAll(async () => {
    radarr = await startFakeRadarr({ movies, apiKey: 'radarr-secret-key-0123456789' });
    svc = await startTestService({ workers: () => [] });
    deps = { db: svc.deps.database.db, boss: svc.boss, logger: svc.deps.logger };
    connectionId = (await insertConnection(deps.db, { name: 'Radarr', kind: 'radarr', baseUrl: radarr.url, apiKey: radarr.apiKey })).id;
    const first = await syncLibrary(deps, connectionId, FAST);
    if (!first.ok) throw new Error(first.message);
    // What a successful sync would now change: two movies gone, one retitled.
    radarr.remove(movies[0]?.['id']);
    radarr.remove(movies[1]?.['id']);
    radarr.patch(movies[2]?.['id'], { title: 'Retitled' });
  });
  beforeEach(() => radarr.clearFailures());
  afterAll(async () => {
    await svc?.stop();
    await radarr?.close();
  });

  const cases: Array<{ name: string; rule: FailureRule; kind: string; message: RegExp; retryable: boolean }> = [
    { name: '401 (wrong API key)', rule: { mode: 'status', status: 401 }, kind: 'unauthorized', message: /API key rejected \(HTTP 401\)/, retryable: false },
    { name: '500 on the library', rule: { mode: 'status', status: 500, path: '/api/v3/movie' }, kind: 'http-status', message: /GET .*\/api\/v3\/movie failed: HTTP 500/, retryable: true },
    { name: 'a slow library reply', rule: { mode: 'delay', ms: 9_000, path: '/api/v3/movie' }, kind: 'timeout', message: /no complete reply within 3000 ms/, retryable: true },
    { name: 'garbage JSON', rule: { mode: 'garbage', path: '/api/v3/movie' }, kind: 'unexpected-reply', message: /reply is not JSON/, retryable: false },
    { name: 'an HTML page', rule: { mode: 'html', path: '/api/v3/movie' }, kind: 'unexpected-reply', message: /HTML page: check the URL base/, retryable: false },
    { name: 'the wrong app', rule: { mode: 'wrong-app' }, kind: 'wrong-app', message: /answers as Sonarr .*, not Radarr/, retryable: false },
    { name: 'a reset connection mid-sync', rule: { mode: 'reset', path: '/api/v3/movie' }, kind: 'unreachable', message: /cannot connect/, retryable: true },
  ];

  for (const { name, rule, kind, message, retryable } of cases) {
    it(`${name}: a clear connection status, rows and jobs untouched`, async () => {
      const before = await snapshot();
      radarr.fail(rule);
      const outcome = await syncLibrary(deps, connectionId, FAST);
      expect(outcome).toMatchObject({ ok: false, reason: 'arr-failed', kind, retryable });
      expect(await snapshot()).toEqual(before);
      const stored = await health();
      expect(stored?.ok).toBe(false);
      expect(stored?.message).toMatch(message);
      // Request errors name the connection and URL; "wrong app" is a verdict on a good reply.
      if (kind !== 'wrong-app') expect(stored?.message).toContain(`Radarr connection "Radarr": GET ${radarr.url}/api/v3/`);
      // The fake echoes the key it received in error bodies: it must not reach the status.
      expect(JSON.stringify(stored)).not.toContain(radarr.apiKey);
    });
  }

  it('an unreachable Arr: a clear status, nothing changed', async () => {
    const dead = await startFakeSonarr();
    const deadUrl = dead.url;
    await dead.close();
    await updateConnectionRow(deps.db, connectionId, { baseUrl: deadUrl });
    const before = await snapshot();
    const outcome = await syncLibrary(deps, connectionId, FAST);
    expect(outcome).toMatchObject({ ok: false, kind: 'unreachable', retryable: true });
    expect(await snapshot()).toEqual(before);
    expect((await health())?.message).toMatch(/cannot connect \(ECONNREFUSED\)/);
    await updateConnectionRow(deps.db, connectionId, { baseUrl: radarr.url });
  });

  it('an unidentifiable item in the reply: the rest is synced but nothing is marked removed', async () => {
    radarr.items.set(999_999, { title: 'No id here', path: '/x' });
    const outcome = await syncLibrary(deps, connectionId, FAST);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.report).toMatchObject({ removed: 0, updated: 1 });
    expect(outcome.report.skipped).toEqual([expect.objectContaining({ title: 'No id here' })]);
    expect(rowsOf(await deps.db.execute(sql`select id from media where removed_at is not null`))).toHaveLength(0);
    expect((await health())?.message).toContain('none were marked removed');
    radarr.items.delete(999_999);
  });

  it('a malformed item with an id is skipped, and not taken for removed', async () => {
    const broken = movies[3] as Record<string, unknown>;
    radarr.items.set(broken['id'] as number, { ...broken, title: 42 });
    const outcome = await syncLibrary(deps, connectionId, FAST);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.report.removed).toBe(2);
    expect(outcome.report.skipped).toEqual([expect.objectContaining({ id: broken['id'], why: expect.stringContaining('title') })]);
    const removed = rowsOf<{ arr_id: number }>(await deps.db.execute(sql`select arr_id from media where removed_at is not null order by arr_id`));
    expect(removed.map((row) => row.arr_id)).toEqual([movies[0]?.['id'], movies[1]?.['id']]);
  });
});
