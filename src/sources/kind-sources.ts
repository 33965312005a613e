// Pure: which sources can supply each kind of video, and which of TMDB's video types count as it.
// Radarr's `youTubeTrailerId` is one trailer of the whole movie, so it fills only that slot.
// TMDB's types are Trailer, Teaser, Clip, Featurette, Behind the Scenes, Bloopers, Opening
// Credits and Recap; it has no interviews, and its Opening Credits are a video of the titles,
// not the theme music, so interviews and theme music come from a search only.
import type { ExtraKind } from '../domain/extra-kinds.ts';
import { isWholeItemTrailer, type Wanted } from '../domain/wanted-video.ts';
import type { CandidateSource } from './trailer-candidate.ts';

/** The sources asked for the slot, in the order they are asked. */
export function sourcesFor(wanted: Wanted): readonly CandidateSource[] {
  const sources: CandidateSource[] = ['user'];
  if (isWholeItemTrailer(wanted)) sources.push('radarr');
  if (tmdbVideoTypes(wanted).accepted.length > 0) sources.push('tmdb');
  sources.push('search');
  return sources;
}

export interface TmdbTypes {
  /** TMDB `type` values that fill the slot. */
  accepted: readonly string[];
  /** Allowed, but below every accepted one. */
  downRanked: readonly string[];
}

const TMDB_TYPES: Readonly<Record<ExtraKind, TmdbTypes>> = {
  // As before kinds: a teaser may stand in for a missing trailer.
  trailer: { accepted: ['Trailer'], downRanked: ['Teaser'] },
  // Not the other way round: the trailer has its own slot.
  teaser: { accepted: ['Teaser'], downRanked: [] },
  featurette: { accepted: ['Featurette'], downRanked: [] },
  'behind-the-scenes': { accepted: ['Behind the Scenes'], downRanked: ['Bloopers'] },
  clip: { accepted: ['Clip'], downRanked: [] },
  interview: { accepted: [], downRanked: [] },
  'theme-music': { accepted: [], downRanked: [] },
};

export function tmdbVideoTypes(wanted: Wanted): TmdbTypes {
  return TMDB_TYPES[wanted.kind];
}
