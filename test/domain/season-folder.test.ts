import { describe, expect, it } from 'vitest';
import { isSeasonNumber, seasonFileStem, seasonFolderName, seasonFolderProblem } from '../../src/domain/season-folder.ts';

describe('seasonFolderName: the real folder when there is one', () => {
  it.each([
    [1, ['Season 1'], 'Season 1'],
    [1, ['season 01'], 'season 01'],
    [1, ['SEASON 001'], 'SEASON 001'],
    [1, ['Season.1'], 'Season.1'],
    [1, ['season_01'], 'season_01'],
    [1, ['Season-1'], 'Season-1'],
    [1, ['Season1'], 'Season1'],
    [1, ['S01'], 'S01'],
    [1, ['s1'], 's1'],
    [12, ['Season 1', 'Season 2', 'Season 12'], 'Season 12'],
    [0, ['Specials'], 'Specials'],
    [0, ['specials'], 'specials'],
    [0, ['Season 00'], 'Season 00'],
    [0, ['Season 0'], 'Season 0'],
    [0, ['S00'], 'S00'],
  ] as const)('season %i in %j → %s', (season, existing, expected) => {
    expect(seasonFolderName(season, [...existing, 'Extras', 'Trailers', 'poster.jpg'])).toBe(expected);
  });

  it('prefers the "Season" spelling, then Specials, then S01, whatever the listing order', () => {
    expect(seasonFolderName(1, ['S01', 'Season 01'])).toBe('Season 01');
    expect(seasonFolderName(1, ['Season 01', 'S01'])).toBe('Season 01');
    expect(seasonFolderName(0, ['S00', 'Specials'])).toBe('Specials');
    expect(seasonFolderName(0, ['Specials', 'Season 00'])).toBe('Season 00');
    expect(seasonFolderName(2, ['season 2', 'Season 02'])).toBe('season 2'); // first of equal rank
  });
});

describe('seasonFolderName: the folder we create otherwise', () => {
  it.each([
    [1, [], 'Season 01'],
    [9, ['Season 90', 'Season 19', 'S09E01', 'Season 9 extras', 'Season 9x'], 'Season 09'],
    [10, ['Season 1', 'Season 01'], 'Season 10'],
    [123, [], 'Season 123'],
    [0, ['Season 1', 'Special', 'Specials 2'], 'Specials'],
    [0, [], 'Specials'],
  ] as const)('season %i in %j → %s', (season, existing, expected) => {
    expect(seasonFolderName(season, existing)).toBe(expected);
  });

  it('never returns an unsafe listing entry', () => {
    expect(seasonFolderName(1, ['Season 1/..', 'Season 1\0', '..', '', 'S01/x'])).toBe('Season 01');
    expect(seasonFolderName(1, [42 as unknown as string, null as unknown as string])).toBe('Season 01');
  });

  it('refuses a season outside 0–9999', () => {
    for (const season of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 10000]) {
      expect(() => seasonFolderName(season, [])).toThrow(RangeError);
      expect(isSeasonNumber(season)).toBe(false);
    }
    expect(isSeasonNumber('1')).toBe(false);
    expect(isSeasonNumber(0)).toBe(true);
    expect(isSeasonNumber(9999)).toBe(true);
  });
});

describe('season names', () => {
  it('gives season files a stem no server reads as an episode', () => {
    expect(seasonFileStem(1)).toBe('season01');
    expect(seasonFileStem(10)).toBe('season10');
    expect(seasonFileStem(0)).toBe('season-specials');
  });

  it.each([
    ['Season 1', undefined],
    ['Saison\u0301 1', undefined],
    ['', 'is not a folder name'],
    ['..', 'is not a folder name'],
    ['a/b', 'contains a path separator'],
    ['a\\b', 'contains a path separator'],
    ['a\0b', 'contains a NUL byte'],
    ['ß'.repeat(128), 'is over 255 bytes'],
  ])('season folder %j: %s', (name, problem) => expect(seasonFolderProblem(name)).toBe(problem));
});
