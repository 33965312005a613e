/**
 * The library's "missing <kind>" filter (issue #19): an item is missing a kind when an enabled
 * profile of that kind has a slot row for it that is not have/external, or, for trailers, when its
 * main trailer (the media row's status) is not. Kept in the URL with the other filters, counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProfile } from '../../../src/admin/profiles.ts';
import { mediaSlots } from '../../../src/db/schema/index.ts';
import { apiClient } from '../../ui/api-client.ts';
import { signedInPages, type PageClient } from '../../ui/page-client.ts';
import { seedConnection, seedMedia } from '../../ui/seed.ts';
import { testBackend } from '../../support/test-db.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';

describe(`library "missing" filter (${testBackend})`, () => {
  let svc: TestService;
  let pages: PageClient;
  const db = () => svc.deps.database.db;
  const titles = async (query: string) => {
    const res = await apiClient(svc)(`/api/v1/media?${query}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { total: number; items: Array<{ title: string }> };
    return { total: body.total, titles: body.items.map((i) => i.title) };
  };

  beforeAll(async () => {
    svc = await startTestService({ workers: () => [] });
    pages = await signedInPages(svc);
    const profile = async (input: Record<string, unknown>) => {
      const result = await createProfile(db(), input);
      if (!result.ok) throw new Error(result.message);
      return result.profile.id;
    };
    const featurettes = await profile({ name: 'Featurettes', kind: 'featurette' });
    const oldFeaturettes = await profile({ name: 'Old featurettes', kind: 'featurette', enabled: false });
    const seasonTrailers = await profile({ name: 'Season trailers', kind: 'trailer', scope: 'season' });
    const theme = await profile({ name: 'Theme', kind: 'theme-music' });
    const conn = await seedConnection(db());
    const item = (title: string, values: Record<string, unknown> = {}) => seedMedia(db(), conn.id, { title, trailerStatus: 'have', ...values });
    const slot = (mediaId: number, profileId: number, status: 'missing' | 'queued' | 'have' | 'external' | 'needs-attention', season: number | null = null) =>
      db().insert(mediaSlots).values({ mediaId, profileId, season, status });

    await slot((await item('Alpha')).id, featurettes, 'missing');
    await slot((await item('Bravo')).id, featurettes, 'have');
    await slot((await item('Charlie')).id, oldFeaturettes, 'missing'); // a disabled profile wants nothing
    await item('Delta'); // no slot row: nothing planned for it
    await slot((await item('Echo')).id, featurettes, 'needs-attention');
    await slot((await item('Foxtrot')).id, featurettes, 'external');
    await item('Golf', { trailerStatus: 'missing' });
    await slot((await item('Hotel', { kind: 'series' })).id, seasonTrailers, 'queued', 1);
    await item('India', { trailerStatus: 'external' });
    await slot((await item('Juliet')).id, theme, 'missing');
  });
  afterAll(async () => {
    await svc?.stop();
  });

  it('finds the items missing each kind, and only those', async () => {
    expect(await titles('missing=featurette')).toEqual({ total: 2, titles: ['Alpha', 'Echo'] });
    // The main trailer (media row) or a season trailer slot.
    expect(await titles('missing=trailer')).toEqual({ total: 2, titles: ['Golf', 'Hotel'] });
    expect(await titles('missing=theme-music')).toEqual({ total: 1, titles: ['Juliet'] });
    expect(await titles('missing=interview')).toEqual({ total: 0, titles: [] });
    expect((await titles('missing=all')).total).toBe(10);
    // Combined with the other filters.
    expect(await titles('missing=trailer&kind=series')).toEqual({ total: 1, titles: ['Hotel'] });
    expect((await apiClient(svc)('/api/v1/media?missing=extras')).status).toBe(400);
  });

  it('shows the choice and the count on the page, and keeps it in the page links', async () => {
    const html = await (await pages.get('/library?missing=featurette&pageSize=1')).text();
    expect(html).toMatch(/<select name="missing">[\s\S]*<option value="featurette" selected="">Featurette<\/option>/);
    expect(html).toMatch(/id="missing-count"[^>]*>2 items are missing a featurette\./);
    expect(html).toContain('href="/library?missing=featurette&amp;page=2"');
    const one = await (await pages.get('/library?missing=theme-music')).text();
    expect(one).toMatch(/1 item is missing theme music\./);
  });
});
