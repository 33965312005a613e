import { describe, expect, it } from 'vitest';
import { radarrMovieSchema } from '../../src/arr/radarr-api.ts';
import { sonarrSeriesSchema } from '../../src/arr/sonarr-api.ts';
import { arrFieldsDiffer, fullMediaValues, locationChanged, movieFacts, seriesFacts } from '../../src/sync/media-values.ts';
import { arrFixture, type JsonObject } from '../support/fake-arr-data.ts';

const fixtureMovie = () => arrFixture<JsonObject>('radarr', 'api-movie');
const movieValues = (changes: JsonObject = {}) => fullMediaValues(3, movieFacts(radarrMovieSchema.parse({ ...fixtureMovie(), ...changes })));

describe('API resources as media rows', () => {
  it('maps a Radarr movie with every field the row keeps', () => {
    expect(movieValues()).toEqual({
      connectionId: 3,
      kind: 'movie',
      arrId: 42,
      title: 'Blade Runner 2049',
      originalTitle: null,
      alternativeTitles: ['Blade Runner 2', '银翼杀手2049'],
      year: 2017,
      folderPath: '/movies/Blade Runner 2049 (2017)',
      movieFileRelativePath: fixtureMovie()['movieFile'].relativePath,
      tmdbId: fixtureMovie()['tmdbId'],
      imdbId: fixtureMovie()['imdbId'],
      tvdbId: null,
      youTubeTrailerId: 'qV7pLs0dKx4',
      monitored: true,
      hasFile: true,
      originalLanguage: 'en',
      releaseStatus: 'released',
      premiereDate: '2017-10-04',
      digitalReleaseDate: '2017-12-26',
      physicalReleaseDate: '2018-01-16',
      tags: [],
      seasons: [],
      posterRemoteUrl: 'https://image.tmdb.org/t/p/original/q7RkVw2xPbN3hLe0Yd5sTaJm8uC.jpg',
      posterPath: '/MediaCover/42/poster.jpg?lastWrite=638664391204817236',
    });
  });

  it('names the tags with the /tag labels (unknown ids dropped) and keeps the seasons Sonarr lists', () => {
    const movie = radarrMovieSchema.parse({ ...fixtureMovie(), tags: [2, 5, 9] });
    expect(fullMediaValues(3, movieFacts(movie, new Map([[2, '4k'], [5, 'trailers']]))).tags).toEqual(['4k', 'trailers']);
    const series = sonarrSeriesSchema.parse({ ...arrFixture<JsonObject>('sonarr', 'api-series'), tags: [3] });
    const values = fullMediaValues(4, seriesFacts(series, new Map([[3, 'anime']])));
    expect(values.tags).toEqual(['anime']);
    expect(values.seasons).toEqual([
      { number: 0, monitored: false },
      { number: 1, monitored: true },
      { number: 2, monitored: true },
    ]);
  });

  it('stores the poster only when it is safe: https remote URL, the Arr\'s own cover path (URL base removed)', () => {
    const poster = (entry: JsonObject) => movieValues({ images: [{ coverType: 'fanart', url: '/MediaCover/42/fanart.jpg' }, { coverType: 'poster', ...entry }] });
    expect(poster({ url: '/radarr/MediaCover/42/poster.jpg?lastWrite=1', remoteUrl: 'https://image.tmdb.org/t/p/original/a.jpg' })).toMatchObject({
      posterPath: '/MediaCover/42/poster.jpg?lastWrite=1',
      posterRemoteUrl: 'https://image.tmdb.org/t/p/original/a.jpg',
    });
    expect(poster({ url: 'https://elsewhere.example/MediaCover/42/poster.jpg', remoteUrl: 'javascript:alert(1)' })).toMatchObject({
      posterPath: null,
      posterRemoteUrl: null,
    });
    // No images at all (an older Arr, or a movie TMDB has no art for): none, and the sync clears a stale one.
    expect(movieValues({ images: [] })).toMatchObject({ posterPath: null, posterRemoteUrl: null });
    expect(arrFieldsDiffer(movieValues(), movieValues({ images: [] }))).toBe(true);
  });

  it('reads the original language by name and the release facts leniently', () => {
    expect(movieValues({ originalLanguage: { id: 8, name: 'Japanese' }, status: 'announced', inCinemas: '2027-06-30T00:00:00Z' })).toMatchObject({
      originalLanguage: 'ja',
      releaseStatus: 'announced',
      premiereDate: '2027-06-30',
    });
    // Unknown language, a date that is not one, a status of the wrong type: not told, never a failed sync.
    expect(movieValues({ originalLanguage: { id: 0, name: 'Unknown' }, status: 7, inCinemas: 'soon', digitalRelease: '0001-01-01T00:00:00Z' })).toMatchObject({
      originalLanguage: null,
      releaseStatus: null,
      premiereDate: null,
      digitalReleaseDate: null,
    });
  });

  it('writes "none" as null: no file, year 0, empty trailer id, a translated title keeps the original', () => {
    const values = movieValues({ hasFile: false, year: 0, youTubeTrailerId: '', title: 'Blade Runner 2049 (FR)' });
    expect(values).toMatchObject({ movieFileRelativePath: null, hasFile: false, year: null, youTubeTrailerId: null, originalTitle: 'Blade Runner 2049' });
  });

  it('maps a Sonarr series: tvdb id, and "has files" once an episode is on disk', () => {
    const raw = arrFixture<JsonObject>('sonarr', 'api-series');
    const values = fullMediaValues(4, seriesFacts(sonarrSeriesSchema.parse(raw)));
    expect(values).toMatchObject({ kind: 'series', arrId: raw['id'], tvdbId: raw['tvdbId'], folderPath: raw['path'], movieFileRelativePath: null });
    expect(values.hasFile).toBe(raw['statistics'].episodeFileCount > 0);
    const empty = fullMediaValues(4, seriesFacts(sonarrSeriesSchema.parse({ ...raw, statistics: { episodeFileCount: 0 } })));
    expect(empty.hasFile).toBe(false);
  });

  it('tells a change from a move', () => {
    const base = movieValues();
    expect(arrFieldsDiffer(base, movieValues())).toBe(false);
    expect(arrFieldsDiffer(base, movieValues({ monitored: false }))).toBe(true);
    expect(arrFieldsDiffer(base, movieValues({ alternateTitles: [] }))).toBe(true);
    expect(locationChanged(base, movieValues({ monitored: false }))).toBe(false);
    expect(locationChanged(base, movieValues({ path: '/movies/Elsewhere' }))).toBe(true);
    const renamed = movieValues({ movieFile: { ...fixtureMovie()['movieFile'], relativePath: 'New Name.mkv' } });
    expect(locationChanged(base, renamed)).toBe(true);
  });
});
