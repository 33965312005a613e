/**
 * Library sorting (issue #21, "Sorting and views"): by title, year, added, trailer status and
 * trailer size, either way, kept in the URL (page links and the form carry it), refused clearly
 * when unknown; the JSON API takes the same parameters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trailers } from '../../../src/db/schema/index.ts';
import { testBackend } from '../../support/test-db.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';
import { apiClient } from '../../ui/api-client.ts';
import { signedInPages, type PageClient } from '../../ui/page-client.ts';
import { seedConnection, seedMedia } from '../../ui/seed.ts';

describe(`library sorting (${testBackend})`, () => {
  let svc: TestService;
  let pages: PageClient;

  beforeAll(async () => {
    svc = await startTestService({ workers: () => [] });
    pages = await signedInPages(svc);
    const db = svc.deps.database.db;
    const conn = await seedConnection(db);
    const rows: Array<[title: string, year: number | null, status: 'have' | 'missing' | 'queued', size?: number]> = [
      ['Charlie', 2001, 'have', 300],
      ['alpha', 1999, 'missing'],
      ['Bravo', null, 'have', 900],
      ['Delta', 2020, 'queued'],
      ['Echo', 2010, 'have', 100],
    ];
    let added = Date.parse('2026-01-01T00:00:00Z');
    for (const [title, year, trailerStatus, size] of rows) {
      added += 60_000;
      const item = await seedMedia(db, conn.id, { title, year, trailerStatus, createdAt: new Date(added) });
      if (size !== undefined) await db.insert(trailers).values({ mediaId: item.id, path: `/movies/${title}/${title}-trailer.mkv`, sizeBytes: size, mtimeMs: 1, sourceUrl: 'https://example.invalid/v' });
    }
  });
  afterAll(async () => {
    await svc?.stop();
  });

  const titles = async (query: string) => {
    const html = await (await pages.get(`/library?${query}`)).text();
    return [...html.matchAll(/<td class="title-cell">\s*<a href="\/library\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);
  };

  it('orders by each column, either way', async () => {
    expect(await titles('')).toEqual(['alpha', 'Bravo', 'Charlie', 'Delta', 'Echo']);
    expect(await titles('sort=title&dir=desc')).toEqual(['Echo', 'Delta', 'Charlie', 'Bravo', 'alpha']);
    expect(await titles('sort=year')).toEqual(['alpha', 'Charlie', 'Echo', 'Delta', 'Bravo']);
    expect(await titles('sort=year&dir=desc')).toEqual(['Delta', 'Echo', 'Charlie', 'alpha', 'Bravo']);
    expect(await titles('sort=added&dir=desc')).toEqual(['Echo', 'Delta', 'Bravo', 'alpha', 'Charlie']);
    expect(await titles('sort=size&dir=desc')).toEqual(['Bravo', 'Charlie', 'Echo', 'alpha', 'Delta']);
    expect(await titles('sort=size')).toEqual(['Echo', 'Charlie', 'Bravo', 'alpha', 'Delta']);
    expect(await titles('sort=status')).toEqual(['Bravo', 'Charlie', 'Echo', 'alpha', 'Delta']);
  });

  it('keeps the order in the URL: the form shows it and page links carry it', async () => {
    const html = await (await pages.get('/library?sort=year&dir=desc&pageSize=2')).text();
    expect(html).toMatch(/<select name="sort">[\s\S]*?<option value="year" selected="">/);
    expect(html).toMatch(/<select name="dir">[\s\S]*?<option value="desc" selected="">/);
    expect(html).toContain('href="/library?sort=year&amp;dir=desc&amp;page=2"');
  });

  it('refuses an unknown order with a clear 400, on the page and in the API', async () => {
    const page = await pages.get('/library?sort=popularity');
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('must be one of title, year, added, status, size');
    const api = await apiClient(svc)('/api/v1/media?sort=year&dir=desc');
    expect(((await api.json()) as { items: Array<{ title: string }> }).items.map((i) => i.title)).toEqual(['Delta', 'Echo', 'Charlie', 'alpha', 'Bravo']);
    expect((await apiClient(svc)('/api/v1/media?dir=sideways')).status).toBe(400);
  });
});
