// A service killed (SIGKILL, like a power cut or `docker kill`) in the middle of converting a
// trailer leaves its hidden partial file in the media folder and its raw download in
// DATA_DIR/work — and nothing at the trailer's real name. The next start removes both, and the
// interrupted job runs again at once and places exactly one trailer.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { runMigrations } from '../../src/db/migrate.ts';
import { trailerProfiles } from '../../src/db/schema/index.ts';
import { isPartialName } from '../../src/domain/trailer-name.ts';
import { createBoss, startBoss } from '../../src/jobs/boss.ts';
import { createLogger } from '../../src/logger.ts';
import { pipelineWorkers } from '../../src/pipeline/pipeline-workers.ts';
import { workRootOf } from '../../src/pipeline/pipeline-runtime.ts';
import { ensureDefaultProfile } from '../../src/pipeline/trailer-profile.ts';
import { eventually, processesMentioning } from '../media-tools/running-processes.ts';
import { startClipServer, type ClipServer } from '../support/clip-server.ts';
import { makeClip } from '../support/make-clip.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import { startTestService, TEST_API_KEY, type TestService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';
import { attemptRows, ffmpeg, insertConnection, insertMovie, listFiles, makeMediaRoot, removeMediaRoot, trailerRows, waitForStatus } from './pipeline-fixture.ts';

let clips: ClipServer;
let database: TestDatabase;
let root: string;
let child: ChildProcess | undefined;
let svc: TestService | undefined;

beforeAll(async () => {
  root = await makeMediaRoot('killed');
  clips = await startClipServer();
  database = await createTestDatabase('killed');
});

afterAll(async () => {
  if (child?.pid !== undefined && !childGone()) process.kill(-child.pid, 'SIGKILL');
  await svc?.stop();
  await clips?.close();
  if (svc === undefined) await database?.drop();
  await removeMediaRoot(root);
});

/** Rows and the job, written before the service starts (PGlite admits one process at a time). */
async function seed(folder: string): Promise<number> {
  const handle = await openDatabase({ dataDir: database.dataDir, ...(database.databaseUrl !== undefined ? { databaseUrl: database.databaseUrl } : {}) });
  try {
    await runMigrations(handle);
    const boss = createBoss(handle);
    await startBoss(boss, handle, createLogger('silent'));
    await ensureDefaultProfile(handle.db);
    // hevc at x265's slowest preset: the conversion runs long enough to be killed in the middle.
    await handle.db.update(trailerProfiles).set({ videoCodec: 'hevc', preset: 'veryslow' });
    const connectionId = await insertConnection(handle.db, root);
    const mediaId = await insertMovie(handle.db, { connectionId, folder, title: 'Killed', youTubeTrailerId: 'killClip001' });
    await boss.send('trailer-fetch', { mediaId, reason: 'import' });
    await boss.stop({ graceful: false, close: false });
    return mediaId;
  } finally {
    await handle.close();
  }
}

const childGone = (): boolean => child === undefined || child.exitCode !== null || child.signalCode !== null;

function serviceEnv(): Record<string, string> {
  return { TRAILER_URL_TEMPLATE: clips.urlTemplate, API_KEY: TEST_API_KEY, WORKER_CONCURRENCY: '1', ...database.env };
}

describe('a killed run', () => {
  it('leaves nothing at the final name and is cleaned up and finished on restart', async () => {
    clips.behave('killClip001', { kind: 'clip', file: await makeClip({ width: 640, height: 360, rate: 25, seconds: 10 }) });
    const folder = path.join(root, 'Killed (2020)');
    const mediaId = await seed(folder);
    const finalPath = path.join(folder, 'Killed (2020)-trailer.mkv');

    const log = createWriteStream(path.join(database.dataDir, 'child.log'));
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, ...serviceEnv(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const partial = await waitFor(
      async () => {
        // ffmpeg creates its output at start; the first bytes may take a while at this preset.
        const name = (await readdir(folder)).find(isPartialName);
        return name !== undefined ? path.join(folder, name) : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 20, what: 'the conversion to start writing its partial file' },
    ).catch(async (error: unknown) => {
      // The child's own log says why it never got there.
      throw new Error(`${String(error)}\n--- service log ---\n${(await readFile(path.join(database.dataDir, 'child.log'), 'utf8')).slice(-4000)}`);
    });

    // Kill the service and, as a container stop would, the tools it started.
    process.kill(-child.pid!, 'SIGKILL');
    for (const pid of await processesMentioning(folder)) process.kill(pid, 'SIGKILL');
    expect(await eventually(async () => (await processesMentioning(folder)).length === 0 && childGone())).toBe(true);
    expect(existsSync(partial)).toBe(true);
    expect(existsSync(finalPath)).toBe(false);
    const workRoot = workRootOf({ DATA_DIR: database.dataDir });
    expect((await readdir(workRoot)).length).toBe(1);

    // Restart in-process with a profile the download already fits, so the retry is a quick remux.
    const handle = await openDatabase({ dataDir: database.dataDir, ...(database.databaseUrl !== undefined ? { databaseUrl: database.databaseUrl } : {}) });
    await handle.db.update(trailerProfiles).set({ videoCodec: 'h264', preset: 'veryfast' });
    await handle.close();
    svc = await startTestService({ database, env: { ...serviceEnv(), LOG_LEVEL: 'info' }, workers: (deps) => pipelineWorkers(deps) });
    const cleaned = svc.logs.find((line) => line['msg'] === 'cleaned up after an interrupted run');
    expect(cleaned?.['partialFilesRemoved']).toEqual([partial]);
    expect(cleaned?.['interruptedAttempts']).toBe(1);

    const db = svc.deps.database.db;
    const row = await waitForStatus(db, mediaId, ['have', 'needs-attention'], 90_000);
    expect(row.trailerStatus).toBe('have');
    expect(await listFiles(folder)).toEqual(['Killed (2020)-trailer.mkv', 'Killed (2020).mkv']);
    expect(await readdir(workRoot)).toEqual([]);
    const probe = await ffmpeg.probe(finalPath);
    expect(probe.video).toMatchObject({ codec: 'h264', width: 640, height: 360 });
    expect(probe.durationSeconds).toBeGreaterThan(9.5);
    expect((await attemptRows(db, mediaId)).map((a) => [a.outcome, a.errorKind])).toEqual([
      ['failed', 'interrupted'],
      ['succeeded', null],
    ]);
    expect((await trailerRows(db, mediaId)).map((t) => t.state)).toEqual(['present']);
  }, 300_000);
});
