// One video that might become an item's trailer, wherever it came from, with the score and the
// reasons the UI shows ("+40 title matches", "excluded: review").

export type CandidateSource = 'user' | 'radarr' | 'tmdb' | 'search';

export interface TrailerCandidate {
  /** A YouTube id, or for a pasted non-YouTube link the link itself. */
  videoId: string;
  /** What yt-dlp is given. */
  url: string;
  source: CandidateSource;
  title?: string | undefined;
  channel?: string | undefined;
  durationSeconds?: number | undefined;
  score: number;
  excluded: boolean;
  reasons: string[];
}

/** Base scores keep the source order: a pasted URL, then Radarr's id, TMDB, search. */
export const SOURCE_BASE_SCORE: Readonly<Record<CandidateSource, number>> = {
  user: 1000,
  radarr: 500,
  tmdb: 300,
  search: 0,
};

/** Marks blocklisted videos excluded (the user said this one is wrong for this item). */
export function applyBlocklist(candidates: TrailerCandidate[], blocked: ReadonlySet<string>): TrailerCandidate[] {
  return candidates.map((candidate) =>
    blocked.has(candidate.videoId) && !candidate.excluded
      ? { ...candidate, excluded: true, reasons: ['excluded: blocklisted video', ...candidate.reasons] }
      : candidate,
  );
}
