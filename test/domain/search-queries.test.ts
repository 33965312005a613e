import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY_TEMPLATE, MAX_SEARCHES, queryTemplateProblem, renderQuery, searchQueries } from '../../src/domain/search-queries.ts';

describe('search query template', () => {
  it('the default keeps the old queries', () => {
    expect(renderQuery(DEFAULT_QUERY_TEMPLATE, { kind: 'movie', title: 'Dune', year: 2021 })).toBe('Dune 2021 trailer');
    expect(renderQuery(DEFAULT_QUERY_TEMPLATE, { kind: 'series', title: 'The Bear', year: 2022 })).toBe('The Bear 2022 series trailer');
    expect(renderQuery(DEFAULT_QUERY_TEMPLATE, { kind: 'movie', title: '  Alien ', year: null })).toBe('Alien trailer');
  });

  it('fills {original_title} (the title when there is none) and removes control characters', () => {
    const item = { kind: 'movie' as const, title: 'Parasite', year: 2019, originalTitle: '기생충' };
    expect(renderQuery('{original_title} {year} 예고편', item)).toBe('기생충 2019 예고편');
    expect(renderQuery('{original_title} trailer', { ...item, originalTitle: null })).toBe('Parasite trailer');
    expect(renderQuery('{title} official trailer', { kind: 'movie', title: 'Evil\ntitle\u0000' })).toBe('Evil title official trailer');
  });

  it('refuses unknown tokens, control characters, and a template without a title', () => {
    expect(queryTemplateProblem('{title} {year} trailer')).toBeUndefined();
    expect(queryTemplateProblem('{name} trailer')).toMatch(/must contain \{title\}/);
    expect(queryTemplateProblem('{title} {director}')).toMatch(/unknown token \{director\}/);
    expect(queryTemplateProblem('{title}\u0007')).toBe('must not contain control characters');
  });
});

describe('the searches for an item', () => {
  it('template first, then the original title, then alternate titles, without repeats', () => {
    const queries = searchQueries('{title} {year} official trailer', {
      kind: 'movie',
      title: 'Weathering with You',
      year: 2019,
      originalTitle: '天気の子',
      alternativeTitles: ['weathering with you', 'Tenki no Ko', 'Das Mädchen, das die Sonne berührte', 'Fifth'],
    });
    expect(queries).toEqual(['Weathering with You 2019 official trailer', '天気の子 2019 trailer', 'weathering with you 2019 trailer', 'Tenki no Ko 2019 trailer']);
    expect(queries.length).toBe(MAX_SEARCHES);
  });
});

describe('the searches for other kinds and for a season', () => {
  const dune = { kind: 'movie' as const, title: 'Dune', year: 2021, originalTitle: 'Dune', alternativeTitles: ['Dune: Part One'] };
  const bear = { kind: 'series' as const, title: 'The Bear', year: 2022 };

  it('the trailer keeps the user template (the default Wanted is the trailer)', () => {
    expect(searchQueries('{title} {year} official trailer', dune, { kind: 'trailer' })).toEqual(searchQueries('{title} {year} official trailer', dune));
    expect(searchQueries('{title} {year} official trailer', dune)[0]).toBe('Dune 2021 official trailer');
  });

  it.each([
    ['teaser', ['Dune 2021 teaser', 'Dune teaser trailer', 'Dune: Part One 2021 teaser']],
    ['featurette', ['Dune 2021 featurette', 'Dune: Part One 2021 featurette']],
    ['behind-the-scenes', ['Dune 2021 behind the scenes', 'Dune making of', 'Dune: Part One 2021 behind the scenes']],
    ['clip', ['Dune 2021 clip', 'Dune scene', 'Dune: Part One 2021 clip']],
    ['interview', ['Dune 2021 interview', 'Dune cast interview', 'Dune: Part One 2021 interview']],
    ['theme-music', ['Dune 2021 main theme', 'Dune theme song', 'Dune opening theme', 'Dune: Part One 2021 main theme']],
  ] as const)('a %s: its own words, not the template', (kind, expected) => {
    expect(searchQueries('{title} {year} official trailer', dune, { kind })).toEqual(expected);
  });

  it("a series' theme is its opening", () => {
    expect(searchQueries(DEFAULT_QUERY_TEMPLATE, bear, { kind: 'theme-music' })).toEqual(['The Bear 2022 opening theme', 'The Bear theme song', 'The Bear intro']);
  });

  it('a season: "season N" and, for a series, "series N"; no year', () => {
    expect(searchQueries(DEFAULT_QUERY_TEMPLATE, bear, { kind: 'trailer', season: 2 })).toEqual(['The Bear season 2 trailer', 'The Bear series 2 trailer']);
    expect(searchQueries(DEFAULT_QUERY_TEMPLATE, { ...bear, originalTitle: 'El Oso' }, { kind: 'teaser', season: 3 })).toEqual([
      'The Bear season 3 teaser',
      'The Bear series 3 teaser',
      'The Bear season 3 teaser trailer',
      'El Oso season 3 teaser',
    ]);
  });

  it('control characters in a title become spaces in every kind', () => {
    expect(searchQueries(DEFAULT_QUERY_TEMPLATE, { kind: 'movie', title: 'Evil\ntitle\u0000' }, { kind: 'clip' })[0]).toBe('Evil title clip');
  });
});
