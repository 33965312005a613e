// Trailer choice through the real job (issue #17): an announced film with only fakes gets "no
// trailer yet" and a re-check job instead of a download; a poor first search is followed by one
// with the original title; a connection's overrides (a channel blocklist) apply to its items.
// The searches are the recorded yt-dlp output in test/fixtures/ytdlp-search, the downloads real.
import { asc, eq, sql } from 'drizzle-orm';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusCounts } from '../../src/admin/dashboard-queries.ts';
import { rowsOf } from '../../src/db/client.ts';
import { connections, media, notificationTargets, outbox, trailerCandidates } from '../../src/db/schema/index.ts';
import { waitFor } from '../support/wait-for.ts';
import { writeSettings } from '../../src/db/settings-store.ts';
import { startClipServer, type ClipServer } from '../support/clip-server.ts';
import { startFakeTmdb, type FakeTmdb } from './fake-tmdb.ts';
import type { TestService } from '../support/test-service.ts';
import { attemptRows, enqueueFetch, insertConnection, insertMovie, listFiles, makeMediaRoot, removeMediaRoot, startPipelineService, trailerRows, waitForStatus } from './pipeline-fixture.ts';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/ytdlp-search');
const TMDB_KEY = 'tmdb-test-key-0123456789';
let clips: ClipServer;
let tmdb: FakeTmdb;
let svc: TestService;
let root: string;
let connectionId: number;
const recorded = new Map<string, unknown[]>();
const searches: string[] = [];

async function record(query: string, file: string): Promise<void> {
  recorded.set(query, (JSON.parse(await readFile(path.join(FIXTURES, file), 'utf8')) as { entries: unknown[] }).entries);
}

beforeAll(async () => {
  root = await makeMediaRoot('trailer-choice');
  await record('Avengers: Secret Wars 2027 trailer', 'avengers-secret-wars-2027.flat.json');
  await record('Weathering with You – Das Mädchen, das die Sonne berührte 2019 trailer', 'weathering-with-you-2019.flat.json');
  await record('天気の子 2019 trailer', 'weathering-with-you-2019.original.flat.json');
  await record('Dune 2021 trailer', 'dune-2021.flat.json');
  clips = await startClipServer({ unknownIds: 'not-found' });
  tmdb = await startFakeTmdb(TMDB_KEY);
  svc = await startPipelineService({
    clips,
    env: { TMDB_API_URL: tmdb.baseUrl },
    pipeline: {
      search: async (query) => {
        searches.push(query);
        return recorded.get(query) ?? [];
      },
    },
  });
  connectionId = await insertConnection(svc.deps.database.db, root);
  await writeSettings(svc.deps.database.db, { preferredLanguages: ['en'], tmdbApiKey: TMDB_KEY });
});

afterAll(async () => {
  await svc?.stop();
  await clips?.close();
  await tmdb?.close();
  await removeMediaRoot(root);
});

function candidatesOf(mediaId: number) {
  return svc.deps.database.db.select().from(trailerCandidates).where(eq(trailerCandidates.mediaId, mediaId)).orderBy(asc(trailerCandidates.rank));
}

describe('trailer choice in the pipeline', () => {
  it('an announced film with only fakes: "no trailer yet", nothing downloaded, searched again in a day', async () => {
    const db = svc.deps.database.db;
    const folder = path.join(root, 'Avengers Secret Wars (2027)');
    const mediaId = await insertMovie(db, { connectionId, folder, title: 'Avengers: Secret Wars', year: 2027, youTubeTrailerId: null, movieFile: null });
    await db.update(media).set({ releaseStatus: 'announced', premiereDate: '2027-12-17', originalLanguage: 'en' }).where(eq(media.id, mediaId));
    const [target] = await db.insert(notificationTargets).values({ name: 'ntfy-no-trailer', kind: 'ntfy', url: 'http://127.0.0.1:9/topic', events: ['no-trailer'] }).returning();
    const before = Date.now();
    await enqueueFetch(svc, { mediaId, reason: 'import' });

    const row = await waitForStatus(db, mediaId, ['no-trailer-yet', 'have', 'needs-attention']);
    expect(row.trailerStatus).toBe('no-trailer-yet');
    expect(row.statusReason).toMatch(/^not released yet and no official trailer so far; searching again at \d{4}-\d\d-\d\d /);
    expect(await attemptRows(db, mediaId)).toEqual([]);
    expect(await listFiles(folder)).toEqual([]);
    expect(await trailerRows(db, mediaId)).toEqual([]);

    // Every fake is stored with the reason the UI shows.
    const stored = await candidatesOf(mediaId);
    expect(stored.every((c) => c.excluded)).toBe(true);
    const fake = stored.find((c) => c.videoId === 'swScreen01');
    expect(fake?.reasons).toEqual(expect.arrayContaining(['excluded: not yet released: only a verified or studio channel is trusted', 'excluded: description says "concept trailer"']));

    // The next search is a queued job about a day from now, not a failure.
    const jobs = rowsOf<{ start_after: string | Date }>(
      await db.execute(sql`select start_after from pgboss.job where name = 'trailer-fetch' and state = 'created' and (data->>'mediaId')::bigint = ${mediaId}`),
    );
    expect(jobs).toHaveLength(1);
    const delayHours = (new Date(jobs[0]!.start_after).getTime() - before) / 3600_000;
    expect(delayHours).toBeGreaterThan(23.9);
    expect(delayHours).toBeLessThan(24.1);

    // Whoever asked for "no trailer yet" notifications gets one in its outbox.
    const notices = await waitFor(async () => {
      const rows = await db.select().from(outbox).where(eq(outbox.targetId, target!.id));
      return rows.length > 0 ? rows : undefined;
    }, { what: 'the no-trailer notification' });
    expect(notices.map((n) => (n.payload as { kind: string; subject?: string }))).toEqual([expect.objectContaining({ kind: 'no-trailer', subject: 'Avengers: Secret Wars (2027)' })]);

    const counts = await statusCounts(db);
    expect(counts['no-trailer-yet']).toBeGreaterThanOrEqual(1);
    expect(counts['needs-attention']).toBe(0);
  });

  it('a poor first search is followed by one with the original title, and its Japanese trailer is placed', async () => {
    const db = svc.deps.database.db;
    clips.behave('wwTohoJp01', { kind: 'clip' });
    clips.behave('wwGkidsS02', { kind: 'clip' });
    const folder = path.join(root, 'Weathering with You (2019)');
    const title = 'Weathering with You – Das Mädchen, das die Sonne berührte';
    const mediaId = await insertMovie(db, { connectionId, folder, title, year: 2019, youTubeTrailerId: null });
    await db.update(media).set({ originalTitle: '天気の子', originalLanguage: 'ja', releaseStatus: 'released' }).where(eq(media.id, mediaId));
    searches.length = 0;
    await enqueueFetch(svc, { mediaId, reason: 'import' });

    const row = await waitForStatus(db, mediaId, ['have', 'needs-attention', 'no-trailer-yet']);
    expect(row.trailerStatus).toBe('have');
    expect(searches).toEqual([`${title} 2019 trailer`, '天気の子 2019 trailer']);
    const [trailer] = await trailerRows(db, mediaId);
    expect(['wwTohoJp01', 'wwGkidsS02']).toContain(trailer?.sourceVideoId);
    // The German dubs of the first search are still listed, ranked below with their reason.
    const dub = (await candidatesOf(mediaId)).find((c) => c.videoId === 'wwGerDub04');
    expect(dub?.reasons.some((r) => r.startsWith('-50 dubbed (de)'))).toBe(true);
  });

  it("a connection's overrides apply to its items: its blocklist skips the studio channel, with the reason stored", async () => {
    const db = svc.deps.database.db;
    const [other] = await db
      .insert(connections)
      .values({
        name: 'radarr-4k',
        kind: 'radarr',
        baseUrl: 'http://127.0.0.1:9/',
        apiKey: 'unused-in-pipeline-tests',
        rootFolders: [{ path: root, localPath: root, accessible: true }],
        rankingOverrides: { channelBlocklist: ['Warner Bros. Pictures'] },
      })
      .returning({ id: connections.id });
    clips.behave('dnGerman012', { kind: 'clip' });
    const folder = path.join(root, 'Dune 4K (2021)');
    const mediaId = await insertMovie(db, { connectionId: other!.id, folder, title: 'Dune', year: 2021, youTubeTrailerId: null });
    await enqueueFetch(svc, { mediaId, reason: 'import' });

    const row = await waitForStatus(db, mediaId, ['have', 'needs-attention', 'no-trailer-yet']);
    expect(row.trailerStatus).toBe('have');
    const stored = await candidatesOf(mediaId);
    expect(stored.find((c) => c.videoId === 'dnOffMain01')?.reasons).toContain('excluded: channel "Warner Bros. Pictures" is on the blocklist');
    const [trailer] = await trailerRows(db, mediaId);
    expect(trailer?.sourceVideoId).toBe('dnGerman012');
  });

  it('when the Arr told nothing, TMDB says the film is in post-production: "no trailer yet" as well', async () => {
    const db = svc.deps.database.db;
    tmdb.setDetails('movie', 299999, { original_language: 'en', release_date: '2027-12-17', status: 'Post Production' });
    const folder = path.join(root, 'Secret Wars from TMDB (2027)');
    const mediaId = await insertMovie(db, { connectionId, folder, title: 'Avengers: Secret Wars', year: 2027, youTubeTrailerId: null, movieFile: null, tmdbId: 299999 });
    await enqueueFetch(svc, { mediaId, reason: 'import' });

    const row = await waitForStatus(db, mediaId, ['no-trailer-yet', 'have', 'needs-attention']);
    expect(row.trailerStatus).toBe('no-trailer-yet');
    expect(tmdb.requests.map((r) => r.path)).toEqual(expect.arrayContaining(['/3/movie/299999', '/3/movie/299999/videos']));
    expect(await attemptRows(db, mediaId)).toEqual([]);
  });
});
