// What the Preview page and GET /api/v1/connections/{id}/preview show for one connection: the
// items its preview run would download a trailer for (with the candidate, its score, source and
// reasons), the items for which nothing acceptable was found, and how many are still waiting.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { media, trailerPreviews, type ConnectionRow, type TrailerStatus } from '../db/schema/index.ts';

/** Rows per list at most; the counts say how many there are in all. */
export const PREVIEW_LIST_LIMIT = 500;

export type WouldDownload = {
  mediaId: number;
  title: string;
  year: number | null;
  kind: 'movie' | 'series';
  videoId: string;
  url: string;
  videoTitle: string | null;
  channel: string | null;
  source: 'user' | 'radarr' | 'tmdb' | 'search';
  score: number;
  reasons: string[];
  previewedAt: Date;
};

export type NothingAcceptable = { mediaId: number; title: string; year: number | null; kind: 'movie' | 'series'; status: TrailerStatus; reason: string | null };

export type PreviewListing = {
  connection: { id: number; name: string; kind: 'radarr' | 'sonarr'; previewOnly: boolean; enabled: boolean };
  counts: { wouldDownload: number; nothingAcceptable: number; inProgress: number; notPreviewed: number };
  wouldDownload: WouldDownload[];
  nothingAcceptable: NothingAcceptable[];
};

const NOTHING: TrailerStatus[] = ['needs-attention', 'no-trailer-yet'];
const IN_PROGRESS: TrailerStatus[] = ['queued', 'downloading'];

export async function previewListing(db: Db, connection: ConnectionRow): Promise<PreviewListing> {
  const current = and(eq(media.connectionId, connection.id), isNull(media.removedAt));
  const wouldDownload = await db
    .select({
      mediaId: media.id,
      title: media.title,
      year: media.year,
      kind: media.kind,
      videoId: trailerPreviews.videoId,
      url: trailerPreviews.url,
      videoTitle: trailerPreviews.title,
      channel: trailerPreviews.channel,
      source: trailerPreviews.source,
      score: trailerPreviews.score,
      reasons: trailerPreviews.reasons,
      previewedAt: trailerPreviews.previewedAt,
    })
    .from(media)
    .innerJoin(trailerPreviews, eq(trailerPreviews.mediaId, media.id))
    .where(and(current, eq(media.trailerStatus, 'preview')))
    .orderBy(asc(sql`lower(${media.title})`), asc(media.id))
    .limit(PREVIEW_LIST_LIMIT);
  const nothingAcceptable = await db
    .select({ mediaId: media.id, title: media.title, year: media.year, kind: media.kind, status: media.trailerStatus, reason: media.statusReason })
    .from(media)
    .where(and(current, inArray(media.trailerStatus, NOTHING)))
    .orderBy(asc(sql`lower(${media.title})`), asc(media.id))
    .limit(PREVIEW_LIST_LIMIT);
  const rows = await db
    .select({ status: media.trailerStatus, n: sql<number>`count(*)::int` })
    .from(media)
    .where(current)
    .groupBy(media.trailerStatus);
  const count = (statuses: readonly TrailerStatus[]) => rows.filter((row) => statuses.includes(row.status)).reduce((sum, row) => sum + Number(row.n), 0);
  return {
    connection: { id: connection.id, name: connection.name, kind: connection.kind, previewOnly: connection.previewOnly, enabled: connection.enabled },
    counts: { wouldDownload: count(['preview']), nothingAcceptable: count(NOTHING), inProgress: count(IN_PROGRESS), notPreviewed: count(['missing']) },
    wouldDownload,
    nothingAcceptable,
  };
}
