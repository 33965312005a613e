import { originalLanguageSignals, type LanguageMode } from './candidate-dubs.ts';
import { exclusionReasons, type FilterSettings } from './candidate-filters.ts';
import { detectLanguages, primaryLanguage } from './candidate-language.ts';
import { fakeDescriptionReason, isTrustedChannel, NO_USER_RULES, unreleasedReasons, userRuleReasons, type UserRules } from './candidate-rules.ts';
import { ARTICLES, findJoined, hasAnyPhrase, isYear, segmentTokens, significantWords, tokens, yearsIn } from './candidate-text.ts';
import { durationBounds, KIND_TITLE_NEIGHBOURS, kindVerdict } from './kind-rules.ts';
import { seasonVerdict } from './season-rules.ts';
import { isTrailerLike, WANTED_TRAILER, type Wanted } from './wanted-video.ts';
import { entryUrl, type YtDlpSearchEntry } from './ytdlp-search-entry.ts';

// Ranks yt-dlp search results for one movie or series. Hard exclusions live in
// candidate-filters.ts; here every result gets a score from additive signals, each one recorded
// as a reason ("+40 title matches") so the UI can show why a video won or lost. Excluded results
// are scored too but always sort after usable ones. Equal scores fall back to view count, then to
// YouTube's own search order, so the output is deterministic for a given input. What the slot
// wants (a trailer by default; a featurette, theme music, a season's trailer, …) picks the kind
// rules (kind-rules.ts), the season rule (season-rules.ts) and the duration bounds.

export interface WantedItem {
  title: string;
  year?: number | undefined;
  alternativeTitles?: readonly string[] | undefined;
  kind: 'movie' | 'series';
  originalTitle?: string | undefined;
  /** ISO 639-1 code of the original language (from the Arr or TMDB). */
  originalLanguage?: string | undefined;
  /** Not out yet: only an official upload may be taken (candidate-rules.ts). */
  unreleased?: boolean | undefined;
}

export interface RankingPreferences {
  minDurationSeconds?: number;
  maxDurationSeconds?: number;
  /** ISO 639-1 codes (`en`, `de`, `pt-BR`), most preferred first. */
  preferredLanguages: readonly string[];
  excludeKeywords: readonly string[];
  /** Channel names or ids (`UC…`) to favour. */
  preferredChannels?: readonly string[];
  /** Videos that must never be picked again (e.g. the user rejected them). */
  blockedVideoIds?: readonly string[];
  /** For items in another language than the user's first one; default `original`. */
  languageMode?: LanguageMode | undefined;
  rules?: UserRules | undefined;
}

export interface RankedCandidate {
  videoId: string;
  url: string;
  title: string;
  channel?: string;
  durationSeconds?: number;
  score: number;
  excluded: boolean;
  reasons: string[];
}

export const DEFAULT_MIN_DURATION_SECONDS = 30;
export const DEFAULT_MAX_DURATION_SECONDS = 300;

// Words that may follow or precede a title in a trailer's name without making it another title.
const TITLE_NEIGHBOURS = new Set(tokens(
  'official officiel officielle offizieller oficial ufficiale trailer trailers teaser final new main first second ' +
  'third international exclusive hd 4k 8k uhd hdr imax dolby full extended movie film series show season tv spot ' +
  'clip promo preview sneak peek bande annonce german deutsch english french spanish italian vf vost vostfr ov omu ' +
  'subtitulado doblado legendado dublado latino castellano remastered restored restoration anniversary edition ' +
  'version directors cut in cinemas theaters theatres now only on coming soon starring with'));

const STUDIO_CHANNEL_WORDS = [
  'official', 'pictures', 'studios', 'studio', 'films', 'entertainment', 'warner bros', 'universal', 'sony', 'disney',
  'pixar', 'marvel', 'dreamworks', 'paramount', 'lionsgate', 'a24', 'neon', 'focus features', 'searchlight',
  '20th century', 'netflix', 'hbo', 'prime video', 'amazon mgm', 'apple tv', 'hulu', 'peacock', 'fx', 'fx networks',
  'amc', 'bbc', 'showtime', 'starz', 'mubi', 'magnolia', 'ifc', 'studiocanal', 'gaumont', 'pathe', 'constantin',
  'toho', 'crunchyroll',
];

interface Signal {
  points: number;
  reason: string;
}

// For extras, "Dune Featurette" or "Dune Main Theme" still names Dune.
const EXTRA_TITLE_NEIGHBOURS = new Set([...TITLE_NEIGHBOURS, ...KIND_TITLE_NEIGHBOURS]);

/** A word after the title that makes it a longer title (not "Official", "Trailer", a year). */
function continuesTitle(word: string | undefined, neighbours: ReadonlySet<string>): boolean {
  return word !== undefined && !neighbours.has(word) && !isYear(word);
}

type TitleVerdict = { excluded: string } | { signals: Signal[] };

function titleSignals(videoTitle: string, wantedTitles: readonly (readonly string[])[], neighbours: ReadonlySet<string>): TitleVerdict {
  const segments = segmentTokens(videoTitle);
  let neighbour: string | undefined;
  for (const wanted of wantedTitles) {
    for (const segment of segments) {
      const match = findJoined(segment, wanted);
      if (match === undefined) continue;
      const { start: at, end } = match;
      const previous = segment[at - 1];
      // "Toy Story 4", "Alien: Romulus", "Dune: Part Two" after the title; "The Batman" before it.
      let stop = end;
      while (stop < end + 3 && continuesTitle(segment[stop], neighbours)) stop++;
      const articleBefore = previous !== undefined && ARTICLES.has(previous);
      if (stop === end && !articleBefore) return { signals: [{ points: 40, reason: 'title matches' }] };
      neighbour ??= segment.slice(articleBefore ? at - 1 : at, stop).join(' ');
    }
  }
  if (neighbour !== undefined) {
    // The title is there but runs on into other words: more likely a sequel or namesake.
    return { signals: [{ points: 0, reason: `possibly a different title ("${neighbour}")` }] };
  }
  // No exact phrase: long titles are often shortened ("Mission Impossible Dead Reckoning"), so
  // accept most of their meaningful words; short titles must match exactly.
  const videoWords = new Set(segments.flat());
  let coverage = 0;
  for (const wanted of wantedTitles) {
    const meaningful = [...new Set(significantWords(wanted))];
    if (meaningful.length < 3) continue;
    coverage = Math.max(coverage, meaningful.filter((w) => videoWords.has(w)).length / meaningful.length);
  }
  if (coverage >= 0.6) return { signals: [{ points: Math.round(25 * coverage), reason: 'title partly matches' }] };
  return { excluded: 'title does not match' };
}

function yearSignals(words: readonly string[], wanted: WantedItem, titleWords: ReadonlySet<string>): Signal[] {
  const year = wanted.year;
  if (year === undefined) return [];
  // Years inside the title itself ("Blade Runner 2049", "1917") say nothing about the release.
  const years = yearsIn(words.filter((w) => !titleWords.has(w)));
  if (years.length === 0) return [];
  if (years.includes(year)) return [{ points: 10, reason: 'year matches' }];
  // A trailer often comes out the year before the release.
  if (years.some((y) => Math.abs(y - year) <= 1)) return [];
  return [{ points: wanted.kind === 'series' ? -10 : -20, reason: `year ${years[0]} does not match ${year}` }];
}

function channelSignals(entry: YtDlpSearchEntry, preferred: readonly string[]): Signal[] {
  const names = [entry.channel, entry.uploader].filter((n): n is string => typeof n === 'string' && n !== '');
  const folded = names.map((n) => tokens(n).join(' '));
  const signals: Signal[] = [];
  const isPreferred = preferred.some((p) => (entry.channel_id !== undefined && entry.channel_id === p) || folded.includes(tokens(p).join(' ')));
  if (isPreferred) signals.push({ points: 25, reason: 'preferred channel' });
  else if (folded.some((name) => hasAnyPhrase(name.split(' '), STUDIO_CHANNEL_WORDS) !== undefined)) {
    signals.push({ points: 8, reason: 'studio or official channel' });
  }
  if (entry.channel_is_verified === true) signals.push({ points: 4, reason: 'verified channel' });
  return signals;
}

function languageSignals(entry: YtDlpSearchEntry, preferred: readonly string[]): Signal[] {
  if (preferred.length === 0) return [];
  const detected = detectLanguages(entry);
  const rank = preferred.findIndex((code) => detected.has(code));
  const best = preferred[rank];
  if (best !== undefined) return [{ points: rank === 0 ? 30 : 12, reason: `preferred language (${best})` }];
  if (detected.size > 0) return [{ points: -15, reason: `other language (${[...detected].sort().join(', ')})` }];
  return [];
}

function miscSignals(entry: YtDlpSearchEntry): Signal[] {
  const signals: Signal[] = [];
  if (entry.duration === undefined || entry.duration === null) signals.push({ points: -5, reason: 'duration unknown' });
  if (entry.live_status === 'was_live' || entry.was_live === true) signals.push({ points: -30, reason: 'recorded live stream' });
  return signals;
}

function formatSignal({ points, reason }: Signal): string {
  return `${points >= 0 ? '+' : ''}${points} ${reason}`;
}

/** The user's rules, fake-trailer descriptions, and the official-only gate for unreleased items. */
function ruleExclusions(entry: YtDlpSearchEntry, wanted: WantedItem, preferences: RankingPreferences, verdict: TitleVerdict): string[] {
  const rules = preferences.rules ?? NO_USER_RULES;
  const reasons = userRuleReasons(entry, rules);
  // A studio's own description may say "parody" of its spoof film; only strangers' uploads are judged by it.
  const fake = isTrustedChannel(entry) ? undefined : fakeDescriptionReason(entry, wanted.unreleased === true);
  if (fake !== undefined) reasons.push(fake);
  if (wanted.unreleased === true) {
    const namesFilm = 'signals' in verdict && verdict.signals.some((s) => s.reason === 'title matches');
    reasons.push(...unreleasedReasons(entry, namesFilm, [...(preferences.preferredChannels ?? []), ...rules.channelAllowlist]));
  }
  return reasons;
}

interface Scored extends RankedCandidate {
  views: number;
  index: number;
}

/** Ranks search results best first for the slot's kind (a trailer by default); see the file comment. */
export function rankCandidates(
  entries: readonly YtDlpSearchEntry[],
  wanted: WantedItem,
  preferences: RankingPreferences,
  video: Wanted = WANTED_TRAILER,
): RankedCandidate[] {
  const wantedTitles = [wanted.title, wanted.originalTitle ?? '', ...(wanted.alternativeTitles ?? [])].map(tokens).filter((t) => t.length > 0);
  const titleWords = new Set(wantedTitles.flat());
  const languages = preferences.preferredLanguages.map(primaryLanguage);
  const bounds = durationBounds(video, {
    min: preferences.minDurationSeconds ?? DEFAULT_MIN_DURATION_SECONDS,
    max: preferences.maxDurationSeconds ?? DEFAULT_MAX_DURATION_SECONDS,
  });
  const neighbours = new Set(isTrailerLike(video) ? TITLE_NEIGHBOURS : EXTRA_TITLE_NEIGHBOURS);
  // "Stranger Things 4" names the season, not another title.
  if (video.season !== undefined) neighbours.add(String(video.season));
  const settings: FilterSettings = {
    minDurationSeconds: bounds.min,
    maxDurationSeconds: bounds.max,
    excludeKeywords: preferences.excludeKeywords,
    blockedVideoIds: new Set(preferences.blockedVideoIds ?? []),
    titlePhrases: wantedTitles,
  };

  const seen = new Set<string>();
  const scored: Scored[] = [];
  entries.forEach((entry, index) => {
    if (seen.has(entry.id)) return; // the same video listed twice
    seen.add(entry.id);
    const title = entry.title ?? '';
    const words = tokens(title);
    const excludedBy = exclusionReasons(entry, settings);
    const verdict: TitleVerdict = wantedTitles.length === 0 ? { signals: [] } : titleSignals(title, wantedTitles, neighbours);
    if ('excluded' in verdict) excludedBy.push(verdict.excluded);
    excludedBy.push(...ruleExclusions(entry, wanted, preferences, verdict));
    const kind = kindVerdict(title, words, wanted.kind, video, wantedTitles);
    excludedBy.push(...kind.excluded);
    // A season's trailer comes out years after the series' first year: the year says nothing.
    const season = video.season !== undefined ? seasonVerdict(words, video.season, wantedTitles) : undefined;
    if (season?.excluded !== undefined) excludedBy.push(season.excluded);
    const signals = [
      ...('signals' in verdict ? verdict.signals : []),
      ...(season === undefined ? yearSignals(words, wanted, titleWords) : season.signals),
      ...kind.signals,
      ...channelSignals(entry, preferences.preferredChannels ?? []),
      ...(originalLanguageSignals(entry, wanted.originalLanguage, languages, preferences.languageMode ?? 'original') ??
        languageSignals(entry, languages)),
      ...miscSignals(entry),
    ];
    const views = entry.view_count ?? 0;
    // log10 of views: 1 point per order of magnitude, a tie-break more than a signal.
    const popularity = Math.min(9, Math.log10(1 + views));
    const score = Math.round((signals.reduce((sum, s) => sum + s.points, 0) + popularity) * 100) / 100;
    const candidate: Scored = {
      videoId: entry.id,
      url: entryUrl(entry),
      title,
      score,
      excluded: excludedBy.length > 0,
      reasons: [...excludedBy.map((r) => `excluded: ${r}`), ...signals.map(formatSignal)],
      views,
      index,
    };
    const channel = entry.channel || entry.uploader;
    if (channel) candidate.channel = channel;
    if (typeof entry.duration === 'number') candidate.durationSeconds = entry.duration;
    scored.push(candidate);
  });

  scored.sort((a, b) => Number(a.excluded) - Number(b.excluded) || b.score - a.score || b.views - a.views || a.index - b.index);
  return scored.map(({ views: _views, index: _index, ...candidate }) => candidate);
}

/** The best usable candidate, if any survived the exclusions. */
export function bestCandidate(ranked: readonly RankedCandidate[]): RankedCandidate | undefined {
  return ranked.find((c) => !c.excluded);
}

