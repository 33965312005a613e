// Pure: the candidates each source offers, in the order — a URL the user pasted, Radarr's
// `youTubeTrailerId`, TMDB's videos (tmdb-ranking.ts), then a yt-dlp search ranked by
// domain/candidate-ranking.ts. The pipeline asks the slow sources (TMDB, search) only when needed.
// Which sources a slot's kind may use is kind-sources.ts's (`sourcesFor`).
import { rankCandidates, type RankingPreferences } from '../domain/candidate-ranking.ts';
import { WANTED_TRAILER, type Wanted } from '../domain/wanted-video.ts';
import { DEFAULT_QUERY_TEMPLATE, renderQuery } from '../domain/search-queries.ts';
import { ytDlpSearchEntrySchema, type YtDlpSearchEntry } from '../domain/ytdlp-search-entry.ts';
import { sourcesFor } from './kind-sources.ts';
import { SOURCE_BASE_SCORE, type TrailerCandidate } from './trailer-candidate.ts';
import { isHttpUrl, urlForVideoId, videoIdForPastedUrl, youtubeIdFromUrl } from './trailer-url.ts';

export interface MediaForSources {
  kind: 'movie' | 'series';
  title: string;
  year?: number | null | undefined;
  alternativeTitles?: readonly string[] | undefined;
  originalTitle?: string | null | undefined;
  /** ISO 639-1 code of the original language, when the Arr or TMDB told us. */
  originalLanguage?: string | null | undefined;
  /** Not out yet: only official uploads are accepted. */
  unreleased?: boolean | undefined;
  youTubeTrailerId?: string | null | undefined;
  userSourceUrl?: string | null | undefined;
}

/** A YouTube link goes through the URL template (so it can be mirrored); any other link as is. */
export function pastedUrlCandidate(link: string, urlTemplate: string): TrailerCandidate {
  const youtubeId = youtubeIdFromUrl(link);
  return {
    videoId: videoIdForPastedUrl(link),
    url: youtubeId !== undefined ? urlForVideoId(urlTemplate, youtubeId) : link,
    source: 'user',
    score: SOURCE_BASE_SCORE.user,
    excluded: false,
    reasons: ['+1000 link pasted by the user'],
  };
}

const RADARR_ID = /^[A-Za-z0-9_-]{6,20}$/;

export function radarrCandidate(youTubeTrailerId: string, urlTemplate: string): TrailerCandidate | undefined {
  const id = youTubeTrailerId.trim();
  if (!RADARR_ID.test(id)) return undefined;
  return {
    videoId: id,
    url: urlForVideoId(urlTemplate, id),
    source: 'radarr',
    score: SOURCE_BASE_SCORE.radarr,
    excluded: false,
    reasons: ["+500 Radarr's trailer for this movie"],
  };
}

/**
 * Candidates that cost no request: the pasted URL (`userSourceUrl` is the link pasted for this
 * slot) and Radarr's id (the whole movie's trailer slot only).
 */
export function directCandidates(media: MediaForSources, urlTemplate: string, wanted: Wanted = WANTED_TRAILER): TrailerCandidate[] {
  const sources = sourcesFor(wanted);
  const candidates: TrailerCandidate[] = [];
  if (sources.includes('user') && media.userSourceUrl && isHttpUrl(media.userSourceUrl)) {
    candidates.push(pastedUrlCandidate(media.userSourceUrl, urlTemplate));
  }
  if (sources.includes('radarr') && media.youTubeTrailerId) {
    const radarr = radarrCandidate(media.youTubeTrailerId, urlTemplate);
    if (radarr !== undefined) candidates.push(radarr);
  }
  return candidates;
}

/**
 * The one video the user picked: a stored candidate (kept with its source and reasons), a pasted
 * link, or a bare YouTube id.
 */
export function chosenCandidate(videoId: string, stored: TrailerCandidate | undefined, urlTemplate: string): TrailerCandidate {
  if (stored !== undefined) {
    return { ...stored, excluded: false, reasons: ['chosen by the user', ...stored.reasons.filter((r) => !r.startsWith('excluded: '))] };
  }
  if (isHttpUrl(videoId)) return pastedUrlCandidate(videoId, urlTemplate);
  return {
    videoId,
    url: urlForVideoId(urlTemplate, videoId),
    source: 'user',
    score: SOURCE_BASE_SCORE.user,
    excluded: false,
    reasons: ['chosen by the user'],
  };
}

/** `Dune 2021 trailer`; a series gets "series" so episode clips rank lower in YouTube's order. */
export function searchQuery(media: MediaForSources, template = DEFAULT_QUERY_TEMPLATE): string {
  return renderQuery(template, media);
}

export function parseSearchEntries(raw: readonly unknown[]): YtDlpSearchEntry[] {
  return raw.flatMap((item) => {
    const parsed = ytDlpSearchEntrySchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Search results ranked for the item's slot; downloads go through the URL template by id. */
export function searchCandidates(
  raw: readonly unknown[],
  media: MediaForSources,
  preferences: RankingPreferences,
  urlTemplate: string,
  video: Wanted = WANTED_TRAILER,
): TrailerCandidate[] {
  const wanted = {
    title: media.title,
    year: media.year ?? undefined,
    alternativeTitles: media.alternativeTitles,
    originalTitle: media.originalTitle ?? undefined,
    originalLanguage: media.originalLanguage ?? undefined,
    unreleased: media.unreleased,
    kind: media.kind,
  };
  return rankCandidates(parseSearchEntries(raw), wanted, preferences, video).map((ranked) => ({
    videoId: ranked.videoId,
    url: youtubeIdFromUrl(ranked.url) === ranked.videoId || !isHttpUrl(ranked.url) ? urlForVideoId(urlTemplate, ranked.videoId) : ranked.url,
    source: 'search' as const,
    title: ranked.title,
    channel: ranked.channel,
    durationSeconds: ranked.durationSeconds,
    score: SOURCE_BASE_SCORE.search + ranked.score,
    excluded: ranked.excluded,
    reasons: ranked.reasons,
  }));
}
