/**
 * The poster proxy (issue #21, "posters from the Arr's image URLs, proxied and cached, never
 * hot-linked"): GET /posters/{id} answers the item's poster from its own Arr connection (the API's
 * mediacover route, with the key in X-Api-Key), caches it in DATA_DIR/cache/posters, and answers
 * 404, never a 5xx, for anything an Arr sends that is not a small JPEG/PNG/WebP.
 */
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PosterCache } from '../../../src/admin/poster-cache.ts';
import { media } from '../../../src/db/schema/index.ts';
import { startFakeRadarr, type FakeArrServer } from '../../support/fake-arr.ts';
import { testBackend } from '../../support/test-db.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';
import { signedInPages, type PageClient } from '../../ui/page-client.ts';
import { seedConnection, seedMedia } from '../../ui/seed.ts';

const jpeg = (text: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(text)]);
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('png body')]);

describe(`poster proxy (${testBackend})`, () => {
  let svc: TestService;
  let pages: PageClient;
  let radarr: FakeArrServer;
  let connectionId: number;
  let cacheDir: string;

  beforeAll(async () => {
    radarr = await startFakeRadarr({ urlBase: '/radarr', apiKey: 'radarr-poster-key-0123456789' });
    svc = await startTestService({ workers: () => [] });
    pages = await signedInPages(svc);
    connectionId = (await seedConnection(svc.deps.database.db, { baseUrl: radarr.url, apiKey: radarr.apiKey })).id;
    cacheDir = path.join(svc.deps.env.DATA_DIR, 'cache', 'posters');
  });
  afterAll(async () => {
    await svc?.stop();
    await radarr?.close();
  });

  /** An item whose Arr id is `arrId`, with the poster path the Arr named. */
  const item = (arrId: number, posterPath: string | null = `/MediaCover/${arrId}/poster.jpg?lastWrite=1`) =>
    seedMedia(svc.deps.database.db, connectionId, { arrId, posterPath, title: `Poster ${arrId}` });
  const coverRequests = (arrId: number) => radarr.requests.filter((r) => r.path.toLowerCase().startsWith(`/api/v3/mediacover/${arrId}/`));

  it('fetches the small poster from the Arr with the key in X-Api-Key, caches it, and answers later requests from the cache', async () => {
    const body = jpeg('Blade Runner poster');
    radarr.covers.set('101/poster-250.jpg', { contentType: 'image/jpeg', body });
    const row = await item(101);

    const first = await pages.get(`/posters/${row.id}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/jpeg');
    expect(first.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    expect(Buffer.from(await first.arrayBuffer()).equals(body)).toBe(true);
    const requests = coverRequests(101);
    expect(requests.map((r) => [r.path, r.auth, r.status])).toEqual([['/api/v3/mediacover/101/poster-250.jpg', 'x-api-key', 200]]);
    expect(await readdir(cacheDir)).toContainEqual(expect.stringMatching(new RegExp(`^${row.id}-[0-9a-f]{16}\\.jpg$`)));

    const again = await pages.get(`/posters/${row.id}`);
    expect(again.status).toBe(200);
    expect(Buffer.from(await again.arrayBuffer()).equals(body)).toBe(true);
    expect(coverRequests(101)).toHaveLength(1);

    const etag = again.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
    const notModified = await pages.get(`/posters/${row.id}`, { 'if-none-match': etag! });
    expect(notModified.status).toBe(304);
  });

  it('fetches again when the Arr names a new poster version, and drops the old file', async () => {
    radarr.covers.set('102/poster-250.jpg', { contentType: 'image/jpeg', body: jpeg('old') });
    const row = await item(102);
    expect((await pages.get(`/posters/${row.id}`)).status).toBe(200);
    const before = (await readdir(cacheDir)).filter((f) => f.startsWith(`${row.id}-`));
    radarr.covers.set('102/poster-250.jpg', { contentType: 'image/png', body: png });
    await svc.deps.database.db.update(media).set({ posterPath: '/MediaCover/102/poster.jpg?lastWrite=2' }).where(eq(media.id, row.id));

    const fresh = await pages.get(`/posters/${row.id}`);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('content-type')).toBe('image/png');
    expect(coverRequests(102)).toHaveLength(2);
    const after = (await readdir(cacheDir)).filter((f) => f.startsWith(`${row.id}-`));
    expect(after).toHaveLength(1);
    expect(after[0]).toMatch(/\.png$/);
    expect(after).not.toContain(before[0]);
  });

  let badCoverArrId = 1000;
  it.each([
    ['too large (over 5 MB)', { contentType: 'image/jpeg', body: jpeg('x'.repeat(5 * 1024 * 1024 + 10)) }],
    ['not an image type', { contentType: 'text/html', body: Buffer.from('<html>login</html>') }],
    ['an SVG (scripts may hide in one)', { contentType: 'image/svg+xml', body: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') }],
    ['garbage that claims to be a JPEG', { contentType: 'image/jpeg', body: Buffer.from('definitely not an image') }],
    ['empty', { contentType: 'image/jpeg', body: Buffer.alloc(0) }],
  ])('answers 404, never a 5xx, when the Arr sends something %s, and caches nothing', async (_why, cover) => {
    // One fixed id per case, clear of the other tests' ids (a random one once hit 401 below).
    badCoverArrId += 1;
    const arrId = badCoverArrId;
    radarr.covers.set(`${arrId}/poster-250.jpg`, cover);
    const row = await item(arrId);
    const reply = await pages.get(`/posters/${row.id}`);
    expect(reply.status).toBe(404);
    expect(coverRequests(arrId)).toHaveLength(1);
    expect((await readdir(cacheDir).catch(() => [])).filter((f) => f.startsWith(`${row.id}-`))).toEqual([]);
  });

  it('answers 404 for an Arr failure (500, missing cover, wrong key) and does not ask again at once', async () => {
    const row = await item(301);
    radarr.fail({ mode: 'status', status: 500, path: '/api/v3/mediacover/301/' });
    expect((await pages.get(`/posters/${row.id}`)).status).toBe(404);
    expect((await pages.get(`/posters/${row.id}`)).status).toBe(404);
    expect(coverRequests(301)).toHaveLength(1);
    radarr.clearFailures();
    const missing = await item(302);
    expect((await pages.get(`/posters/${missing.id}`)).status).toBe(404);
  });

  it('never fetches anything but the stored path of the item itself', async () => {
    const without = await item(401, null);
    // A path naming another Arr item is not this item's poster.
    radarr.covers.set('402/poster-250.jpg', { contentType: 'image/jpeg', body: jpeg('other') });
    const mismatched = await item(403, '/MediaCover/402/poster.jpg');
    const before = radarr.requests.length;
    for (const target of [`/posters/${without.id}`, `/posters/${mismatched.id}`, '/posters/999999', '/posters/abc', '/posters/-1', `/posters/${without.id}?v=../../x`]) {
      expect((await pages.get(target)).status, target).toBe(404);
    }
    expect(radarr.requests.length).toBe(before);
  });

  it('is behind the login like every page', async () => {
    radarr.covers.set('501/poster-250.jpg', { contentType: 'image/jpeg', body: jpeg('secret') });
    const row = await item(501);
    const anonymous = await fetch(`${svc.url}/posters/${row.id}`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/login/);
    expect(coverRequests(501)).toHaveLength(0);
  });
});

describe('poster cache bounds', () => {
  it('keeps at most maxFiles, dropping the oldest, and never deletes a file it did not name', async () => {
    const dir = path.join(process.env['TMPDIR'] ?? '/tmp', `poster-cache-${process.pid}-${Date.now()}`);
    const cache = new PosterCache(dir, { maxFiles: 2, maxBytes: 1024 * 1024 });
    await cache.write(1, 'aaaaaaaaaaaaaaaa', { bytes: jpeg('one'), contentType: 'image/jpeg' });
    await writeFile(path.join(dir, 'notes.txt'), 'not ours');
    await new Promise((resolve) => setImmediate(resolve));
    await cache.write(2, 'bbbbbbbbbbbbbbbb', { bytes: jpeg('two'), contentType: 'image/jpeg' });
    await cache.write(3, 'cccccccccccccccc', { bytes: png, contentType: 'image/png' });
    expect((await readdir(dir)).sort()).toEqual(['2-bbbbbbbbbbbbbbbb.jpg', '3-cccccccccccccccc.png', 'notes.txt']);
    expect(await cache.read(1, 'aaaaaaaaaaaaaaaa')).toBeUndefined();
    expect((await cache.read(3, 'cccccccccccccccc'))?.contentType).toBe('image/png');

    const small = new PosterCache(dir, { maxFiles: 10, maxBytes: 10 });
    await small.write(4, 'dddddddddddddddd', { bytes: jpeg('four'), contentType: 'image/jpeg' });
    expect((await readdir(dir)).sort()).toEqual(['4-dddddddddddddddd.jpg', 'notes.txt']);
  });
});
