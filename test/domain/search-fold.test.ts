import { describe, expect, it } from 'vitest';
import { foldForSearch } from '../../src/domain/search-fold.ts';

describe('foldForSearch', () => {
  it('folds accents, case and Unicode normal form to one text', () => {
    expect(foldForSearch('Amélie')).toBe('amelie');
    expect(foldForSearch('Ame\u0301lie')).toBe('amelie');
    expect(foldForSearch('ZÜRICH')).toBe('zurich');
    expect(foldForSearch('Łódź')).toBe('lodz');
    expect(foldForSearch('Ø')).toBe('o');
    // Compatibility forms: the ligature and full-width letters are plain letters.
    expect(foldForSearch('ﬁlm')).toBe('film');
    expect(foldForSearch('ＡＢＣ')).toBe('abc');
  });

  it('leaves text without accents as it was, lower-cased', () => {
    expect(foldForSearch('The Matrix 1999')).toBe('the matrix 1999');
    expect(foldForSearch('100% _wild_')).toBe('100% _wild_');
  });
});
