// `trailer_candidates` (every video considered, with score and reasons, so the UI can explain
// the pick and offer the next one) and `video_blocklist` (videos the user marked wrong).
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { trailerCandidates, videoBlocklist } from '../db/schema/index.ts';
import type { CandidateSource, TrailerCandidate } from '../sources/trailer-candidate.ts';
import { sameSlot } from './slot-context.ts';

/** Candidates are ranked per slot: the main trailer's under its profile's real id, no season. */
export interface CandidateSlot {
  profileId: number;
  season: number | null;
}

/** Upserts the candidates of one source stage of one slot; `rankOffset` keeps later stages after earlier ones. */
export async function storeCandidates(db: Db, mediaId: number, slot: CandidateSlot, candidates: readonly TrailerCandidate[], rankOffset: number): Promise<void> {
  if (candidates.length === 0) return;
  const rows = candidates.map((candidate, index) => ({
    mediaId,
    profileId: slot.profileId,
    season: slot.season,
    videoId: candidate.videoId,
    url: candidate.url,
    title: candidate.title ?? null,
    channel: candidate.channel ?? null,
    durationSeconds: candidate.durationSeconds ?? null,
    source: candidate.source,
    score: candidate.score,
    excluded: candidate.excluded,
    reasons: candidate.reasons,
    rank: rankOffset + index,
  }));
  // One video listed by two sources keeps the first (best-placed) entry of this batch.
  const byVideo = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!byVideo.has(row.videoId)) byVideo.set(row.videoId, row);
  const unique = [...byVideo.values()];
  await db
    .insert(trailerCandidates)
    .values(unique)
    .onConflictDoUpdate({
      target: [trailerCandidates.mediaId, trailerCandidates.profileId, trailerCandidates.season, trailerCandidates.videoId],
      set: {
        url: sql`excluded.url`,
        title: sql`excluded.title`,
        channel: sql`excluded.channel`,
        durationSeconds: sql`excluded.duration_seconds`,
        source: sql`excluded.source`,
        score: sql`excluded.score`,
        excluded: sql`excluded.excluded`,
        reasons: sql`excluded.reasons`,
        rank: sql`excluded.rank`,
      },
    });
}

/** The user's "wrong video" marks hold for the whole item: a video wrong as its trailer is no featurette either. */
export async function blockedVideoIds(db: Db, mediaId: number): Promise<Set<string>> {
  const rows = await db.select({ videoId: videoBlocklist.videoId }).from(videoBlocklist).where(eq(videoBlocklist.mediaId, mediaId));
  return new Set(rows.map((row) => row.videoId));
}

export async function storedCandidate(db: Db, mediaId: number, slot: CandidateSlot, videoId: string): Promise<TrailerCandidate | undefined> {
  const [row] = await db
    .select()
    .from(trailerCandidates)
    .where(and(eq(trailerCandidates.mediaId, mediaId), sameSlot(trailerCandidates, slot), eq(trailerCandidates.videoId, videoId)));
  if (row === undefined) return undefined;
  return {
    videoId: row.videoId,
    url: row.url,
    source: row.source as CandidateSource,
    title: row.title ?? undefined,
    channel: row.channel ?? undefined,
    durationSeconds: row.durationSeconds ?? undefined,
    score: row.score,
    excluded: row.excluded,
    reasons: row.reasons,
  };
}
