import { findJoined, hasAnyPhrase } from './candidate-text.ts';

// Pure: which seasons a video title names, and the rule for a season slot ("season 2 trailer"):
// the title must name that season and no other one. English only, digits or number words:
// "Season 2", "Season Two", "S2", "S02E01", "Series 2" (British), "2nd Season", "Second Season".

export interface SeasonSignal {
  points: number;
  reason: string;
}

const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const ORDINAL_WORDS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth'];
const SEASON_WORDS = new Set(['season', 'seasons', 'series']);
const SHORT_FORM = /^s(\d{1,3})(?:e\d{1,4})?$/;
const ORDINAL_DIGITS = /^(\d{1,3})(?:st|nd|rd|th)$/;

function numberOf(word: string | undefined): number | undefined {
  if (word === undefined) return undefined;
  if (/^\d{1,3}$/.test(word)) return Number(word);
  const index = NUMBER_WORDS.indexOf(word);
  return index >= 0 ? index + 1 : undefined;
}

function ordinalOf(word: string | undefined): number | undefined {
  if (word === undefined) return undefined;
  const digits = ORDINAL_DIGITS.exec(word);
  if (digits) return Number(digits[1]);
  const index = ORDINAL_WORDS.indexOf(word);
  return index >= 0 ? index + 1 : undefined;
}

/** The season numbers a title's folded words name, in order, without repeats. */
export function seasonsNamed(words: readonly string[], seriesTitles: readonly (readonly string[])[] = []): number[] {
  const found: number[] = [];
  const add = (n: number | undefined): void => {
    if (n !== undefined && n > 0 && !found.includes(n)) found.push(n);
  };
  for (const title of seriesTitles) {
    const at = findJoined(words, title);
    const next = at !== undefined ? words[at.end] : undefined;
    // Digits only: "The 100", "Blade Runner 2049" are titles, so a 1- or 2-digit number after them.
    if (next !== undefined && /^\d{1,2}$/.test(next)) add(Number(next));
  }
  words.forEach((word, i) => {
    const short = SHORT_FORM.exec(word);
    if (short) add(Number(short[1]));
    if (!SEASON_WORDS.has(word)) return;
    // "Season 2", "Seasons 1 & 2" (folded: "seasons 1 and 2"), "Series 2".
    add(numberOf(words[i + 1]));
    if (word === 'seasons' && words[i + 2] === 'and') add(numberOf(words[i + 3]));
    // "2nd Season", "Second Season" ("series" is left out: "first series" is too often prose).
    if (word === 'season') add(ordinalOf(words[i - 1]));
  });
  return found;
}

// A trailer for the whole run, even when it also names the season.
const WHOLE_SERIES = ['all seasons', 'every season', 'complete series', 'entire series', 'full series', 'series trailer'];

/**
 * The season-slot rule: excluded when the title names no season or only other ones; scored up when
 * it names the season; scored down when it is a trailer of the whole series or of several seasons.
 */
export function seasonVerdict(
  words: readonly string[],
  season: number,
  seriesTitles: readonly (readonly string[])[] = [],
): { excluded?: string; signals: SeasonSignal[] } {
  const named = seasonsNamed(words, seriesTitles);
  if (!named.includes(season)) {
    if (named.length === 0) return { excluded: `does not name season ${season}`, signals: [] };
    return { excluded: `names season ${named.join(', ')}, not season ${season}`, signals: [] };
  }
  const signals: SeasonSignal[] = [{ points: 20, reason: `names season ${season}` }];
  const whole = hasAnyPhrase(words, WHOLE_SERIES);
  if (whole !== undefined || named.length > 1) {
    signals.push({ points: -15, reason: `whole-series trailer (${whole ?? `seasons ${named.join(', ')}`})` });
  }
  return { signals };
}
