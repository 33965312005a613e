// TMDB's video lists per kind against the local fake TMDB: the type filter, the languages asked
// for (and what TMDB then leaves out), a season's own videos, and the ranking per kind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmdbVideoTypes } from '../../src/sources/kind-sources.ts';
import { createTmdbClient, TmdbError } from '../../src/sources/tmdb-client.ts';
import { tmdbCandidates } from '../../src/sources/tmdb-ranking.ts';
import { startFakeTmdb, type FakeTmdb } from '../pipeline/fake-tmdb.ts';

const KEY = 'tmdb-videos-key-0123456789';
const TEMPLATE = 'https://www.youtube.com/watch?v={id}';
let tmdb: FakeTmdb;

beforeAll(async () => {
  tmdb = await startFakeTmdb(KEY);
  tmdb.setVideos('movie', 438631, [
    { key: 'duneTrail01', name: 'Official Main Trailer', type: 'Trailer', official: true, iso_639_1: 'en' },
    { key: 'duneTeas002', name: 'Official Teaser', type: 'Teaser', official: true, iso_639_1: 'en' },
    { key: 'duneFeat003', name: 'Inside the Sandworm Featurette', type: 'Featurette', official: true, iso_639_1: 'en' },
    { key: 'duneBts0004', name: 'Behind the Scenes: Filming in Jordan', type: 'Behind the Scenes', official: true, iso_639_1: 'en' },
    { key: 'duneBlop005', name: 'Bloopers', type: 'Bloopers', official: false, iso_639_1: 'en' },
    { key: 'duneClip006', name: '"Gom Jabbar" Clip', type: 'Clip', official: true, iso_639_1: 'en' },
    { key: 'duneFeatDe7', name: 'Featurette (Deutsch)', type: 'Featurette', official: true, iso_639_1: 'de' },
    { key: 'duneFeatNo8', name: 'Featurette without language', type: 'Featurette', official: true, iso_639_1: null },
    { key: 'duneOpen009', name: 'Opening Credits', type: 'Opening Credits', official: true, iso_639_1: 'en' },
  ]);
  tmdb.setVideos('tv', 136315, [{ key: 'bearSeries1', name: 'The Bear | Official Trailer', type: 'Trailer', official: true, iso_639_1: 'en' }]);
  tmdb.setSeasonVideos(136315, 2, [
    { key: 'bearS2Trail', name: 'Season 2 Official Trailer', type: 'Trailer', official: true, iso_639_1: 'en' },
    { key: 'bearS2Teasr', name: 'Season 2 Teaser', type: 'Teaser', official: true, iso_639_1: 'en' },
    { key: 'bearS2Recap', name: 'Season 1 Recap', type: 'Recap', official: true, iso_639_1: 'en' },
  ]);
});
afterAll(async () => {
  await tmdb?.close();
});

const client = () => createTmdbClient({ baseUrl: tmdb.baseUrl, apiKey: KEY });
const keys = (videos: readonly { key: string }[]): string[] => videos.map((v) => v.key);

describe('TMDB videos per kind', () => {
  it('without a filter lists every type, asking for the preferred languages and videos without one', async () => {
    const all = await client().videos('movie', 438631, ['en-US', 'fr']);
    expect(tmdb.requests.at(-1)).toEqual({ path: '/3/movie/438631/videos', query: { include_video_language: 'en,fr,null', api_key: KEY } });
    // The German featurette is not in a language asked for: TMDB leaves it out.
    expect(keys(all)).toEqual(['duneTrail01', 'duneTeas002', 'duneFeat003', 'duneBts0004', 'duneBlop005', 'duneClip006', 'duneFeatNo8', 'duneOpen009']);
  });

  it.each([
    ['featurette', ['duneFeat003', 'duneFeatNo8']],
    ['behind-the-scenes', ['duneBts0004', 'duneBlop005']],
    ['clip', ['duneClip006']],
    ['teaser', ['duneTeas002']],
  ] as const)('the %s filter keeps only its TMDB types', async (kind, expected) => {
    const types = tmdbVideoTypes({ kind });
    const videos = await client().videos('movie', 438631, ['en'], undefined, { types: [...types.accepted, ...types.downRanked] });
    expect(keys(videos)).toEqual(expected);
  });

  it('a German user gets the German featurette', async () => {
    const videos = await client().videos('movie', 438631, ['de'], undefined, { types: ['Featurette'] });
    expect(keys(videos)).toEqual(['duneFeatDe7', 'duneFeatNo8']);
  });

  it("reads a season's own videos; a season of a movie or a negative season is refused before asking", async () => {
    const videos = await client().videos('series', 136315, ['en'], undefined, { season: 2 });
    expect(tmdb.requests.at(-1)?.path).toBe('/3/tv/136315/season/2/videos');
    expect(keys(videos)).toEqual(['bearS2Trail', 'bearS2Teasr', 'bearS2Recap']);
    const ranked = tmdbCandidates(videos, ['en'], TEMPLATE, { kind: 'trailer', season: 2 });
    expect(ranked.map((c) => [c.videoId, c.excluded])).toEqual([
      ['bearS2Trail', false],
      ['bearS2Teasr', false],
      ['bearS2Recap', true],
    ]);
    expect(await client().videos('series', 136315, ['en'], undefined, { season: 7 })).toEqual([]);
    const before = tmdb.requests.length;
    await expect(client().videos('movie', 438631, ['en'], undefined, { season: 2 })).rejects.toBeInstanceOf(TmdbError);
    await expect(client().videos('series', 136315, ['en'], undefined, { season: -1 })).rejects.toMatchObject({ permanent: true });
    expect(tmdb.requests.length).toBe(before);
  });
});

describe('TMDB ranking per kind', () => {
  it('a featurette slot takes the Featurette and lists the trailer as excluded', async () => {
    const videos = await client().videos('movie', 438631, ['en']);
    const ranked = tmdbCandidates(videos, ['en'], TEMPLATE, { kind: 'featurette' });
    expect(ranked[0]).toMatchObject({ videoId: 'duneFeat003', excluded: false, reasons: expect.arrayContaining(['+30 TMDB type Featurette']) });
    expect(ranked.find((c) => c.videoId === 'duneTrail01')?.reasons[0]).toBe('excluded: TMDB type Trailer is not a featurette');
    expect(ranked.filter((c) => !c.excluded).map((c) => c.videoId)).toEqual(['duneFeat003', 'duneFeatNo8']);
  });

  it('behind the scenes takes bloopers only below the real thing; the trailer slot still takes a teaser below the trailer', async () => {
    const videos = await client().videos('movie', 438631, ['en']);
    const bts = tmdbCandidates(videos, ['en'], TEMPLATE, { kind: 'behind-the-scenes' });
    expect(bts.filter((c) => !c.excluded).map((c) => c.videoId)).toEqual(['duneBts0004', 'duneBlop005']);
    expect(bts[1]?.reasons).toContain('-10 TMDB type Bloopers (down-ranked)');
    const trailer = tmdbCandidates(videos, ['en'], TEMPLATE);
    expect(trailer.filter((c) => !c.excluded).map((c) => c.videoId)).toEqual(['duneTrail01', 'duneTeas002']);
    expect(trailer.find((c) => c.videoId === 'duneOpen009')?.reasons[0]).toBe('excluded: TMDB type Opening Credits is not a trailer');
  });
});
