import { describe, expect, it } from 'vitest';
import { tokens } from '../../src/domain/candidate-text.ts';
import { seasonsNamed, seasonVerdict } from '../../src/domain/season-rules.ts';

describe('seasons a title names', () => {
  it.each([
    ['The Bear | Season 2 Official Trailer', [2]],
    ['The Bear Season Two | Teaser', [2]],
    ['Stranger Things S4 | Official Trailer', [4]],
    ['Dark S02E01 recap', [2]],
    ['The Crown: Series 2 Trailer', [2]],
    ['Squid Game 2nd Season | Trailer', [2]],
    ['Shōgun — The Second Season', [2]],
    ['Severance Seasons 1 & 2 Supercut', [1, 2]],
    ['The Bear | Official Series Trailer', []],
    ['The 4400 | Official Trailer', []],
    ['Series of Unfortunate Events | first series', []],
  ])('%s → %j', (title, seasons) => {
    expect(seasonsNamed(tokens(title))).toEqual(seasons);
  });
});

describe('a number right after the series title', () => {
  const strangerThings = [tokens('Stranger Things')];
  it('names a season ("Stranger Things 4"), but only when the titles are given and only 1-2 digits', () => {
    expect(seasonsNamed(tokens('Stranger Things 4 | Official Trailer | Netflix'), strangerThings)).toEqual([4]);
    expect(seasonsNamed(tokens('Stranger Things 4 | Official Trailer | Netflix'))).toEqual([]);
    expect(seasonsNamed(tokens('Blade Runner 2049 | Trailer'), [tokens('Blade Runner')])).toEqual([]);
    expect(seasonVerdict(tokens('Stranger Things 3 | Final Trailer'), 4, strangerThings).excluded).toBe('names season 3, not season 4');
  });
});

describe('the season-slot rule', () => {
  it('names the season: scored up', () => {
    expect(seasonVerdict(tokens('The Bear | Season 2 | Official Trailer'), 2)).toEqual({ signals: [{ points: 20, reason: 'names season 2' }] });
  });

  it('names another season, or none: excluded', () => {
    expect(seasonVerdict(tokens('The Bear | Season 3 | Official Trailer'), 2).excluded).toBe('names season 3, not season 2');
    expect(seasonVerdict(tokens('The Bear | Official Trailer'), 2).excluded).toBe('does not name season 2');
  });

  it('a whole-series trailer that also names the season: scored down', () => {
    const verdict = seasonVerdict(tokens('The Bear | All Seasons | Season 2 Trailer'), 2);
    expect(verdict.excluded).toBeUndefined();
    expect(verdict.signals).toContainEqual({ points: -15, reason: 'whole-series trailer (all seasons)' });
    expect(seasonVerdict(tokens('Severance Seasons 1 and 2 Trailer'), 2).signals).toContainEqual({ points: -15, reason: 'whole-series trailer (seasons 1, 2)' });
  });
});
