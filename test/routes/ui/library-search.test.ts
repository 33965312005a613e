/**
 * Library search ignores accents and Unicode normal form, in the database (issue #21, item 3):
 * "amelie" and "zurich" find their titles, and "Amélie" typed composed finds a title stored
 * decomposed (NFD), on the page and in the JSON API alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '../../support/test-db.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';
import { apiClient } from '../../ui/api-client.ts';
import { signedInPages, type PageClient } from '../../ui/page-client.ts';
import { seedConnection, seedMedia } from '../../ui/seed.ts';

describe(`accent-insensitive library search (${testBackend})`, () => {
  let svc: TestService;
  let pages: PageClient;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    svc = await startTestService({ workers: () => [] });
    pages = await signedInPages(svc);
    const db = svc.deps.database.db;
    const conn = await seedConnection(db);
    const titles: Array<[key: string, title: string, original?: string]> = [
      ['nfc', 'Amélie'.normalize('NFC')],
      ['nfd', 'Le Fabuleux Destin d’Amélie Poulain'.normalize('NFD')],
      ['zurich', 'Zürich Transit'],
      ['lodz', 'Łódź Story'],
      ['original', 'Spirited Away', 'Sen to Chihiro no Kamikakushi – Édition'],
      ['other', 'Arrival'],
      ['percent', '100% Wolf'],
    ];
    for (const [key, title, originalTitle] of titles) ids[key] = (await seedMedia(db, conn.id, { title, originalTitle: originalTitle ?? null })).id;
  });
  afterAll(async () => {
    await svc?.stop();
  });

  /** The media ids of the rows the library page lists for a search. */
  const pageHits = async (q: string) => {
    const html = await (await pages.get(`/library?q=${encodeURIComponent(q)}`)).text();
    return [...html.matchAll(/<tr id="media-row-(\d+)"/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
  };
  const expected = (...keys: string[]) => keys.map((key) => ids[key]!).sort((a, b) => a - b);

  it('finds titles without their accents, in either normal form', async () => {
    expect(await pageHits('amelie')).toEqual(expected('nfc', 'nfd'));
    expect(await pageHits('Amélie'.normalize('NFC'))).toEqual(expected('nfc', 'nfd'));
    expect(await pageHits('Amélie'.normalize('NFD'))).toEqual(expected('nfc', 'nfd'));
    expect(await pageHits('AMÉLIE POULAIN')).toEqual(expected('nfd'));
    expect(await pageHits('zurich')).toEqual(expected('zurich'));
    expect(await pageHits('lodz')).toEqual(expected('lodz'));
    expect(await pageHits('edition')).toEqual(expected('original'));
  });

  it('still treats % and _ as plain characters and finds nothing for a miss', async () => {
    expect(await pageHits('100%')).toEqual(expected('percent'));
    expect(await pageHits('%')).toEqual(expected('percent'));
    expect(await pageHits('_')).toEqual([]);
    expect(await pageHits('nothing like this')).toEqual([]);
  });

  it('answers the JSON API the same way', async () => {
    const res = await apiClient(svc)('/api/v1/media?q=amelie');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: Array<{ id: number }> };
    expect(body.items.map((item) => item.id).sort((a, b) => a - b)).toEqual(expected('nfc', 'nfd'));
  });
});
