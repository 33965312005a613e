// Promise: an import webhook that got a 2xx is never lost, even when the process is killed with
// SIGKILL in the middle of a burst of them; none is acted on twice after the restart; and the
// imports that got no answer (or were never sent, because the service was down) are caught by the
// next reconcile, from Radarr's own API.
//
// Postgres only: the service runs as a child process while the test reads the same database, and
// the embedded database admits one process at a time (its own crash test is pglite-crash.test.ts).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf, type DatabaseHandle } from '../../src/db/client.ts';
import { startChildService, type ChildService } from '../support/child-service.ts';
import { startFakeRadarr, type FakeArrServer } from '../support/fake-arr.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import { TEST_API_KEY } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';
import { insertRadarrConnection, makeImportLibrary, type ImportLibrary } from './import-library.ts';
import { acknowledged, sendBurst, type BurstReply } from './webhook-burst.ts';

const BURST = 500;

describe.runIf(process.env.TEST_DATABASE_URL)('SIGKILL during a burst of 500 import webhooks (Postgres)', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let library: ImportLibrary;
  let radarr: FakeArrServer;
  let connectionId: number;
  const children: ChildService[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('burst');
    library = makeImportLibrary(BURST, { startId: 20_000, seed: 11 });
    radarr = await startFakeRadarr({ movies: library.movies });
  });

  afterAll(async () => {
    for (const child of children) await child.kill();
    await handle?.close();
    await radarr?.close();
    await database?.drop();
    library?.remove();
  });

  async function start(): Promise<ChildService> {
    const child = await startChildService({
      ...database.env,
      API_KEY: TEST_API_KEY,
      WORKER_CONCURRENCY: '1',
      // The trailer jobs the imports queue must not reach the internet: a yt-dlp that only fails.
      YTDLP_PATH: '/bin/false',
    });
    children.push(child);
    return child;
  }

  const query = async <T,>(statement: ReturnType<typeof sql>) => rowsOf<T>(await handle.db.execute(statement));

  it('keeps every acknowledged event with its job, acts on each once, and the reconcile catches the rest', async () => {
    const first = await start();
    handle = await openDatabase({ databaseUrl: database.databaseUrl!, dataDir: database.dataDir, poolSize: 2 });
    connectionId = await insertRadarrConnection(handle.db, library, { baseUrl: radarr.url, apiKey: radarr.apiKey });
    // Synced just now: no sync at the restart, so only the explicit reconcile below can fill gaps.
    await handle.db.execute(sql`update connections set last_sync_at = now() where id = ${connectionId}`);

    const replies: BurstReply[] = [];
    let killed = false;
    const burst = sendBurst(`${first.url}/webhooks/radarr`, TEST_API_KEY, library.movies, replies, {
      concurrency: 250,
      stop: () => killed,
    });
    await waitFor(() => acknowledged(replies).length >= 120, { timeoutMs: 90_000, what: '120 webhooks acknowledged' });
    await first.kill();
    killed = true;
    await burst;
    const acked = acknowledged(replies);
    expect(acked.length).toBeGreaterThanOrEqual(120);
    // Every answer is an acceptance or a clear refusal; the rest got no answer at all.
    expect(replies.filter((reply) => reply.answered && reply.status !== 202).map((reply) => reply.answered && reply.status)).toEqual([]);
    expect(acked.length).toBeLessThan(BURST);
    // The kill landed mid-burst: some requests were in flight and never answered.
    expect(replies.some((reply) => !reply.answered)).toBe(true);

    const second = await start();
    const ackedIds = acked.map((reply) => reply.eventId!);
    const idList = sql.raw(ackedIds.join(','));
    await waitFor(
      async () => (await query<{ n: number }>(sql`select count(*)::int as n from webhook_events where id in (${idList}) and state = 'processed'`))[0]?.n === ackedIds.length,
      { timeoutMs: 180_000, intervalMs: 500, what: 'every acknowledged event to be processed after the restart' },
    );

    // Each acknowledged event is stored as sent, with exactly one job, which completed.
    const events = await query<{ id: number; raw_body: string }>(sql`select id, raw_body from webhook_events where id in (${idList})`);
    const movieOf = new Map(acked.map((reply) => [reply.eventId!, reply.movieId]));
    expect(events).toHaveLength(ackedIds.length);
    for (const event of events) expect((JSON.parse(event.raw_body) as { movie: { id: number } }).movie.id).toBe(movieOf.get(Number(event.id)));
    const jobs = await query<{ event_id: number; n: number; states: string }>(sql`
      select (data->>'eventId')::int as event_id, count(*)::int as n, string_agg(state::text, ',') as states
      from pgboss.job where name = 'webhook-event' and (data->>'eventId')::int in (${idList}) group by 1`);
    expect(jobs).toHaveLength(ackedIds.length);
    expect(jobs.filter((job) => job.n !== 1 || job.states !== 'completed')).toEqual([]);

    // Acted on once: one "processed" per event over both processes' lives, one row per movie, and
    // one trailer job per item from the import (re-schedules of a failed fetch carry a retry count).
    const processed = [...first.logs, ...second.logs].filter((line) => line.msg === 'webhook event processed');
    const perEvent = new Map<number, number>();
    for (const line of processed) perEvent.set(Number(line.eventId), (perEvent.get(Number(line.eventId)) ?? 0) + 1);
    expect([...perEvent.entries()].filter(([, count]) => count > 1)).toEqual([]);
    const mediaCounts = await query<{ arr_id: number; n: number }>(sql`
      select arr_id, count(*)::int as n from media where connection_id = ${connectionId} group by arr_id having count(*) > 1`);
    expect(mediaCounts).toEqual([]);
    const fetchCounts = await query<{ media_id: number; n: number }>(sql`
      select (data->>'mediaId')::int as media_id, count(*)::int as n from pgboss.job
      where name = 'trailer-fetch' and not (data ? 'retry') group by 1 having count(*) > 1`);
    expect(fetchCounts).toEqual([]);

    // The next reconcile reads Radarr's library and catches every import that was not kept.
    const sync = await fetch(`${second.url}/api/v1/sync`, { method: 'POST', headers: { 'X-Api-Key': TEST_API_KEY } });
    expect(sync.status).toBe(202);
    const [queued] = ((await sync.json()) as { queued: Array<{ jobId: string | null }> }).queued;
    expect(queued?.jobId).toBeTruthy();
    await waitFor(
      async () => (await query<{ state: string }>(sql`select state::text from pgboss.job where id = ${queued!.jobId}::uuid`))[0]?.state === 'completed',
      { timeoutMs: 120_000, intervalMs: 500, what: 'the reconcile library sync to complete' },
    );
    const known = new Set((await query<{ arr_id: number }>(sql`select arr_id from media where connection_id = ${connectionId}`)).map((row) => Number(row.arr_id)));
    expect(library.movies.filter((movie) => !known.has(movie.id)).map((movie) => movie.id)).toEqual([]);
    const withFetch = new Set(
      (await query<{ arr_id: number }>(sql`
        select distinct m.arr_id from media m join pgboss.job j on j.name = 'trailer-fetch' and (j.data->>'mediaId')::bigint = m.id
        where m.connection_id = ${connectionId}`)).map((row) => Number(row.arr_id)),
    );
    const ackedMovies = new Set(acked.map((reply) => reply.movieId));
    const missed = library.movies.filter((movie) => !ackedMovies.has(movie.id) && movie.monitored);
    expect(missed.length).toBeGreaterThan(0);
    expect(missed.filter((movie) => !withFetch.has(movie.id)).map((movie) => movie.id)).toEqual([]);
    const fetchCountsAfter = await query<{ media_id: number; n: number }>(sql`
      select (data->>'mediaId')::int as media_id, count(*)::int as n from pgboss.job
      where name = 'trailer-fetch' and not (data ? 'retry') group by 1 having count(*) > 1`);
    expect(fetchCountsAfter).toEqual([]);
  }, 480_000);
});
