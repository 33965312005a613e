// The YouTube cool-off is asked before every download, not only when a job starts: with several
// worker processes, another process may hit a rate limit while this job is busy with its first
// candidate, and the job must then not start its next download.
import path from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimitGate } from '../../src/pipeline/rate-limit-gate.ts';
import { startClipServer, type ClipServer } from '../support/clip-server.ts';
import type { TestService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';
import { testBackend } from '../support/test-db.ts';
import { attemptRows, enqueueFetch, insertConnection, insertMovie, makeMediaRoot, mediaRow, removeMediaRoot, startPipelineService } from './pipeline-fixture.ts';

let clips: ClipServer;
let svc: TestService;
let root: string;

beforeAll(async () => {
  root = await makeMediaRoot('cool-off-candidates');
  clips = await startClipServer({ unknownIds: 'not-found' });
  // The second candidate comes from a (recorded) search; it must never be downloaded.
  const fixture = JSON.parse(await readFile(path.join(import.meta.dirname, '../fixtures/ytdlp-search/dune-2021.flat.json'), 'utf8')) as { entries: unknown[] };
  svc = await startPipelineService({ clips, pipeline: { search: async () => fixture.entries } });
});

afterAll(async () => {
  await svc?.stop();
  await clips?.close();
  await removeMediaRoot(root);
});

describe(`the cool-off between two candidates of one job (${testBackend})`, () => {
  it('a cool-off stored by another process while the first candidate downloads stops the second', async () => {
    const db = svc.deps.database.db;
    // Radarr's trailer id serves 60 kB that are no video, slowly: a permanent failure after ~2 s,
    // after which the job would go on to the best search result.
    const junk = path.join(root, 'junk.mp4');
    await writeFile(junk, Buffer.alloc(60_000, 7));
    clips.behave('radarrJunk1', { kind: 'throttle', bytesPerSecond: 30_000, file: junk });
    const connectionId = await insertConnection(db, root);
    const mediaId = await insertMovie(db, {
      connectionId,
      folder: path.join(root, 'Dune (2021)'),
      title: 'Dune',
      year: 2021,
      youTubeTrailerId: 'radarrJunk1',
    });
    await enqueueFetch(svc, { mediaId, reason: 'import' });

    // While the first candidate downloads, "another worker" stores a cool-off in the database.
    await waitFor(() => clips.requests.some((request) => request.id === 'radarrJunk1' && request.status === 200), { timeoutMs: 60_000, intervalMs: 10, what: 'the first download' });
    await new RateLimitGate(db, { clock: Date }).reportRateLimited('HTTP 429 seen by another worker');

    await waitFor(async () => (await attemptRows(db, mediaId)).some((attempt) => attempt.outcome === 'failed'), { timeoutMs: 60_000, what: 'the first candidate to fail' });
    const row = await waitFor(async () => {
      const current = await mediaRow(db, mediaId);
      return current?.trailerStatus === 'queued' ? current : undefined;
    }, { timeoutMs: 30_000, what: 'the item to wait for the cool-off' });
    expect(row.statusReason).toContain('waiting for the YouTube cool-off');
    const attempts = await attemptRows(db, mediaId);
    expect(attempts.map((attempt) => [attempt.sourceVideoId, attempt.outcome, attempt.errorKind])).toEqual([['radarrJunk1', 'failed', 'permanent']]);
    expect(clips.requests.filter((request) => request.id !== 'radarrJunk1')).toEqual([]);
  });
});
