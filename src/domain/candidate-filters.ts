import { findPhrase, tokens } from './candidate-text.ts';
import { entryUrl, type YtDlpSearchEntry } from './ytdlp-search-entry.ts';

// Hard exclusions: search results that must never be downloaded as "the trailer", each with a
// reason the UI can show. Softer problems (teasers, clips, other languages) are only down-ranked
// in candidate-ranking.ts.

export interface FilterSettings {
  minDurationSeconds: number;
  maxDurationSeconds: number;
  excludeKeywords: readonly string[];
  blockedVideoIds: ReadonlySet<string>;
  /** Folded words of every wanted title: a rule word that is part of the title is not a signal
   *  ("The Neverending Story" is not an "ending explained" video). */
  titlePhrases: readonly (readonly string[])[];
}

interface KeywordRule {
  reason: string;
  phrases: readonly string[];
}

const KEYWORD_RULES: readonly KeywordRule[] = [
  { reason: 'review', phrases: ['review', 'reviews', 'reviewed', 'critique', 'kritik'] },
  { reason: 'reaction video', phrases: ['react', 'reacts', 'reacting', 'reaction', 'reactions'] },
  {
    reason: 'fan-made or concept trailer',
    phrases: ['fan made', 'fanmade', 'fan trailer', 'fan edit', 'concept', 'concept trailer', 'fake trailer', 'what if', 'ai trailer', 'ai generated'],
  },
  { reason: 'parody', phrases: ['parody', 'spoof', 'honest trailer', 'honest trailers', 'pitch meeting'] },
  {
    reason: 'analysis or explainer',
    phrases: ['explained', 'explanation', 'ending', 'breakdown', 'easter eggs', 'analysis', 'theory', 'theories', 'recap', 'things you missed'],
  },
  {
    reason: 'compilation',
    phrases: ['all trailers', 'every trailer', 'compilation', 'mashup', 'supercut', 'trailers and clips', 'upcoming movies', 'best trailers', 'new trailers', 'trailer roundup'],
  },
  { reason: 'full movie upload', phrases: ['full movie', 'full film', 'full episode', 'pelicula completa', 'film complet'] },
];

// "if it was a horror movie", "if Amélie were an anime": the classic fan-edit title.
const IF_IT_WAS = /\bif\b(?:\s+\S+){0,4}?\s+(?:was|were)\b/;
const TOP_N = /\btop\s+\d+\b/;

function partOfTitle(phrase: readonly string[], titlePhrases: FilterSettings['titlePhrases']): boolean {
  return titlePhrases.some((title) => findPhrase(title, phrase) >= 0);
}

function keywordReasons(title: string, settings: FilterSettings): string[] {
  const words = tokens(title);
  const folded = words.join(' ');
  const reasons: string[] = [];
  const hit = (phrase: string): boolean => {
    const phraseWords = tokens(phrase);
    return findPhrase(words, phraseWords) >= 0 && !partOfTitle(phraseWords, settings.titlePhrases);
  };
  for (const rule of KEYWORD_RULES) {
    if (rule.phrases.some(hit)) reasons.push(rule.reason);
  }
  if (!reasons.includes('fan-made or concept trailer') && IF_IT_WAS.test(folded)) reasons.push('fan-made or concept trailer');
  if (!reasons.includes('compilation') && TOP_N.test(folded)) reasons.push('compilation');
  for (const keyword of settings.excludeKeywords) {
    if (tokens(keyword).length > 0 && findPhrase(words, tokens(keyword)) >= 0) {
      reasons.push(`excluded keyword "${keyword}"`);
    }
  }
  return reasons;
}

function liveReasons(entry: YtDlpSearchEntry): string[] {
  switch (entry.live_status) {
    case 'is_live':
      return ['live stream'];
    case 'is_upcoming':
      return ['upcoming live stream or premiere'];
    case 'post_live':
      return ['live stream still being processed'];
    default:
      return entry.is_live === true ? ['live stream'] : [];
  }
}

const NOT_PUBLIC: Readonly<Record<string, string>> = {
  private: 'private video',
  premium_only: 'YouTube Premium only',
  subscriber_only: 'members-only video',
  needs_auth: 'needs sign-in',
};

function isShortUrl(entry: YtDlpSearchEntry): boolean {
  return [entry.webpage_url, entry.original_url, entry.url, entryUrl(entry)].some((u) => u?.includes('/shorts/') === true);
}

function formatReasons(entry: YtDlpSearchEntry, settings: FilterSettings): string[] {
  const reasons: string[] = [];
  if (isShortUrl(entry)) reasons.push('YouTube Short');
  const { width, height, duration } = entry;
  if (width && height && height > width) reasons.push('vertical video');
  if (duration !== undefined && duration !== null) {
    const seconds = Math.round(duration);
    if (duration < settings.minDurationSeconds) reasons.push(`too short (${seconds} s < ${settings.minDurationSeconds} s)`);
    if (duration > settings.maxDurationSeconds) reasons.push(`too long (${seconds} s > ${settings.maxDurationSeconds} s)`);
  }
  return reasons;
}

/** Every reason this search result must not be used; empty when it may be. */
export function exclusionReasons(entry: YtDlpSearchEntry, settings: FilterSettings): string[] {
  const reasons: string[] = [];
  if (settings.blockedVideoIds.has(entry.id)) reasons.push('blocklisted video');
  reasons.push(...liveReasons(entry));
  const availability = entry.availability ? NOT_PUBLIC[entry.availability] : undefined;
  if (availability) reasons.push(availability);
  reasons.push(...formatReasons(entry, settings));
  reasons.push(...keywordReasons(entry.title ?? '', settings));
  return reasons;
}

