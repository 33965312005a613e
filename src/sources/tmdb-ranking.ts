// Pure: orders TMDB's videos for an item. Only YouTube videos can be downloaded; an official
// `Trailer` in the first preferred language is best; teasers are allowed but down-ranked; clips,
// featurettes, bloopers and the like are listed as excluded so the UI can still show them.
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
): TrailerCandidate[] {
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
    if (video.type === 'Trailer') add(30, 'TMDB type Trailer');
    else if (video.type === 'Teaser') add(-10, 'TMDB type Teaser (down-ranked)');
    else excludedBy.push(`TMDB type ${video.type || 'unknown'} is not a trailer`);
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
