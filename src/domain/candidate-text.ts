// Text comparison for ranking search results. Folding (case, diacritics, punctuation) is for
// COMPARISON only: nothing here ever touches a path or a name we write.

// Letters NFKD does not decompose into base + mark.
const EXTRA_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i',
};

/** Lower case, diacritics removed, `&` read as "and", apostrophes dropped (`Don't` → `dont`). */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (ch) => EXTRA_FOLDS[ch] ?? ch)
    .replace(/&/g, ' and ')
    .replace(/['’‘`´]/g, '');
}

/** Folded words: runs of letters and digits. */
export function tokens(text: string): string[] {
  return foldText(text).split(/[^\p{L}\p{N}]+/u).filter((t) => t !== '');
}

// Where a video title changes subject: "Dune | Official Trailer", "Alien (1979) - Trailer".
// A colon is NOT a break: it sits inside titles ("Dune: Part Two", "Mission: Impossible").
const SEGMENT_BREAK = /\s+[-–—~]\s+|[|｜()[\]{}【】「」『』•·/]/u;

/** The title split at separators, each part as folded words. */
export function segmentTokens(title: string): string[][] {
  return title
    .split(SEGMENT_BREAK)
    .map(tokens)
    .filter((segment) => segment.length > 0);
}

/** Index where `phrase` starts in `words`, or -1. */
export function findPhrase(words: readonly string[], phrase: readonly string[]): number {
  if (phrase.length === 0 || phrase.length > words.length) return -1;
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) {
      if (words[i + j] !== phrase[j]) continue outer;
    }
    return i;
  }
  return -1;
}

/**
 * Where `phrase` occurs in `words` ignoring how it is split into words ("Spider-Man" and
 * "Spiderman", "NeverEnding" and "Never Ending"), as a half-open word range. The match must start
 * and end on word boundaries, so "Alien" is not found in "Aliens".
 */
export function findJoined(words: readonly string[], phrase: readonly string[]): { start: number; end: number } | undefined {
  const needle = phrase.join('');
  if (needle === '') return undefined;
  for (let start = 0; start < words.length; start++) {
    let joined = '';
    for (let end = start; end < words.length && joined.length < needle.length; end++) {
      joined += words[end];
      if (joined === needle) return { start, end: end + 1 };
    }
  }
  return undefined;
}

/** The first phrase (given as text) that occurs in `words` as whole consecutive words. */
export function hasAnyPhrase(words: readonly string[], phrases: readonly string[]): string | undefined {
  return phrases.find((phrase) => findPhrase(words, tokens(phrase)) >= 0);
}

const YEAR = /^(?:19|20)\d\d$/;

export function isYear(word: string): boolean {
  return YEAR.test(word);
}

/** Years (1900–2099) written in a title, in order. */
export function yearsIn(words: readonly string[]): number[] {
  return words.filter(isYear).map(Number);
}

export const ARTICLES: ReadonlySet<string> = new Set(['the', 'a', 'an', 'la', 'le', 'les', 'el', 'los', 'las', 'der', 'die', 'das', 'il', 'lo']);

const STOPWORDS: ReadonlySet<string> = new Set([...ARTICLES, 'of', 'and', 'in', 'on', 'at', 'to', 'for', 'de', 'du', 'des', 'et', 'y', 'und', 'von']);

/** Words that carry meaning for matching a title (articles and the like removed). */
export function significantWords(words: readonly string[]): string[] {
  return words.filter((w) => !STOPWORDS.has(w));
}
