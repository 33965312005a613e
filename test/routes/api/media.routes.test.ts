import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { writeSettings } from '../../../src/db/settings-store.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobProgress, media, trailerProfiles, trailers, videoBlocklist } from '../../../src/db/schema/index.ts';
import { PRIORITY } from '../../../src/jobs/queues.ts';
import { seedCandidate, seedConnection, seedMedia } from '../../ui/seed.ts';
import { apiClient, type ApiInit } from '../../ui/api-client.ts';
import { testBackend } from '../../support/test-db.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';

describe(`/api/v1/media (${testBackend})`, () => {
  let svc: TestService;
  let connectionId: number;
  let fileDir: string;

  const api = (path: string, init?: ApiInit) => apiClient(svc)(path, init);
  const db = () => svc.deps.database.db;
  const queuedFetches = (mediaId: number) => svc.boss.findJobs('trailer-fetch', { queued: true, data: { mediaId } });

  beforeAll(async () => {
    // No workers: queued jobs stay where the assertions can see them.
    svc = await startTestService({ workers: () => [] });
    connectionId = (await seedConnection(db())).id;
    fileDir = mkdtempSync(join(tmpdir(), 'previewarr-api-trailer-'));
  });
  afterAll(async () => {
    await svc?.stop();
    rmSync(fileDir, { recursive: true, force: true });
  });

  it('answers 401 without the API key, with a wrong one, and 200 with it', async () => {
    expect((await fetch(`${svc.url}/api/v1/media`)).status).toBe(401);
    const wrong = await fetch(`${svc.url}/api/v1/media`, { headers: { 'x-api-key': 'not-the-key-at-all' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'unauthorized' });
    expect((await api('/api/v1/media')).status).toBe(200);
    expect((await fetch(`${svc.url}/api/v1/media?apikey=${svc.apiKey}`)).status).toBe(200);
  });

  it('lists the library paginated, searched and filtered by kind and status', async () => {
    const conn = await seedConnection(db(), { name: 'List Radarr' });
    await seedMedia(db(), conn.id, { title: 'Zeta 100% Proof', trailerStatus: 'have' });
    await seedMedia(db(), conn.id, { title: 'Zeta_Underscore', trailerStatus: 'missing' });
    await seedMedia(db(), conn.id, { title: 'Zeta Series', kind: 'series', trailerStatus: 'missing' });
    await seedMedia(db(), conn.id, { title: 'Zeta Gone', removedAt: new Date() });

    const all = (await (await api('/api/v1/media?q=zeta')).json()) as { total: number; items: Array<{ title: string }> };
    expect(all.items.map((i) => i.title)).toEqual(['Zeta 100% Proof', 'Zeta Series', 'Zeta_Underscore']);
    // % and _ are literal characters, not wildcards.
    const percent = (await (await api('/api/v1/media?q=100%25')).json()) as { total: number };
    expect(percent.total).toBe(1);
    const underscore = (await (await api('/api/v1/media?q=a_u')).json()) as { total: number };
    expect(underscore.total).toBe(1);

    const movies = (await (await api('/api/v1/media?q=zeta&kind=movie&status=missing')).json()) as { items: Array<{ title: string }> };
    expect(movies.items.map((i) => i.title)).toEqual(['Zeta_Underscore']);
    const removed = (await (await api('/api/v1/media?q=zeta&removed=true')).json()) as { items: Array<{ title: string; removed: boolean }> };
    expect(removed.items).toMatchObject([{ title: 'Zeta Gone', removed: true }]);

    const paged = (await (await api('/api/v1/media?q=zeta&pageSize=2&page=2')).json()) as { page: number; pages: number; items: unknown[] };
    expect(paged).toMatchObject({ page: 2, pages: 2 });
    expect(paged.items).toHaveLength(1);
  });

  it('refuses bad list queries and ids with 400 naming the parameter, and unknown items with 404', async () => {
    const bad = await api('/api/v1/media?status=shiny&pageSize=1000');
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { issues: Array<{ path: string }> };
    expect(body.issues.map((i) => i.path).sort()).toEqual(['pageSize', 'status']);
    const badId = await api('/api/v1/media/abc');
    expect(badId.status).toBe(400);
    expect(await badId.json()).toMatchObject({ error: 'invalid_request', message: 'The media id is not valid: id: must be a positive whole number', issues: [{ path: 'id' }] });
    expect((await api('/api/v1/media/-4')).status).toBe(400);
    expect((await api('/api/v1/media/-4/blocklist/dQw4w9WgXcQ', { method: 'DELETE' })).status).toBe(400);
    // A control character decoded from the path or the query is a 400 too, never a database error.
    const nul = await api('/api/v1/media/1/blocklist/%00', { method: 'DELETE' });
    expect(nul.status).toBe(400);
    expect(await nul.json()).toMatchObject({ error: 'invalid_request', issues: [{ path: 'videoId', message: 'control characters are not allowed' }] });
    expect((await api('/api/v1/media?q=a%07b')).status).toBe(400);
    // A parameter given twice is a list, not silently its first value.
    const twice = await api('/api/v1/media?kind=movie&kind=series');
    expect(twice.status).toBe(400);
    expect(((await twice.json()) as { issues: Array<{ path: string }> }).issues.map((i) => i.path)).toEqual(['kind']);
    const missing = await api('/api/v1/media/987654');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not_found' });
    expect((await api('/api/v1/media/987654/fetch', { method: 'POST' })).status).toBe(404);
  });

  it('fetch now: queues a user trailer-fetch at user priority together with the status change', async () => {
    const item = await seedMedia(db(), connectionId, { title: 'Fetch Me' });
    const res = await api(`/api/v1/media/${item.id}/fetch`, { method: 'POST' });
    expect(res.status).toBe(202);
    const reply = (await res.json()) as { jobId: string };
    const jobs = await queuedFetches(item.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ id: reply.jobId, priority: PRIORITY.userRequest, data: { mediaId: item.id, reason: 'user', force: false } });
    const [row] = await db().select().from(media).where(eq(media.id, item.id));
    expect(row?.trailerStatus).toBe('queued');
    const [progress] = await db().select().from(jobProgress).where(eq(jobProgress.mediaId, item.id));
    expect(progress?.stage).toBe('queued');

    // Pressed twice: still one job waiting.
    const again = await api(`/api/v1/media/${item.id}/fetch`, { method: 'POST', json: {} });
    expect(again.status).toBe(202);
    expect(await queuedFetches(item.id)).toHaveLength(1);
  });

  it('an item that has a trailer is only replaced with force; bad bodies are 4xx', async () => {
    const item = await seedMedia(db(), connectionId, { title: 'Has One', trailerStatus: 'external', externalTrailerPath: '/movies/x-trailer.mkv' });
    const refused = await api(`/api/v1/media/${item.id}/fetch`, { method: 'POST', json: {} });
    expect(refused.status).toBe(409);
    expect(await queuedFetches(item.id)).toHaveLength(0);
    expect((await api(`/api/v1/media/${item.id}/fetch`, { method: 'POST', json: { force: 'yes' } })).status).toBe(400);
    expect((await api(`/api/v1/media/${item.id}/fetch`, { method: 'POST', json: { force: true, extra: 1 } })).status).toBe(400);
    const broken = await api(`/api/v1/media/${item.id}/fetch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"force":' });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: 'invalid_json' });
    const textBody = await api(`/api/v1/media/${item.id}/fetch`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'force' });
    expect(textBody.status).toBe(415);
    const forced = await api(`/api/v1/media/${item.id}/fetch`, { method: 'POST', json: { force: true } });
    expect(forced.status).toBe(202);
    expect((await queuedFetches(item.id))[0]?.data).toMatchObject({ force: true });
  });

  it('lists candidates, chooses one, refuses unknown and blocklisted ones', async () => {
    const item = await seedMedia(db(), connectionId, { title: 'Choosy', trailerStatus: 'have' });
    await seedCandidate(db(), item.id, 'vid-a', { score: 90, rank: 1, reasons: ['official'] });
    await seedCandidate(db(), item.id, 'vid-b', { score: 40, rank: 2 });
    const listed = (await (await api(`/api/v1/media/${item.id}/candidates`)).json()) as { candidates: Array<{ videoId: string; reasons: string[] }> };
    expect(listed.candidates.map((c) => c.videoId)).toEqual(['vid-a', 'vid-b']);
    expect(listed.candidates[0]?.reasons).toEqual(['official']);

    expect((await api(`/api/v1/media/${item.id}/choose`, { method: 'POST', json: { videoId: 'nope' } })).status).toBe(404);
    expect((await api(`/api/v1/media/${item.id}/choose`, { method: 'POST', json: {} })).status).toBe(400);

    expect((await api(`/api/v1/media/${item.id}/blocklist`, { method: 'POST', json: { videoId: 'vid-b', reason: 'wrong movie' } })).status).toBe(200);
    expect((await api(`/api/v1/media/${item.id}/blocklist`, { method: 'POST', json: { videoId: 'vid-b' } })).status).toBe(200);
    const blocked = await db().select().from(videoBlocklist).where(eq(videoBlocklist.mediaId, item.id));
    expect(blocked).toMatchObject([{ videoId: 'vid-b', reason: 'wrong movie' }]);
    expect((await api(`/api/v1/media/${item.id}/choose`, { method: 'POST', json: { videoId: 'vid-b' } })).status).toBe(409);

    const chosen = await api(`/api/v1/media/${item.id}/choose`, { method: 'POST', json: { videoId: 'vid-a' } });
    expect(chosen.status).toBe(202);
    expect((await queuedFetches(item.id)).map((j) => j.data)).toEqual([{ mediaId: item.id, reason: 'user', force: true, videoId: 'vid-a' }]);

    expect((await api(`/api/v1/media/${item.id}/blocklist/vid-b`, { method: 'DELETE' })).status).toBe(200);
    expect((await api(`/api/v1/media/${item.id}/blocklist/vid-b`, { method: 'DELETE' })).status).toBe(404);
  });

  it('stores a pasted link and fetches from it; refuses links that are not http(s)', async () => {
    const item = await seedMedia(db(), connectionId, { title: 'Pasted' });
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', '--exec=rm', 'not a url']) {
      const res = await api(`/api/v1/media/${item.id}/source-url`, { method: 'PUT', json: { url } });
      expect(res.status, url).toBe(400);
    }
    // Internal hosts in any spelling are refused; private ranges only when the setting allows them.
    const internal = ['http://127.0.0.1:5432/', 'http://0x7f000001/', 'http://[::1]/x', 'http://localhost/', 'http://169.254.169.254/latest', 'http://10.0.0.5/v.mp4', 'http://postgres:5432/', 'http://[::ffff:127.0.0.1]/'];
    for (const url of internal) {
      const res = await api(`/api/v1/media/${item.id}/source-url`, { method: 'PUT', json: { url } });
      expect(res.status, url).toBe(400);
      expect(await res.json(), url).toMatchObject({ error: 'invalid_request', issues: [{ path: 'url' }] });
    }
    expect(await queuedFetches(item.id)).toHaveLength(0);
    await writeSettings(db(), { allowPrivateSourceUrls: true });
    expect((await api(`/api/v1/media/${item.id}/source-url`, { method: 'PUT', json: { url: 'http://10.0.0.5/v.mp4' } })).status).toBe(202);
    expect((await api(`/api/v1/media/${item.id}/source-url`, { method: 'PUT', json: { url: 'http://169.254.169.254/latest' } })).status).toBe(400);
    await writeSettings(db(), { allowPrivateSourceUrls: undefined });
    // Credentials are never kept, so never shown.
    const ok = await api(`/api/v1/media/${item.id}/source-url`, { method: 'PUT', json: { url: 'https://user:secret@example.com/watch?v=abc' } });
    expect(ok.status).toBe(202);
    const [row] = await db().select().from(media).where(eq(media.id, item.id));
    expect(row?.userSourceUrl).toBe('https://example.com/watch?v=abc');
    expect(JSON.stringify(await (await api(`/api/v1/media/${item.id}`)).json())).not.toContain('secret');
    expect(await queuedFetches(item.id)).toHaveLength(2);
    const cleared = await api(`/api/v1/media/${item.id}/source-url`, { method: 'PUT', json: { url: null } });
    expect(cleared.status).toBe(200);
    const [after] = await db().select().from(media).where(eq(media.id, item.id));
    expect(after?.userSourceUrl).toBeNull();
  });

  it('deletes only a trailer this service placed, and serves that file with Range', async () => {
    const item = await seedMedia(db(), connectionId, { title: 'Owned', trailerStatus: 'have' });
    const notOurs = await api(`/api/v1/media/${item.id}/trailer`, { method: 'DELETE' });
    expect(notOurs.status).toBe(409);
    expect(await api(`/api/v1/media/${item.id}/trailer`).then((r) => r.status)).toBe(404);

    const path = join(fileDir, 'Owned-trailer.mkv');
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
    writeFileSync(path, bytes);
    // Stored as the pipeline stores the main trailer: with the main (default) profile's id.
    const [main] = await db().select().from(trailerProfiles).where(eq(trailerProfiles.isDefault, true));
    await db().insert(trailers).values({ mediaId: item.id, profileId: main!.id, path, sizeBytes: 1000, mtimeMs: 1, sourceUrl: 'http://x/clip.mp4' });

    const full = await api(`/api/v1/media/${item.id}/trailer`);
    expect(full.status).toBe(200);
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    expect(full.headers.get('content-type')).toBe('video/x-matroska');
    expect(Buffer.from(await full.arrayBuffer())).toEqual(bytes);
    const part = await api(`/api/v1/media/${item.id}/trailer`, { headers: { range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 10-19/1000');
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(10, 20));
    const tail = await api(`/api/v1/media/${item.id}/trailer`, { headers: { range: 'bytes=-5' } });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(bytes.subarray(995));
    const beyond = await api(`/api/v1/media/${item.id}/trailer`, { headers: { range: 'bytes=5000-' } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */1000');

    // A file changed behind our back (other size) is no longer ours to serve.
    writeFileSync(path, 'someone else wrote this');
    expect((await api(`/api/v1/media/${item.id}/trailer`)).status).toBe(404);

    const queued = await api(`/api/v1/media/${item.id}/trailer`, { method: 'DELETE' });
    expect(queued.status).toBe(202);
    const jobs = await svc.boss.findJobs('trailer-delete', { queued: true, data: { mediaId: item.id } });
    // The main slot is named: a delete job without a profile would remove the item's extras too.
    expect(jobs.map((j) => j.data)).toEqual([{ mediaId: item.id, reason: 'user', deleteMediaAfter: false, profileId: main!.id }]);
    const present = await db().select().from(trailers).where(and(eq(trailers.mediaId, item.id), eq(trailers.state, 'present')));
    expect(present).toHaveLength(1);
  });

  it('refuses to fetch an item that left the library', async () => {
    const item = await seedMedia(db(), connectionId, { title: 'Gone', removedAt: new Date() });
    const res = await api(`/api/v1/media/${item.id}/fetch`, { method: 'POST' });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'removed' });
    expect(await queuedFetches(item.id)).toHaveLength(0);
  });

  it('returns one item with its history, without any secret', async () => {
    const item = await seedMedia(db(), connectionId, { title: 'Detailed' });
    const res = await api(`/api/v1/media/${item.id}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ media: { id: item.id, title: 'Detailed' }, connection: { id: connectionId }, trailer: null, attempts: [], candidates: [] });
    expect(text).not.toContain('arr-secret-key');
  });
});
