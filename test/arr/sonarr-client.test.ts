import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArrRequestError } from '../../src/arr/arr-http.ts';
import { SonarrClient } from '../../src/arr/sonarr-client.ts';
import { startFakeSonarr, type FakeArrServer } from '../support/fake-arr.ts';
import { generateSeries } from '../support/fake-arr-data.ts';

let sonarr: FakeArrServer;
beforeEach(async () => {
  sonarr = await startFakeSonarr({ apiKey: 'sonarr-SECRET-key' });
});
afterEach(async () => {
  await sonarr.close();
});

function client(timeoutMs = 5000): SonarrClient {
  return new SonarrClient({ name: 'TV', baseUrl: sonarr.url, apiKey: sonarr.apiKey, timeoutMs }, { retries: 1, retryBaseDelayMs: 5 });
}

describe('SonarrClient against the fake Sonarr', () => {
  it('lists series with ids, path and episode file count', async () => {
    const { items, skipped } = await client().series();
    expect(skipped).toEqual([]);
    expect(items.map((series) => [series.id, series.path, series.episodeFileCount])).toEqual([
      [7, '/tv/Severance', 11],
      [12, '/tv/The Expanse', 22],
      [19, "/anime/Frieren - Beyond Journey's End", 3],
    ]);
    expect(items[0]).toEqual({
      id: 7,
      title: 'Severance',
      year: 2022,
      path: '/tv/Severance',
      monitored: true,
      tvdbId: 371999,
      tmdbId: 95341,
      imdbId: 'tt11280799',
      episodeFileCount: 11,
      tags: [3],
      seasons: [
        { seasonNumber: 0, monitored: false },
        { seasonNumber: 1, monitored: true },
        { seasonNumber: 2, monitored: true },
      ],
      originalLanguage: 'en',
      status: 'continuing',
      firstAired: '2022-02-18',
      images: {
        posterRemoteUrl: 'https://artworks.thetvdb.com/banners/v4/series/371999/posters/678a1f3e5c0b2.jpg',
        posterPath: '/MediaCover/7/poster.jpg?lastWrite=638745120006602714',
      },
    });
  });

  it('gets one series; undefined when gone; sees changes made at runtime', async () => {
    expect((await client().seriesById(12))?.title).toBe('The Expanse');
    sonarr.patch(12, { path: '/tv-archive/The Expanse', statistics: { episodeFileCount: 0 } });
    expect(await client().seriesById(12)).toMatchObject({ path: '/tv-archive/The Expanse', episodeFileCount: 0 });
    sonarr.remove(12);
    expect(await client().seriesById(12)).toBeUndefined();
    await expect(client().seriesById(0)).rejects.toThrow(RangeError);
  });

  it('reads system status and root folders', async () => {
    expect((await client().systemStatus()).appName).toBe('Sonarr');
    expect((await client().rootFolders()).items.length).toBeGreaterThan(0);
  });

  it('skips a malformed series among many and reports it by index and id', async () => {
    sonarr.items.clear();
    for (const series of generateSeries(2_000, { rootFolder: '/tv' })) sonarr.upsert(series);
    sonarr.patch(1010, { statistics: { episodeFileCount: 'many' } });
    const { items, skipped } = await client(30_000).series();
    expect(items).toHaveLength(1_999);
    expect(skipped).toEqual([
      { index: 10, id: 1010, title: sonarr.items.get(1010)?.['title'], issues: [{ path: 'statistics.episodeFileCount', message: expect.any(String) }] },
    ]);
  });

  it('a list endpoint that answers with an object is an unexpected reply', async () => {
    sonarr.rootFolders = { message: 'not a list' } as never;
    const error = await client().rootFolders().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ArrRequestError);
    expect((error as ArrRequestError).kind).toBe('unexpected-reply');
    expect((error as ArrRequestError).message).toContain('expected a JSON array, got an object');
  });

  it('a Radarr answering on a Sonarr connection has no /series: not-found', async () => {
    sonarr.fail({ mode: 'wrong-app' });
    const error = await client().series().catch((caught: unknown) => caught);
    expect((error as ArrRequestError).kind).toBe('not-found');
  });
});
