// Pure: orders TMDB's videos for an item's slot. Only YouTube videos can be downloaded; an
// official video of the slot's TMDB type (kind-sources.ts; `Trailer` by default) in the first
// preferred language is best; a down-ranked type (a teaser for the trailer) is allowed below it;
// other types are listed as excluded so the UI can still show them.
import { describeWanted, WANTED_TRAILER, withArticle, type Wanted } from '../domain/wanted-video.ts';
import { tmdbVideoTypes } from './kind-sources.ts';
import { SOURCE_BASE_SCORE, type TrailerCandidate } from './trailer-candidate.ts';
import type { TmdbVideo } from './tmdb-client.ts';
import { urlForVideoId } from './trailer-url.ts';

interface Scored {
  candidate: TrailerCandidate;
  order: number;
}

export function tmdbCandidates(
  videos: readonly TmdbVideo[],
  preferredLanguages: readonly string[],
  urlTemplate: string,
  wanted: Wanted = WANTED_TRAILER,
): TrailerCandidate[] {
  const types = tmdbVideoTypes(wanted);
  const kindName = describeWanted({ kind: wanted.kind });
  const languages = preferredLanguages.map((code) => code.split('-')[0]?.toLowerCase() ?? code);
  const seen = new Set<string>();
  const scored: Scored[] = [];
  videos.forEach((video, order) => {
    if (video.site.toLowerCase() !== 'youtube' || seen.has(video.key)) return;
    seen.add(video.key);
    const reasons: string[] = [];
    const excludedBy: string[] = [];
    let points = 0;
    const add = (value: number, reason: string): void => {
      points += value;
      reasons.push(`${value >= 0 ? '+' : ''}${value} ${reason}`);
    };
    if (types.accepted.includes(video.type)) add(30, `TMDB type ${video.type}`);
    else if (types.downRanked.includes(video.type)) add(-10, `TMDB type ${video.type} (down-ranked)`);
    else excludedBy.push(`TMDB type ${video.type || 'unknown'} is not ${withArticle(kindName)}`);
    if (video.official) add(20, 'official');
    const language = video.language?.toLowerCase();
    const rank = language === undefined ? -1 : languages.indexOf(language);
    if (rank === 0) add(30, `preferred language (${language})`);
    else if (rank > 0) add(12, `preferred language (${language})`);
    else if (language !== undefined && languages.length > 0) add(-15, `other language (${language})`);
    if (video.size !== undefined && video.size >= 1080) add(5, `${video.size}p`);
    const candidate: TrailerCandidate = {
      videoId: video.key,
      url: urlForVideoId(urlTemplate, video.key),
      source: 'tmdb',
      title: video.name || undefined,
      score: SOURCE_BASE_SCORE.tmdb + points,
      excluded: excludedBy.length > 0,
      reasons: [...excludedBy.map((reason) => `excluded: ${reason}`), ...reasons],
    };
    scored.push({ candidate, order });
  });
  scored.sort(
    (a, b) => Number(a.candidate.excluded) - Number(b.candidate.excluded) || b.candidate.score - a.candidate.score || a.order - b.order,
  );
  return scored.map((s) => s.candidate);
}
