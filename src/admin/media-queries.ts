import { and, asc, count, desc, eq, isNull, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { mainProfileId } from '../library/main-profile.ts';
import {
  connections,
  downloadAttempts,
  jobProgress,
  media,
  mediaSlots,
  trailerProfiles,
  trailerCandidates,
  trailers,
  videoBlocklist,
} from '../db/schema/index.ts';
import type { ExtraKind } from '../domain/extra-kinds.ts';
import { pageWindow, type MediaListQuery } from './admin-schemas.ts';
import { posterVersion } from './poster-cache.ts';
import { foldedContains } from './search-text.ts';

export type MediaListItem = {
  id: number;
  kind: 'movie' | 'series';
  title: string;
  year: number | null;
  trailerStatus: (typeof media.$inferSelect)['trailerStatus'];
  statusReason: string | null;
  monitored: boolean;
  hasFile: boolean;
  connectionName: string;
  removed: boolean;
  /** The version of the Arr's poster (for `/posters/{id}?v=`); null when the Arr named none. */
  posterVersion: string | null;
  progress: { stage: string; percent: number | null } | null;
};

export type MediaPage = { items: MediaListItem[]; total: number; page: number; pageSize: number; pages: number };

function listFilters(query: MediaListQuery): SQL | undefined {
  const filters: SQL[] = [];
  if (query.kind !== 'all') filters.push(eq(media.kind, query.kind));
  if (query.status !== 'all') filters.push(eq(media.trailerStatus, query.status));
  if (query.missing !== 'all') filters.push(missingKind(query.missing));
  filters.push(query.removed ? isNotNull(media.removedAt) : isNull(media.removedAt));
  const q = query.q?.trim();
  if (q) {
    const matches = [foldedContains(media.title, q), foldedContains(media.originalTitle, q)];
    if (/^\d{4}$/.test(q)) matches.push(eq(media.year, Number(q)));
    filters.push(or(...matches)!);
  }
  return and(...filters);
}

/**
 * The item lacks a file of this kind: an enabled profile of the kind has a slot row for it that
 * is not have/external, or (for trailers) the main trailer's status on the media row is not.
 */
function missingKind(kind: ExtraKind): SQL {
  const slotMissing = sql`exists (select 1 from ${mediaSlots} join ${trailerProfiles} on ${trailerProfiles.id} = ${mediaSlots.profileId}
    where ${mediaSlots.mediaId} = ${media.id} and ${trailerProfiles.kind} = ${kind} and ${trailerProfiles.enabled}
    and ${mediaSlots.status} not in ('have', 'external'))`;
  return kind === 'trailer' ? or(sql`${media.trailerStatus} not in ('have', 'external')`, slotMissing)! : slotMissing;
}

const trailerSize = sql`(select t.size_bytes from trailers t where t.media_id = ${media.id} and t.state = 'present')`;

/** The chosen order, then title and id so pages never overlap; items without a value go last. */
function listOrder(query: MediaListQuery): SQL[] {
  const by = query.dir === 'desc' ? desc : asc;
  const nullsLast = (expr: SQL) => sql`${expr} ${sql.raw(query.dir === 'desc' ? 'desc' : 'asc')} nulls last`;
  const title = asc(sql`lower(${media.title})`);
  const primary: Record<MediaListQuery['sort'], SQL> = {
    title: by(sql`lower(${media.title})`),
    year: nullsLast(sql`${media.year}`),
    added: by(media.createdAt),
    status: by(media.trailerStatus),
    size: nullsLast(trailerSize),
  };
  return [primary[query.sort], title, asc(media.id)];
}

function selectListItems(db: Db) {
  return db
    .select({
      id: media.id,
      kind: media.kind,
      title: media.title,
      year: media.year,
      trailerStatus: media.trailerStatus,
      statusReason: media.statusReason,
      monitored: media.monitored,
      hasFile: media.hasFile,
      removedAt: media.removedAt,
      posterPath: media.posterPath,
      connectionName: connections.name,
      stage: jobProgress.stage,
      percent: jobProgress.percent,
    })
    .from(media)
    .innerJoin(connections, eq(connections.id, media.connectionId))
    .leftJoin(jobProgress, eq(jobProgress.mediaId, media.id));
}

type ListRow = Awaited<ReturnType<ReturnType<typeof selectListItems>['execute']>>[number];

function toListItem({ removedAt, stage, percent, posterPath, ...row }: ListRow): MediaListItem {
  const poster = posterPath ? posterVersion(posterPath) : null;
  return { ...row, removed: removedAt !== null, posterVersion: poster, progress: stage ? { stage, percent } : null };
}

/** One library row, as the list shows it (after an action on that row). */
export async function mediaListItem(db: Db, id: number): Promise<MediaListItem | null> {
  const [row] = await selectListItems(db).where(eq(media.id, id));
  return row ? toListItem(row) : null;
}

export async function listMedia(db: Db, query: MediaListQuery): Promise<MediaPage> {
  const where = listFilters(query);
  const [totalRow] = await db.select({ n: count() }).from(media).where(where);
  const total = Number(totalRow?.n ?? 0);
  const { page, pages, offset } = pageWindow(total, query.page, query.pageSize);
  const rows = await selectListItems(db)
    .where(where)
    .orderBy(...listOrder(query))
    .limit(query.pageSize)
    .offset(offset);
  const items = rows.map(toListItem);
  return { items, total, page, pageSize: query.pageSize, pages };
}

export type MediaDetail = NonNullable<Awaited<ReturnType<typeof getMediaDetail>>>;

/** Everything the item page shows; null when there is no such item. */
export async function getMediaDetail(db: Db, id: number) {
  const [row] = await db
    .select({ media, connection: { id: connections.id, name: connections.name, kind: connections.kind } })
    .from(media)
    .innerJoin(connections, eq(connections.id, media.connectionId))
    .where(eq(media.id, id));
  if (!row) return null;
  // The page's Trailer section is the main trailer's slot; the other slots are in its Files list.
  const mainId = await mainProfileId(db);
  const [trailer] = await db
    .select()
    .from(trailers)
    .where(
      and(
        eq(trailers.mediaId, id),
        eq(trailers.state, 'present'),
        isNull(trailers.season),
        mainId !== undefined ? or(eq(trailers.profileId, mainId), isNull(trailers.profileId)) : undefined,
      ),
    )
    .orderBy(sql`${trailers.profileId} is null`)
    .limit(1);
  const candidates = await db
    .select()
    .from(trailerCandidates)
    .where(
      and(
        eq(trailerCandidates.mediaId, id),
        isNull(trailerCandidates.season),
        // No profile recorded: a candidate stored before slots, which is the main trailer's.
        mainId !== undefined ? or(eq(trailerCandidates.profileId, mainId), isNull(trailerCandidates.profileId)) : undefined,
      ),
    )
    .orderBy(asc(trailerCandidates.excluded), asc(trailerCandidates.rank), desc(trailerCandidates.score));
  const attempts = await db
    .select()
    .from(downloadAttempts)
    .where(eq(downloadAttempts.mediaId, id))
    .orderBy(desc(downloadAttempts.startedAt), desc(downloadAttempts.id))
    .limit(50);
  const blocklist = await db.select().from(videoBlocklist).where(eq(videoBlocklist.mediaId, id)).orderBy(desc(videoBlocklist.createdAt));
  const [progress] = await db.select().from(jobProgress).where(eq(jobProgress.mediaId, id));
  return { ...row, trailer: trailer ?? null, candidates, attempts, blocklist, progress: progress ?? null };
}
