// How an item's facts become media columns (pure part of src/library/media-records.ts).
import { describe, expect, it } from 'vitest';
import { mediaFactsProblem, mediaRowValues, mediaUpdateValues } from '../../src/library/media-records.ts';

const arrival = { kind: 'movie', arrId: 57, title: 'Arrival', folderPath: '/movies/Arrival (2016)' } as const;

describe('mediaRowValues / mediaUpdateValues', () => {
  it('writes every stated fact', () => {
    expect(
      mediaRowValues(3, {
        ...arrival,
        year: 2016,
        movieFileRelativePath: 'Arrival.mkv',
        tmdbId: 329871,
        imdbId: 'tt2543199',
        youTubeTrailerId: 'tFMo3UJ4B4g',
        hasFile: true,
        monitored: false,
        originalTitle: 'Story of Your Life',
        alternativeTitles: ['La llegada'],
      }),
    ).toEqual({
      connectionId: 3,
      kind: 'movie',
      arrId: 57,
      title: 'Arrival',
      folderPath: '/movies/Arrival (2016)',
      year: 2016,
      movieFileRelativePath: 'Arrival.mkv',
      tmdbId: 329871,
      imdbId: 'tt2543199',
      youTubeTrailerId: 'tFMo3UJ4B4g',
      hasFile: true,
      monitored: false,
      originalTitle: 'Story of Your Life',
      alternativeTitles: ['La llegada'],
    });
  });

  it('an update leaves out what the item does not state, so stored values survive', () => {
    expect(mediaUpdateValues({ ...arrival, tvdbId: 0 })).toEqual({ title: 'Arrival', folderPath: '/movies/Arrival (2016)', tvdbId: 0 });
  });
});

describe('mediaFactsProblem', () => {
  it('accepts real facts', () => {
    expect(mediaFactsProblem({ ...arrival, year: 2016, tmdbId: 2_147_483_647 })).toBeUndefined();
  });

  it.each([
    [{ arrId: 2 ** 31 }, 'id 2147483648 is outside the range Radarr/Sonarr use (0 to 2147483647)'],
    [{ tmdbId: -1 }, 'tmdbId -1 is outside the range'],
    [{ year: 1.5 }, 'year 1.5 is outside the range'],
    [{ title: 'Arr\u0000ival' }, 'the title contains a NUL character'],
    [{ movieFileRelativePath: 'a\u0000.mkv' }, 'the movie file path contains a NUL character'],
    [{ alternativeTitles: ['ok', 'bad\u0000'] }, 'the alternative title contains a NUL character'],
  ])('refuses %o', (change, problem) => {
    expect(mediaFactsProblem({ ...arrival, ...change })).toContain(problem);
  });
});
