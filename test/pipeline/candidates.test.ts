// Choosing the video: sources in order (pasted URL → Radarr id → TMDB → ranked search), every
// candidate stored with its score and reasons, a permanent failure moving on to the next, the
// blocklist, and "needs attention" with the reasons when every candidate failed. The search is
// the recorded yt-dlp output in test/fixtures/ytdlp-search (no network here); the downloads are
// real, from the local clip server, through TRAILER_URL_TEMPLATE.
import { asc, eq } from 'drizzle-orm';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trailerCandidates, videoBlocklist } from '../../src/db/schema/index.ts';
import { writeSettings } from '../../src/db/settings-store.ts';
import { startClipServer, type ClipServer } from '../support/clip-server.ts';
import type { TestService } from '../support/test-service.ts';
import { startFakeTmdb, type FakeTmdb } from './fake-tmdb.ts';
import {
  attemptRows,
  enqueueFetch,
  insertConnection,
  insertMovie,
  listFiles,
  makeMediaRoot,
  removeMediaRoot,
  startPipelineService,
  trailerRows,
  waitForStatus,
} from './pipeline-fixture.ts';

const TMDB_KEY = 'tmdb-test-key-0123456789';
let clips: ClipServer;
let tmdb: FakeTmdb;
let svc: TestService;
let root: string;
let connectionId: number;
let duneEntries: unknown[];
const searches: Array<{ query: string; count: number }> = [];

beforeAll(async () => {
  root = await makeMediaRoot('candidates');
  const fixture = JSON.parse(await readFile(path.join(import.meta.dirname, '../fixtures/ytdlp-search/dune-2021.flat.json'), 'utf8')) as { entries: unknown[] };
  duneEntries = fixture.entries;
  clips = await startClipServer({ unknownIds: 'not-found' });
  tmdb = await startFakeTmdb(TMDB_KEY);
  svc = await startPipelineService({
    clips,
    env: { TMDB_API_URL: tmdb.baseUrl },
    pipeline: {
      search: async (query, count) => {
        searches.push({ query, count });
        return duneEntries;
      },
    },
  });
  connectionId = await insertConnection(svc.deps.database.db, root);
  await writeSettings(svc.deps.database.db, { tmdbApiKey: TMDB_KEY, preferredLanguages: ['en'] });
});

afterAll(async () => {
  await svc?.stop();
  await clips?.close();
  await tmdb?.close();
  await removeMediaRoot(root);
});

async function candidatesOf(mediaId: number) {
  return svc.deps.database.db.select().from(trailerCandidates).where(eq(trailerCandidates.mediaId, mediaId)).orderBy(asc(trailerCandidates.rank));
}

describe('candidate choice', () => {
  // (A pasted link that fails stops there instead: the user's choice, test/pipeline/pasted-link.test.ts.)
  it('moves past permanent failures in source order: Radarr id → TMDB official trailer', async () => {
    const db = svc.deps.database.db;
    clips.behave('radarrGone1', { kind: 'status', status: 404 });
    clips.behave('tmdbTrail01', { kind: 'clip' });
    tmdb.setVideos('movie', 438631, [
      { key: 'tmdbFeat001', name: 'Behind the scenes', type: 'Featurette', official: true, iso_639_1: 'en' },
      { key: 'tmdbTease01', name: 'Official Teaser', type: 'Teaser', official: true, iso_639_1: 'en' },
      { key: 'tmdbTrail01', name: 'Official Main Trailer', type: 'Trailer', official: true, iso_639_1: 'en' },
    ]);
    const folder = path.join(root, 'Dune (2021)');
    const mediaId = await insertMovie(db, {
      connectionId,
      folder,
      title: 'Dune',
      year: 2021,
      tmdbId: 438631,
      youTubeTrailerId: 'radarrGone1',
    });
    await enqueueFetch(svc, { mediaId, reason: 'import' });
    const row = await waitForStatus(db, mediaId, ['have', 'needs-attention']);
    expect(row.trailerStatus).toBe('have');

    const attempts = await attemptRows(db, mediaId);
    expect(attempts.map((a) => [a.sourceVideoId, a.outcome, a.errorKind])).toEqual([
      ['radarrGone1', 'failed', 'permanent'],
      ['tmdbTrail01', 'succeeded', null],
    ]);
    expect(attempts[0]?.error).toContain('404');
    const [trailer] = await trailerRows(db, mediaId);
    expect(trailer).toMatchObject({ sourceVideoId: 'tmdbTrail01', sourceUrl: clips.url('tmdbTrail01'), state: 'present' });
    expect(await listFiles(folder)).toEqual(['Dune (2021)-trailer.mkv', 'Dune (2021).mkv']);

    const stored = await candidatesOf(mediaId);
    expect(stored.map((c) => [c.videoId, c.source, c.excluded])).toEqual([
      ['radarrGone1', 'radarr', false],
      ['tmdbTrail01', 'tmdb', false],
      ['tmdbTease01', 'tmdb', false],
      ['tmdbFeat001', 'tmdb', true],
    ]);
    expect(stored[1]?.reasons).toEqual(expect.arrayContaining(['+30 TMDB type Trailer', '+20 official', '+30 preferred language (en)']));
    expect(stored[3]?.reasons[0]).toBe('excluded: TMDB type Featurette is not a trailer');
    // Lazy sources: TMDB answered a usable trailer, so YouTube was never searched.
    expect(searches).toEqual([]);
    expect(tmdb.requests.at(-1)?.query['include_video_language']).toBe('en,null');
  });

  it('ranks the recorded search: the official trailer beats teaser, review, reaction, live, short and compilation', async () => {
    const db = svc.deps.database.db;
    clips.behave('dnOffMain01', { kind: 'clip' });
    const folder = path.join(root, 'Dune Search (2021)');
    const mediaId = await insertMovie(db, { connectionId, folder, title: 'Dune', year: 2021, youTubeTrailerId: null });
    await enqueueFetch(svc, { mediaId, reason: 'backfill' });
    const row = await waitForStatus(db, mediaId, ['have', 'needs-attention']);
    expect(row.trailerStatus).toBe('have');
    expect(searches.at(-1)).toEqual({ query: 'Dune 2021 trailer', count: 10 });
    expect((await attemptRows(db, mediaId)).map((a) => [a.sourceVideoId, a.outcome])).toEqual([['dnOffMain01', 'succeeded']]);

    const stored = await candidatesOf(mediaId);
    expect(stored[0]).toMatchObject({ videoId: 'dnOffMain01', source: 'search', excluded: false });
    const byId = new Map(stored.map((c) => [c.videoId, c]));
    expect(byId.get('dnTeaser002')!.score).toBeLessThan(stored[0]!.score);
    for (const [id, reason] of [
      ['dnReview005', 'review'],
      ['dnReact0006', 'reaction'],
      ['dnLive00007', 'live stream'],
      ['dnShort0009', 'YouTube Short'],
      ['dnCompil010', 'compilation'],
      ['dnFanMde011', 'fan-made'],
      ['dnUpcom0008', 'upcoming'],
    ] as const) {
      expect(byId.get(id)?.excluded, id).toBe(true);
      expect(byId.get(id)?.reasons.join(' | '), id).toContain(reason);
    }
  });

  it('skips a blocklisted video and takes the next best', async () => {
    const db = svc.deps.database.db;
    clips.behave('dnTeaser002', { kind: 'clip' });
    const folder = path.join(root, 'Dune Blocked (2021)');
    const mediaId = await insertMovie(db, { connectionId, folder, title: 'Dune', year: 2021, youTubeTrailerId: 'dnOffMain01' });
    await db.insert(videoBlocklist).values({ mediaId, videoId: 'dnOffMain01', reason: 'wrong video' });
    await enqueueFetch(svc, { mediaId, reason: 'backfill' });
    const row = await waitForStatus(db, mediaId, ['have', 'needs-attention']);
    expect(row.statusReason).toBeNull();
    const attempts = await attemptRows(db, mediaId);
    expect(attempts.map((a) => a.sourceVideoId)).not.toContain('dnOffMain01');
    const stored = await candidatesOf(mediaId);
    const blocked = stored.filter((c) => c.videoId === 'dnOffMain01');
    expect(blocked.length).toBeGreaterThan(0);
    for (const c of blocked) {
      expect(c.excluded).toBe(true);
      expect(c.reasons.join(' ')).toContain('blocklisted');
    }
    expect((await trailerRows(db, mediaId))[0]?.sourceVideoId).toBe(attempts.at(-1)?.sourceVideoId);
  });

  it('marks the item needs-attention with every reason when all candidates fail', async () => {
    const db = svc.deps.database.db;
    const folder = path.join(root, 'Dune Nothing (2020)');
    // Year 2020: a different item whose candidates all 404 (no clip is served for them).
    const mediaId = await insertMovie(db, { connectionId, folder, title: 'Dune', year: 2020, youTubeTrailerId: 'radarrNope1' });
    clips.behave('radarrNope1', { kind: 'status', status: 404 });
    for (const id of ['dnOffMain01', 'dnTeaser002']) clips.behave(id, { kind: 'status', status: 404 });
    await enqueueFetch(svc, { mediaId, reason: 'import' });
    const row = await waitForStatus(db, mediaId, ['have', 'needs-attention']);
    expect(row.trailerStatus).toBe('needs-attention');
    expect(row.statusReason).toMatch(/^every candidate failed: /);
    expect(row.statusReason).toContain('radarr radarrNope1: video does not exist (HTTP 404)');
    const attempts = await attemptRows(db, mediaId);
    // At most five downloads per job, all failed permanently, nothing left behind.
    expect(attempts.length).toBe(5);
    expect(attempts.every((a) => a.outcome === 'failed' && a.errorKind === 'permanent')).toBe(true);
    expect(await trailerRows(db, mediaId)).toEqual([]);
    expect(await listFiles(folder)).toEqual(['Dune Nothing (2020).mkv']);
  });
});
