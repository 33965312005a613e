// Transient failures re-schedule the item with growing backoff (recorded in the attempt and as a
// new job with its start time) and give up after the limit; an HTTP 429 starts the YouTube
// cool-off, which every download — of any item — then waits out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { readRateLimitStatus } from '../../src/pipeline/rate-limit-gate.ts';
import { type ClipServer } from '../support/clip-server.ts';
import type { TestService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';
import {
  attemptRows,
  enqueueFetch,
  insertMovie,
  mediaRow,
  trailerRows,
  waitForStatus,
  closePipelineWorld,
  openPipelineWorld,
} from './pipeline-fixture.ts';

const COOL_OFF_MS = 4_000;
let clips: ClipServer;
let svc: TestService;
let root: string;
let connectionId: number;

beforeAll(async () => {
  ({ root, clips, svc, connectionId } = await openPipelineWorld('retries', {
    clipServer: { unknownIds: 'not-found' },
    pipeline: {
      // 1.5 s, 3 s, 6 s … (random fixed at the middle of the jitter range).
      backoff: { baseMs: 2_000, maxMs: 60_000, factor: 2 },
      random: () => 0.5,
      maxTransientRetries: 2,
      rateLimit: { baseCooldownMs: COOL_OFF_MS },
    },
  }));
});

afterAll(async () => {
  await closePipelineWorld({ svc, clips, root });
});

async function firstFailure(mediaId: number) {
  return waitFor(async () => (await attemptRows(svc.deps.database.db, mediaId)).find((a) => a.outcome === 'failed'), {
    what: `a failed attempt of item ${mediaId}`,
    timeoutMs: 60_000,
  });
}

describe('transient failures', () => {
  it('re-schedules with backoff after an HTTP 500, then succeeds', async () => {
    const db = svc.deps.database.db;
    clips.behave('flaky500001', { kind: 'status', status: 500 });
    const mediaId = await insertMovie(db, { connectionId, folder: path.join(root, 'Flaky (2020)'), youTubeTrailerId: 'flaky500001' });
    await enqueueFetch(svc, { mediaId, reason: 'import' });

    const failed = await firstFailure(mediaId);
    clips.behave('flaky500001', { kind: 'clip' });
    expect(failed.errorKind).toBe('transient');
    expect(failed.error).toContain('HTTP 5xx');
    expect(failed.nextTryAt).not.toBeNull();
    const delay = failed.nextTryAt!.getTime() - failed.finishedAt!.getTime();
    expect(delay).toBeGreaterThan(1_000);
    expect(delay).toBeLessThan(2_500);
    const retryJobs = (await svc.boss.findJobs<{ mediaId: number; retry?: number }>('trailer-fetch', { data: { mediaId, retry: 1 } }));
    expect(retryJobs).toHaveLength(1);
    expect(Math.abs(retryJobs[0]!.startAfter.getTime() - failed.nextTryAt!.getTime())).toBeLessThan(1_000);
    expect(retryJobs[0]!.priority).toBe(10);

    const row = await waitForStatus(db, mediaId, ['have', 'needs-attention']);
    expect(row.trailerStatus).toBe('have');
    const attempts = await attemptRows(db, mediaId);
    expect(attempts.at(-1)?.outcome).toBe('succeeded');
    expect(attempts.slice(0, -1).every((a) => a.errorKind === 'transient')).toBe(true);
    expect(await trailerRows(db, mediaId)).toHaveLength(1);
  });

  it('gives up after the retry limit and says why', async () => {
    const db = svc.deps.database.db;
    clips.behave('always50001', { kind: 'status', status: 503 });
    const mediaId = await insertMovie(db, { connectionId, folder: path.join(root, 'Down (2020)'), youTubeTrailerId: 'always50001' });
    await enqueueFetch(svc, { mediaId, reason: 'import' });
    const row = await waitForStatus(db, mediaId, ['have', 'needs-attention']);
    expect(row.trailerStatus).toBe('needs-attention');
    expect(row.statusReason).toMatch(/^gave up after 3 tries: server error \(HTTP 5xx\)/);
    const attempts = await attemptRows(db, mediaId);
    expect(attempts.map((a) => a.errorKind)).toEqual(['transient', 'transient', 'transient']);
    // Delays grow: the second wait is longer than the first.
    const waits = attempts.slice(0, 2).map((a) => a.nextTryAt!.getTime() - a.finishedAt!.getTime());
    expect(waits[1]!).toBeGreaterThan(waits[0]! * 1.5);
  });
});

describe('rate limiting', () => {
  it('a 429 starts a cool-off that every download waits out, shown in the status', async () => {
    const db = svc.deps.database.db;
    clips.behave('limited0001', { kind: 'status', status: 429, retryAfterSeconds: 60 });
    clips.behave('waiting0001', { kind: 'clip' });
    const first = await insertMovie(db, { connectionId, folder: path.join(root, 'Limited (2020)'), youTubeTrailerId: 'limited0001' });
    await enqueueFetch(svc, { mediaId: first, reason: 'import' });
    const failed = await firstFailure(first);
    expect(failed.errorKind).toBe('rate-limited');
    expect(failed.error).toContain('429');

    const status = await readRateLimitStatus(db);
    expect(status.coolingOff).toBe(true);
    expect(status.level).toBe(1);
    expect(status.reason).toContain('HTTP 429');
    const until = Date.parse(status.until!);
    expect(Math.abs(until - failed.nextTryAt!.getTime())).toBeLessThan(1_000);
    expect((await mediaRow(db, first))?.trailerStatus).toBe('queued');

    // Another item arriving during the cool-off waits too, although its video is fine.
    const second = await insertMovie(db, { connectionId, folder: path.join(root, 'Waiting (2020)'), youTubeTrailerId: 'waiting0001' });
    await enqueueFetch(svc, { mediaId: second, reason: 'import' });
    clips.behave('limited0001', { kind: 'clip' });

    for (const mediaId of [first, second]) {
      const row = await waitForStatus(db, mediaId, ['have', 'needs-attention'], 60_000);
      expect(row.trailerStatus).toBe('have');
      const attempts = await attemptRows(db, mediaId);
      const succeeded = attempts.find((a) => a.outcome === 'succeeded');
      expect(succeeded!.startedAt.getTime()).toBeGreaterThanOrEqual(until - 50);
    }
    const downloadsDuringCoolOff = clips.requests.filter((r) => (r.id === 'waiting0001' || r.id === 'limited0001') && r.at > failed.finishedAt!.getTime() + 200 && r.at < until - 200);
    expect(downloadsDuringCoolOff).toEqual([]);
    expect((await readRateLimitStatus(db)).coolingOff).toBe(false);
  });
});
