// TMDB's item details (original language, release date, status) against the local fake TMDB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTmdbClient, TmdbError } from '../../src/sources/tmdb-client.ts';
import { startFakeTmdb, type FakeTmdb } from '../pipeline/fake-tmdb.ts';

const KEY = 'tmdb-details-key-0123456789';
let tmdb: FakeTmdb;

beforeAll(async () => {
  tmdb = await startFakeTmdb(KEY);
  tmdb.setDetails('movie', 568160, { original_language: 'ja', release_date: '2019-07-19', status: 'Released', title: 'Weathering with You' });
  tmdb.setDetails('tv', 93405, { original_language: 'ko', first_air_date: '2021-09-17', status: 'Ended' });
  tmdb.setDetails('movie', 7, { original_language: 'Japanese!', release_date: 'soon', status: 42 });
});
afterAll(async () => {
  await tmdb?.close();
});

describe('TMDB details', () => {
  const client = () => createTmdbClient({ baseUrl: tmdb.baseUrl, apiKey: KEY });

  it('reads a movie and a series', async () => {
    expect(await client().details('movie', 568160)).toEqual({ originalLanguage: 'ja', releaseDate: '2019-07-19', status: 'Released' });
    expect(await client().details('series', 93405)).toEqual({ originalLanguage: 'ko', releaseDate: '2021-09-17', status: 'Ended' });
    expect(tmdb.requests.at(-1)).toEqual({ path: '/3/tv/93405', query: { api_key: KEY } });
  });

  it('malformed fields are "not told"; an unknown id is undefined; a wrong key is a permanent error', async () => {
    expect(await client().details('movie', 7)).toEqual({ originalLanguage: undefined, releaseDate: undefined, status: undefined });
    expect(await client().details('movie', 1)).toBeUndefined();
    const wrong = createTmdbClient({ baseUrl: tmdb.baseUrl, apiKey: 'nope' });
    await expect(wrong.details('movie', 568160)).rejects.toMatchObject({ name: 'TmdbError', status: 401, permanent: true });
    await expect(client().details('movie', -3)).rejects.toBeInstanceOf(TmdbError);
  });
});
