// Pure: whether a preferred language can ever match anything. Trailers are matched by their
// language's two-letter ISO 639-1 code (TMDB's `iso_639_1`, the primary subtag of yt-dlp's
// `language`), so a preference must be a BCP 47 tag whose language is such a code: `en`, `pt-BR`,
// `zh-Hant`. "english", "en_US" or an unknown "xx" would silently never match; they are refused.

import { z } from 'zod';

const knownLanguage = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** Why `code` is not a usable preferred language, or undefined when it is. */
export function languageCodeProblem(code: string): string | undefined {
  const refuse = (why: string) => `"${code}" ${why}: use a two-letter ISO 639-1 code such as en, or a BCP 47 tag such as pt-BR`;
  try {
    Intl.getCanonicalLocales(code);
  } catch {
    return refuse('is not a language code');
  }
  // As written, not canonicalised: matching compares this subtag, and "eng" would never equal "en".
  const primary = code.split('-')[0]?.toLowerCase() ?? '';
  if (!/^[a-z]{2}$/.test(primary)) return refuse('does not start with a two-letter language code');
  if (knownLanguage.of(primary) === undefined) return refuse(`names no known language ("${primary}")`);
  return undefined;
}

/** A preferred language as settings store it; the issue names the code and what to use instead. */
export const languageCodeSchema = z
  .string()
  .max(35)
  .superRefine((code, ctx) => {
    const problem = languageCodeProblem(code);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });
