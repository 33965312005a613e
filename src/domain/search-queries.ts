import { foldText } from './candidate-text.ts';

// The YouTube searches for one item: the user's query template first, then — only when the first
// search finds nothing good enough — the original title and the alternate titles the Arr reports.

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

/** Every query to try, best first, without repeats (compared folded). */
export function searchQueries(template: string, item: QueryItem): string[] {
  const titles = [item.title, item.originalTitle, ...(item.alternativeTitles ?? [])].filter(
    (t): t is string => typeof t === 'string' && t.trim() !== '',
  );
  const queries: string[] = [];
  const seen = new Set<string>();
  for (const [index, title] of titles.entries()) {
    // The user's template for the first query; the extra ones are plain "<title> <year> trailer".
    const query = index === 0 ? renderQuery(template, item) : renderQuery(DEFAULT_QUERY_TEMPLATE, { ...item, originalTitle: title }, title);
    const key = foldText(query).replace(/\s+/g, ' ');
    if (query === '' || seen.has(key)) continue;
    seen.add(key);
    queries.push(query);
    if (queries.length >= MAX_SEARCHES) break;
  }
  return queries;
}
