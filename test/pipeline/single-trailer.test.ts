// No loop and no race can leave a second trailer: two jobs for one item at once, repeated
// imports, a forced re-fetch and choosing another candidate all end with exactly one trailer
// file and one present row. A trailer that was already there is never overwritten unasked.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClipServer } from '../support/clip-server.ts';
import { makeClip } from '../support/make-clip.ts';
import type { TestService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';
import {
  attemptRows,
  enqueueFetch,
  insertMovie,
  listFiles,
  trailerRows,
  waitForStatus,
  closePipelineWorld,
  openPipelineWorld,
} from './pipeline-fixture.ts';

let clips: ClipServer;
let svc: TestService;
let root: string;
let connectionId: number;

beforeAll(async () => {
  ({ root, clips, svc, connectionId } = await openPipelineWorld('single', {
    // Slow enough that two jobs for one item really overlap.
    prepareClips: async (clips) => {
      clips.behave('slowClip001', { kind: 'throttle', bytesPerSecond: 150_000 });
      clips.behave('otherClip01', { kind: 'clip', file: await makeClip({ width: 352, height: 288 }) });
    },
    env: { WORKER_CONCURRENCY: '3' },
    pipeline: { busyRetryMs: 1_000 },
  }));
});

afterAll(async () => {
  await closePipelineWorld({ svc, clips, root });
});

const trailerFiles = async (folder: string) => (await listFiles(folder)).filter((name) => name.includes('-trailer') || name.includes('previewarr-partial'));

describe('one trailer per item', () => {
  it('survives two jobs at once, a repeated import, a forced re-fetch and a chosen candidate', async () => {
    const db = svc.deps.database.db;
    const folder = path.join(root, 'Only One (2020)');
    const mediaId = await insertMovie(db, { connectionId, folder, youTubeTrailerId: 'slowClip001' });
    await Promise.all([enqueueFetch(svc, { mediaId, reason: 'import' }), enqueueFetch(svc, { mediaId, reason: 'backfill' })]);
    expect((await waitForStatus(db, mediaId, ['have', 'needs-attention'])).trailerStatus).toBe('have');
    expect(await trailerFiles(folder)).toEqual(['Only One (2020)-trailer.mkv']);
    expect((await trailerRows(db, mediaId)).filter((r) => r.state === 'present')).toHaveLength(1);
    const attemptsAfterFirst = (await attemptRows(db, mediaId)).filter((a) => a.outcome === 'succeeded');
    expect(attemptsAfterFirst).toHaveLength(1);

    // The Arr sends the import again: nothing is downloaded.
    await enqueueFetch(svc, { mediaId, reason: 'import' });
    await waitForStatus(db, mediaId, ['have']);
    const jobs = await svc.boss.findJobs('trailer-fetch', { data: { mediaId } });
    await expectJobsSettled(jobs.map((j) => j.id));
    expect((await attemptRows(db, mediaId)).filter((a) => a.outcome === 'succeeded')).toHaveLength(1);

    // The user forces a re-fetch, then picks another candidate: replaced in place each time.
    await enqueueFetch(svc, { mediaId, reason: 'user', force: true });
    await waitForSucceeded(mediaId, 2);
    await enqueueFetch(svc, { mediaId, reason: 'user', videoId: 'otherClip01' });
    await waitForSucceeded(mediaId, 3);
    expect(await trailerFiles(folder)).toEqual(['Only One (2020)-trailer.mkv']);
    const rows = await trailerRows(db, mediaId);
    expect(rows.filter((r) => r.state === 'present').map((r) => r.sourceVideoId)).toEqual(['otherClip01']);
    expect(rows.filter((r) => r.state === 'removed')).toHaveLength(2);
  }, 240_000);

  it('keeps a trailer that was already there, unless the user forces a replacement', async () => {
    const db = svc.deps.database.db;
    const folder = path.join(root, 'Had One (2020)');
    await mkdir(folder, { recursive: true });
    const theirs = path.join(folder, 'Had One (2020)-trailer.mkv');
    await writeFile(theirs, 'their own trailer');
    const mediaId = await insertMovie(db, { connectionId, folder, youTubeTrailerId: 'otherClip01' });
    await enqueueFetch(svc, { mediaId, reason: 'import' });
    const row = await waitForStatus(db, mediaId, ['external', 'have', 'needs-attention']);
    expect(row.trailerStatus).toBe('external');
    expect(row.externalTrailerPath).toBe(theirs);
    expect(await readFile(theirs, 'utf8')).toBe('their own trailer');
    expect(await attemptRows(db, mediaId)).toEqual([]);

    await enqueueFetch(svc, { mediaId, reason: 'user', force: true });
    await waitForSucceeded(mediaId, 1);
    expect(await trailerFiles(folder)).toEqual(['Had One (2020)-trailer.mkv']);
    expect(await readFile(theirs, 'utf8')).not.toBe('their own trailer');
    expect((await trailerRows(db, mediaId)).map((r) => r.state)).toEqual(['present']);
  }, 120_000);
});

async function waitForSucceeded(mediaId: number, count: number): Promise<void> {
  await waitFor(async () => (await attemptRows(svc.deps.database.db, mediaId)).filter((a) => a.outcome === 'succeeded').length === count, {
    timeoutMs: 60_000,
    what: `${count} successful attempts of item ${mediaId}`,
  });
  await waitForStatus(svc.deps.database.db, mediaId, ['have']);
}

async function expectJobsSettled(ids: string[]): Promise<void> {
  await waitFor(async () => {
    const jobs = await svc.boss.findJobs('trailer-fetch', {});
    return jobs.filter((j) => ids.includes(j.id)).every((j) => j.state === 'completed');
  }, { what: 'the jobs to complete' });
}
