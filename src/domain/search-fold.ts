// Accent- and normalisation-insensitive matching of titles: "amelie" finds "Amélie" whether the
// title was stored composed (NFC, é) or decomposed (NFD, e + U+0301), "zurich" finds "Zürich".
// The same folding runs in SQL over the stored titles (src/admin/search-text.ts) and here over
// what the user typed, so both sides always agree. Pure: no I/O.

/** Combining marks left after compatibility decomposition (NFKD), removed by the fold. */
export const COMBINING_MARKS_CLASS = '[\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f]';

/** Letters with a stroke have no decomposition; they fold to their base letter. */
export const STROKE_LETTERS = { from: 'øØłŁđĐħĦ', to: 'oOlLdDhH' } as const;

const marks = new RegExp(COMBINING_MARKS_CLASS, 'g');
const strokes = new Map([...STROKE_LETTERS.from].map((ch, i) => [ch, STROKE_LETTERS.to[i]!]));

/** The text as search compares it: NFKD, without combining marks or strokes, lower case. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(marks, '')
    .replace(/[øØłŁđĐħĦ]/g, (ch) => strokes.get(ch) ?? ch)
    .toLowerCase();
}
