import { foldText } from './candidate-text.ts';
import type { ExtraKind } from './extra-kinds.ts';
import { isWholeItemTrailer, WANTED_TRAILER, type Wanted } from './wanted-video.ts';

// The YouTube searches for one item: the user's query template first, then — only when the first
// search finds nothing good enough — the original title and the alternate titles the Arr reports.
// Another kind than the item's trailer (a featurette, theme music, a season's trailer) has its
// own words instead of the template, which is written for trailers.

/** `{kind}` is "series" for a series and nothing for a movie (YouTube ranks episode clips lower). */
export const DEFAULT_QUERY_TEMPLATE = '{title} {year} {kind} trailer';
export const QUERY_TOKENS = ['title', 'year', 'kind', 'original_title'] as const;

/** A ranked candidate must reach this score for the search to count as good enough. */
export const ACCEPTANCE_SCORE = 45;
/** At most this many searches per item (the first one included). */
export const MAX_SEARCHES = 4;

export interface QueryItem {
  kind: 'movie' | 'series';
  title: string;
  year?: number | null | undefined;
  originalTitle?: string | null | undefined;
  alternativeTitles?: readonly string[] | undefined;
}

const TOKEN = /\{([a-z_]*)\}/g;

/** Why a template cannot be used, or undefined when it can. */
export function queryTemplateProblem(template: string): string | undefined {
  if (/\p{Cc}/u.test(template)) return 'must not contain control characters';
  if (!template.includes('{title}') && !template.includes('{original_title}')) return 'must contain {title} or {original_title}';
  for (const match of template.matchAll(TOKEN)) {
    if (!(QUERY_TOKENS as readonly string[]).includes(match[1] ?? '')) {
      return `unknown token {${match[1]}}; use ${QUERY_TOKENS.map((t) => `{${t}}`).join(' ')}`;
    }
  }
  return undefined;
}

/** The template filled in for one item, with `title` standing in for `{title}`. */
export function renderQuery(template: string, item: QueryItem, title = item.title): string {
  const values: Record<string, string> = {
    title,
    year: item.year ? String(item.year) : '',
    kind: item.kind === 'series' ? 'series' : '',
    original_title: item.originalTitle || title,
  };
  // Control characters from the Arr's data would end up in a command-line argument: spaces instead.
  return template.replace(TOKEN, (_, name: string) => values[name] ?? '').replace(/[\p{Cc}\s]+/gu, ' ').trim();
}

function titlesOf(item: QueryItem): string[] {
  return [item.title, item.originalTitle, ...(item.alternativeTitles ?? [])].filter((t): t is string => typeof t === 'string' && t.trim() !== '');
}

/** Rendered queries, without repeats (compared folded), at most MAX_SEARCHES. */
function distinct(rendered: readonly string[]): string[] {
  const queries: string[] = [];
  const seen = new Set<string>();
  for (const query of rendered) {
    const key = foldText(query).replace(/\s+/g, ' ');
    if (query === '' || seen.has(key)) continue;
    seen.add(key);
    queries.push(query);
    if (queries.length >= MAX_SEARCHES) break;
  }
  return queries;
}

/** What YouTube titles call each kind, the most common first. */
export const KIND_QUERY_WORDS: Readonly<Record<ExtraKind, readonly string[]>> = {
  trailer: ['trailer'],
  teaser: ['teaser', 'teaser trailer'],
  featurette: ['featurette'],
  'behind-the-scenes': ['behind the scenes', 'making of'],
  clip: ['clip', 'scene'],
  interview: ['interview', 'cast interview'],
  'theme-music': ['main theme', 'theme song', 'opening theme'],
};
// A series' theme is its opening titles.
const SERIES_THEME_WORDS = ['opening theme', 'theme song', 'intro'];

/**
 * The searches for another kind than the item's trailer: the main title with the kind's first
 * word (and the year), the kind's other words, then the other titles. A season is named as
 * "season N", and for a series also "series N" (what British channels write).
 */
function kindQueries(item: QueryItem, wanted: Wanted): string[] {
  const [first = 'trailer', ...others] = wanted.kind === 'theme-music' && item.kind === 'series' ? SERIES_THEME_WORDS : KIND_QUERY_WORDS[wanted.kind];
  const titles = titlesOf(item);
  const [title = item.title, ...otherTitles] = titles;
  const rendered: string[] = [];
  if (wanted.season === undefined) {
    // The year tells a remake from the original; a season's year is not the series' year.
    rendered.push(renderQuery(`{title} {year} ${first}`, item, title));
    rendered.push(...others.map((words) => renderQuery(`{title} ${words}`, item, title)));
    rendered.push(...otherTitles.map((other) => renderQuery(`{title} {year} ${first}`, item, other)));
  } else {
    const season = `season ${wanted.season}`;
    rendered.push(renderQuery(`{title} ${season} ${first}`, item, title));
    if (item.kind === 'series') rendered.push(renderQuery(`{title} series ${wanted.season} ${first}`, item, title));
    rendered.push(...others.map((words) => renderQuery(`{title} ${season} ${words}`, item, title)));
    rendered.push(...otherTitles.map((other) => renderQuery(`{title} ${season} ${first}`, item, other)));
  }
  return distinct(rendered);
}

/**
 * Every query to try for the slot (the item's trailer by default), best first, without repeats
 * (compared folded). The user's template is used for the item's trailer only.
 */
export function searchQueries(template: string, item: QueryItem, wanted: Wanted = WANTED_TRAILER): string[] {
  if (!isWholeItemTrailer(wanted)) return kindQueries(item, wanted);
  // The user's template for the first query; the extra ones are plain "<title> <year> trailer".
  return distinct(
    titlesOf(item).map((title, index) =>
      index === 0 ? renderQuery(template, item) : renderQuery(DEFAULT_QUERY_TEMPLATE, { ...item, originalTitle: title }, title),
    ),
  );
}
