import { describe, expect, it } from 'vitest';
import { detectLanguages, primaryLanguage } from '../../src/domain/candidate-language.ts';

const langs = (title: string, language?: string): string[] => [...detectLanguages({ id: 'xxxxxxxxxxx', title, language })].sort();

describe('detectLanguages', () => {
  it.each([
    ['DUNE Trailer German Deutsch (2021)', ['de']],
    ["Le Fabuleux Destin d'Amélie Poulain - Bande-annonce officielle", ['fr']],
    ['Dune - Bande-annonce VOSTFR', []],
    ['Dune Tráiler Español Latino', ['es']],
    ['Dune Trailer Subtitulado', []],
    ['Parasite Official Trailer English Subtitles', []],
    ['Dune Official Trailer (English)', ['en']],
    ['君の名は。 予告', ['ja']],
    ['기생충 예고편', ['ko']],
    ['Дюна — Русский трейлер', ['ru']],
    ['Dune | Official Trailer', []],
  ])('%s → %j', (title, expected) => {
    expect(langs(title)).toEqual(expected);
  });

  it("takes yt-dlp's language field, reduced to the primary subtag", () => {
    expect(langs('Dune | Official Trailer', 'en-US')).toEqual(['en']);
    expect(langs('Dune Trailer Deutsch', 'en')).toEqual(['de', 'en']);
  });
});

describe('primaryLanguage', () => {
  it.each([
    ['en-US', 'en'],
    ['pt_BR', 'pt'],
    ['DE', 'de'],
    ['deu', 'de'],
    ['fre', 'fr'],
    [' ja ', 'ja'],
  ])('%s → %s', (code, expected) => expect(primaryLanguage(code)).toBe(expected));
});
