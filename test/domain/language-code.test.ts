import { describe, expect, it } from 'vitest';
import { languageCodeProblem } from '../../src/domain/language-code.ts';

describe('preferred language codes (ISO 639-1 / BCP 47)', () => {
  it.each(['en', 'de', 'pt-BR', 'pt-br', 'zh-Hant', 'es-419', 'fr-CA'])('accepts %s', (code) => {
    expect(languageCodeProblem(code)).toBeUndefined();
  });

  it.each([
    ['english', /"english" does not start with a two-letter language code/],
    ['en_US', /"en_US" is not a language code/],
    ['xx', /"xx" names no known language \("xx"\)/],
    ['eng', /does not start with a two-letter language code/],
    ['en-', /is not a language code/],
    ['', /is not a language code|does not start/],
  ])('refuses %s, saying why', (code, why) => {
    expect(languageCodeProblem(code)).toMatch(why);
    expect(languageCodeProblem(code)).toMatch(/ISO 639-1 code such as en, or a BCP 47 tag such as pt-BR$/);
  });
});
