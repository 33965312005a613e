// Scale-out on PostgreSQL: one ROLE=web and three ROLE=worker processes (the real service, each
// its own process) share the work, the YouTube cool-off and the failures. Downloads come from the
// local clip server through the real yt-dlp and ffmpeg. PostgreSQL only: the embedded database
// admits one process.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/client.ts';
import { createFfmpeg } from '../../src/media-tools/ffmpeg.ts';
import { workRootOf } from '../../src/pipeline/pipeline-runtime.ts';
import { createAdmin, type AdminSession } from '../guarantees/admin-session.ts';
import { startClipServer, type ClipServer } from '../support/clip-server.ts';
import { makeClip } from '../support/make-clip.ts';
import { createTestDatabase, testBackend, type TestDatabase } from '../support/test-db.ts';
import { TEST_API_KEY } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';
import { startCluster, startLibrary, type Cluster, type TestLibrary } from './scale-cluster.ts';

const BACKFILL_ITEMS = 300;

type AttemptRow = { media_id: number; outcome: string; error_kind: string | null; worker: string | null; started_at: Date; video_id: string };

describe.skipIf(testBackend !== 'postgres')('one web and three worker processes on PostgreSQL (PostgreSQL only: the embedded database admits one process)', () => {
  let database: TestDatabase;
  let clips: ClipServer;
  let cluster: Cluster;
  let admin: AdminSession;
  const libraries: TestLibrary[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('scale-out');
    clips = await startClipServer();
    cluster = await startCluster({ database, clips, workers: 3 });
    admin = await createAdmin(cluster.web);
  }, 180_000);

  afterAll(async () => {
    await cluster?.close();
    await clips?.close();
    for (const library of libraries) {
      await library.radarr.close();
      library.remove();
    }
    await database?.drop();
  });

  async function library(count: number, startId: number): Promise<TestLibrary> {
    const made = await startLibrary(count, startId);
    libraries.push(made);
    return made;
  }

  async function attempts(where = sql`true`): Promise<AttemptRow[]> {
    const result = await cluster.handle.db.execute(
      sql`select media_id::int, outcome, error_kind, worker, started_at, source_video_id as video_id from download_attempts where ${where} order by id`,
    );
    return rowsOf<AttemptRow>(result);
  }

  async function statusOf(lib: TestLibrary): Promise<Record<string, number>> {
    const ids = lib.movies.map((movie) => Number(movie.id));
    const result = await cluster.handle.db.execute(
      sql`select m.trailer_status as status, count(*)::int as n from media m join connections c on c.id = m.connection_id
          where c.base_url = ${lib.radarr.url} and m.arr_id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}) group by 1`,
    );
    return Object.fromEntries(rowsOf<{ status: string; n: number }>(result).map((row) => [row.status, row.n]));
  }

  async function mediaIdsOf(lib: TestLibrary): Promise<number[]> {
    const ids = lib.movies.map((movie) => Number(movie.id));
    const result = await cluster.handle.db.execute(
      sql`select m.id::int as id from media m join connections c on c.id = m.connection_id
          where c.base_url = ${lib.radarr.url} and m.arr_id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`,
    );
    return rowsOf<{ id: number }>(result).map((row) => row.id);
  }

  const workerPids = () => cluster.workers.map((worker) => worker.pid);
  const pidOf = (worker: string | null) => Number(worker?.split(':')[1]);

  /** Trailer files in each movie folder of the library (name → count). */
  function trailerFiles(lib: TestLibrary): string[][] {
    return lib.movies.map((movie) => readdirSync(lib.localFolder(movie)).filter((name) => name.includes('-trailer.')));
  }

  it(`back-fills ${BACKFILL_ITEMS} items: each gets one trailer, each clip is downloaded once, every worker's progress streams to the web dashboard`, async () => {
    const lib = await library(BACKFILL_ITEMS, 1000);
    const controller = new AbortController();
    const live = await fetch(`${cluster.web.url}/live/dashboard`, { headers: { Cookie: admin.cookie }, signal: controller.signal });
    expect(live.headers.get('content-type')).toContain('text/event-stream');
    const streamed = new Set<number>();
    const reading = (async () => {
      const decoder = new TextDecoder();
      const reader = live.body!.getReader();
      let text = '';
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        text += decoder.decode(value, { stream: true });
        for (const match of text.matchAll(/data-media-id="(\d+)" data-stage="(downloading|converting)"/g)) streamed.add(Number(match[1]));
        text = text.slice(-4000);
      }
    })();

    await cluster.syncLibrary(lib);
    await waitFor(async () => (await statusOf(lib))['have'] === BACKFILL_ITEMS, {
      timeoutMs: 900_000,
      intervalMs: 1000,
      what: `all ${BACKFILL_ITEMS} trailers (${JSON.stringify(await statusOf(lib))})`,
    });
    controller.abort();
    await reading;

    // Exactly one trailer file per movie, and it is a real video.
    const files = trailerFiles(lib);
    expect(files.filter((names) => names.length !== 1)).toEqual([]);
    const probe = await createFfmpeg({ ffmpegPath: 'ffmpeg', ffprobePath: 'ffprobe' }).probe(join(lib.localFolder(lib.movies[0]!), files[0]![0]!));
    expect(probe.durationSeconds).toBeGreaterThan(1.5);

    // The clip server saw each id fetched by one yt-dlp run: its generic extractor GETs a direct
    // video URL once to recognise it and once to download it, so one run is two GETs, a second
    // download of the same id would be four.
    const served = new Map<string, number>();
    for (const request of clips.requests) {
      if (request.id !== undefined && request.method === 'GET' && request.status === 200) served.set(request.id, (served.get(request.id) ?? 0) + 1);
    }
    expect([...served.keys()].sort()).toEqual([...lib.trailerIds].sort());
    expect([...served.values()].filter((count) => count !== 2)).toEqual([]);

    // One attempt per item, all succeeded, shared between all three workers; no web-process download.
    const rows = await attempts();
    expect(rows).toHaveLength(BACKFILL_ITEMS);
    expect(rows.filter((row) => row.outcome !== 'succeeded')).toEqual([]);
    const byWorker = new Map<number, number[]>();
    for (const row of rows) byWorker.set(pidOf(row.worker), [...(byWorker.get(pidOf(row.worker)) ?? []), row.media_id]);
    expect([...byWorker.keys()].sort()).toEqual([...workerPids()].sort());

    // The web process's live dashboard showed downloads of every worker.
    for (const [pid, mediaIds] of byWorker) {
      expect(mediaIds.some((id) => streamed.has(id)), `a download by worker ${pid} on the live dashboard`).toBe(true);
    }
  }, 1_000_000);

  it('workers whose database connections are cut mid-work reconnect on their own and finish the work', async () => {
    const lib = await library(9, 5000);
    await cluster.syncLibrary(lib);
    // Cut every connection to the database (the server's side, as a restart or a network cut
    // does) while the workers are downloading.
    await waitFor(async () => (await statusOf(lib))['downloading'] !== undefined, { timeoutMs: 120_000, intervalMs: 100, what: 'downloads to be running' });
    const cut = await cluster.handle.db.execute(
      sql`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
    );
    expect(rowsOf<{ n: number }>(cut)[0]!.n).toBeGreaterThan(0);
    await waitFor(async () => (await statusOf(lib))['have'] === 9, {
      timeoutMs: 240_000,
      intervalMs: 500,
      what: `the trailers after the cut (${JSON.stringify(await statusOf(lib).catch(() => ({})))})`,
    });
    for (const worker of cluster.workers) {
      expect(worker.process.exitCode).toBeNull();
      expect((await fetch(`${worker.url}/readyz`)).status).toBe(200);
    }
    expect(trailerFiles(lib).every((names) => names.length === 1)).toBe(true);
    // Whatever the cut interrupted was tried again; every item ended with one succeeded attempt.
    const ids = (await mediaIdsOf(lib)).join(',');
    const succeeded = await attempts(sql`outcome = 'succeeded' and media_id = any(${`{${ids}}`}::bigint[])`);
    expect(succeeded).toHaveLength(9);
  }, 300_000);

  it('a worker SIGKILLed mid-download: another worker takes the job over and the item ends with one trailer', async () => {
    await waitFor(async () => (await attempts(sql`outcome = 'running'`)).length === 0, { timeoutMs: 120_000, what: 'earlier work to finish' });
    const lib = await library(1, 6000);
    const [movie] = lib.movies;
    const id = lib.trailerIds[0]!;
    // A 10 s clip served at 40 kB/s: the download runs for many seconds.
    const slow = await makeClip({ width: 640, height: 360, rate: 25, seconds: 10 });
    clips.behave(id, { kind: 'throttle', bytesPerSecond: 40_000, file: slow });
    await cluster.syncLibrary(lib);
    await waitFor(() => clips.requests.some((request) => request.id === id && request.status === 200), { timeoutMs: 120_000, what: 'the slow download to start' });
    const [running] = await attempts(sql`source_video_id = ${id} and outcome = 'running'`);
    const victim = cluster.workers.find((worker) => worker.pid === pidOf(running!.worker ?? null))!;
    expect(victim).toBeDefined();
    await victim.kill();
    cluster.workers.splice(cluster.workers.indexOf(victim), 1);
    const folder = lib.localFolder(movie!);
    expect(readdirSync(folder)).toEqual([]);

    clips.behave(id, { kind: 'clip', file: slow });
    await waitFor(async () => (await statusOf(lib))['have'] === 1, { timeoutMs: 180_000, intervalMs: 500, what: 'another worker to finish the item' });
    const files = readdirSync(folder);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/-trailer\.mkv$/);
    const probe = await createFfmpeg({ ffmpegPath: 'ffmpeg', ffprobePath: 'ffprobe' }).probe(join(folder, files[0]!));
    expect(probe.durationSeconds).toBeGreaterThan(9.5);
    const rows = await attempts(sql`source_video_id = ${id}`);
    expect(rows.map((row) => [row.outcome, row.error_kind])).toEqual([
      ['failed', 'interrupted'],
      ['succeeded', null],
    ]);
    expect(pidOf(rows[1]!.worker)).not.toBe(victim.pid);
    expect(readdirSync(workRootOf({ DATA_DIR: database.dataDir }))).toEqual([]);
  }, 300_000);

  it('a 429 seen by one worker pauses every worker, and the dashboard shows one cool-off', async () => {
    await cluster.addWorker();
    const lib = await library(40, 7000);
    const throttled = await makeClip();
    for (const id of lib.trailerIds) clips.behave(id, { kind: 'throttle', bytesPerSecond: 100_000, file: throttled });
    await cluster.syncLibrary(lib);
    await waitFor(async () => ((await statusOf(lib))['have'] ?? 0) >= 4, { timeoutMs: 180_000, intervalMs: 200, what: 'the first downloads' });
    clips.failNext(429);
    const limited = await waitFor(() => clips.requests.find((request) => request.status === 429), { timeoutMs: 60_000, what: 'a 429' });
    const coolOff = await waitFor(
      async () => {
        const res = await fetch(`${cluster.web.url}/api/v1/status`, { headers: { 'X-Api-Key': TEST_API_KEY } });
        const body = (await res.json()) as { rateLimit: { coolingOff: boolean; until?: string } };
        return body.rateLimit.coolingOff ? body.rateLimit : undefined;
      },
      { timeoutMs: 30_000, what: 'the cool-off on the status API' },
    );
    // The worker that saw the 429 stored the cool-off, then closed its attempt.
    await waitFor(async () => (await attempts(sql`source_video_id = ${limited.id!} and outcome = 'failed' and error_kind = 'rate-limited'`)).length === 1, {
      timeoutMs: 30_000,
      what: 'the rate-limited attempt',
    });

    // Watch for 12 s: downloads already past the gate may finish, none may start anywhere (1 s of
    // grace for a download that passed the gate while the cool-off was being written).
    const watchUntil = Date.now() + 12_000;
    await waitFor(() => Date.now() > watchUntil, { timeoutMs: 20_000, intervalMs: 250, what: 'the watch window' });
    const startedDuring = await attempts(
      sql`started_at > (select finished_at + interval '1 second' from download_attempts where source_video_id = ${limited.id!} and error_kind = 'rate-limited')`,
    );
    expect(startedDuring).toEqual([]);
    expect(clips.requests.filter((request) => request.at > watchUntil - 10_000)).toEqual([]);
    const status = await statusOf(lib);
    expect((status['queued'] ?? 0) + (status['missing'] ?? 0)).toBeGreaterThan(10);
    expect(new Date(coolOff.until!).getTime()).toBeGreaterThan(Date.now());

    // One cool-off on the web process's dashboard.
    const page = await (await fetch(`${cluster.web.url}/`, { headers: { Cookie: admin.cookie } })).text();
    expect(page.match(/Downloads are paused/g)).toHaveLength(1);
  }, 300_000);
});
