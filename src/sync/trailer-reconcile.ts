// Reconcile the trailer state of one connection's items with the files on disk: trailers the user
// already had become `external` (never downloaded again, never touched), trailers of ours that
// were deleted become `missing` (then fetched again or respected, per setting). The same for each
// extra slot (slot-reconcile.ts): a featurette, theme music or season trailer of the user's fills
// its slot. Read the disk first, outside any transaction; then write in short chunks.
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Db } from '../db/client.ts';
import { rowsOf } from '../db/client.ts';
import type { PathMapping } from '../db/schema/connections.ts';
import { media, type MediaRow } from '../db/schema/media.ts';
import { mapArrPath } from '../domain/path-mapping.ts';
import { decideTrailerState, type DeletedTrailerPolicy, type SlotDecision, type TrailerCheckItem, type TrailerDecision } from './trailer-decision.ts';
import { jsonParam } from './json-param.ts';
import { mainProfileId } from '../library/main-profile.ts';
import { queueTrailerFetches } from '../library/trailer-fetch-queue.ts';
import { scanTrailerFolders, type ScanTarget } from './trailer-scan.ts';
import { applySlotDecisions, decideExtraSlots, itemSlotKey, loadExtraSlots } from './slot-reconcile.ts';

export type TrailerReconcileReport = {
  /** Items whose folder could be read here. */
  scanned: number;
  /** Items skipped because their folder is not visible here (unmapped, not mounted, gone). */
  notVisible: number;
  /** Slots (the main trailer's and the others) that now have a file of the user's. */
  externalFound: number;
  /** Files of ours found deleted from disk. */
  trailersGone: number;
  /** Fetches queued again for deleted files of ours (deleted-trailer policy `refetch`). */
  refetchQueued: number;
};

export type TrailerReconcileOptions = { concurrency?: number; chunkSize?: number };

type CheckRow = TrailerCheckItem &
  Pick<MediaRow, 'kind' | 'connectionId' | 'tags' | 'seasons'> & {
    folderPath: string;
    movieFileRelativePath: string | null;
  };

export async function reconcileTrailerFiles(
  deps: { db: Db; boss: PgBoss },
  connection: { id: number; pathMappings: readonly PathMapping[] },
  policy: DeletedTrailerPolicy,
  options: TrailerReconcileOptions = {},
): Promise<TrailerReconcileReport> {
  const { items, ownBySlot } = await loadCheckItems(deps.db, connection.id);
  const extras = await loadExtraSlots(deps.db, connection.id, items);
  const targets: ScanTarget[] = [];
  const byId = new Map<number, CheckRow>();
  for (const item of items) {
    const mapped = mapArrPath(item.folderPath, connection.pathMappings);
    if (!mapped.ok) continue;
    byId.set(item.mediaId, item);
    // Windows Arrs write `\` in relative paths; the scan reads POSIX ones.
    const relative = mapped.style === 'posix' ? item.movieFileRelativePath : (item.movieFileRelativePath?.replaceAll('\\', '/') ?? null);
    targets.push({
      mediaId: item.mediaId,
      kind: item.kind,
      folder: mapped.localPath,
      movieFileRelativePath: relative,
      ownTrailerPaths: item.ownTrailerPaths,
      extraSlots: extras.slots.get(item.mediaId) ?? [],
    });
  }
  const scans = await scanTrailerFolders(targets, options.concurrency);
  const decisions: TrailerDecision[] = [];
  const slotDecisions: SlotDecision[] = [];
  let scanned = 0;
  for (const scan of scans) {
    if (!scan.folderVisible) continue;
    scanned += 1;
    const item = byId.get(scan.mediaId);
    const decision = item && decideTrailerState(item, scan, policy);
    if (decision) decisions.push(decision);
    const slots = extras.slots.get(scan.mediaId) ?? [];
    slotDecisions.push(...decideExtraSlots(scan, slots, extras.stored, ownBySlot, policy));
  }
  const written = await applyDecisions(deps, decisions, slotDecisions, options.chunkSize ?? 500);
  return { scanned, notVisible: items.length - scanned, ...written };
}

async function loadCheckItems(db: Db, connectionId: number): Promise<{ items: CheckRow[]; ownBySlot: Map<string, string[]> }> {
  const rows = await db
    .select({
      mediaId: media.id,
      kind: media.kind,
      connectionId: media.connectionId,
      tags: media.tags,
      seasons: media.seasons,
      folderPath: media.folderPath,
      movieFileRelativePath: media.movieFileRelativePath,
      trailerStatus: media.trailerStatus,
      externalTrailerPath: media.externalTrailerPath,
    })
    .from(media)
    .where(and(eq(media.connectionId, connectionId), isNull(media.removedAt), ne(media.trailerStatus, 'downloading')));
  // Our present trailers of this connection in one query, not a sub-select per item.
  const mainId = await mainProfileId(db);
  const isMain = mainId === undefined ? sql`t.season is null` : sql`(t.season is null and t.profile_id = ${mainId})`;
  const own = rowsOf<{ media_id: number | string; path: string; main: boolean; profile_id: number | null; season: number | null }>(
    await db.execute(sql`
      select t.media_id, t.path, t.profile_id, t.season, ${isMain} as main from trailers t join media m on m.id = t.media_id
      where m.connection_id = ${connectionId} and m.removed_at is null and t.state = 'present'`),
  );
  const pathsByMedia = new Map<number, string[]>();
  const mainByMedia = new Map<number, string[]>();
  const ownBySlot = new Map<string, string[]>();
  for (const row of own) {
    const id = Number(row.media_id);
    pathsByMedia.set(id, [...(pathsByMedia.get(id) ?? []), row.path]);
    if (row.main) mainByMedia.set(id, [...(mainByMedia.get(id) ?? []), row.path]);
    else if (row.profile_id !== null) {
      const key = itemSlotKey(id, row.profile_id, row.season);
      ownBySlot.set(key, [...(ownBySlot.get(key) ?? []), row.path]);
    }
  }
  const items = rows.map((row) => ({ ...row, ownTrailerPaths: pathsByMedia.get(row.mediaId) ?? [], mainTrailerPaths: mainByMedia.get(row.mediaId) ?? [] }));
  return { items, ownBySlot };
}

async function applyDecisions(
  deps: { db: Db; boss: PgBoss },
  decisions: readonly TrailerDecision[],
  slotDecisions: readonly SlotDecision[],
  chunkSize: number,
): Promise<Omit<TrailerReconcileReport, 'scanned' | 'notVisible'>> {
  const report = { externalFound: 0, trailersGone: 0, refetchQueued: 0 };
  for (let start = 0; start < decisions.length; start += chunkSize) {
    const chunk = decisions.slice(start, start + chunkSize);
    const gone = chunk.flatMap((d) => d.missingTrailerPaths.map((path) => ({ media_id: d.mediaId, path })));
    const changes = chunk.flatMap((d) =>
      d.change
        ? [{ id: d.mediaId, expected: d.expectedStatus, status: d.change.trailerStatus, external_path: d.change.externalTrailerPath, reason: d.change.statusReason }]
        : [],
    );
    await deps.db.transaction(async (tx) => {
      if (gone.length > 0) {
        const marked = await tx.execute(sql`
          update trailers set state = 'missing', updated_at = now()
          from jsonb_to_recordset(${jsonParam(gone)}::jsonb) as v(media_id bigint, path text)
          where trailers.media_id = v.media_id and trailers.path = v.path and trailers.state = 'present'
          returning trailers.id`);
        report.trailersGone += rowsOf(marked).length;
      }
      if (changes.length === 0) return;
      // Guarded by the status the decision was made from: a worker that moved the item on since
      // (started a download, placed a trailer) wins, and this sync leaves the item alone.
      const changed = rowsOf<{ id: number | string; status: string }>(
        await tx.execute(sql`
          update media m set trailer_status = v.status, external_trailer_path = v.external_path,
            status_reason = v.reason, updated_at = now()
          from jsonb_to_recordset(${jsonParam(changes)}::jsonb)
            as v(id bigint, expected text, status text, external_path text, reason text)
          where m.id = v.id and m.trailer_status = v.expected
          returning m.id as id, v.status as status`),
      );
      report.externalFound += changed.filter((row) => row.status === 'external').length;
      const refetch = changed.filter((row) => row.status === 'queued').map((row) => Number(row.id));
      report.refetchQueued += await queueTrailerFetches(deps.boss, tx, refetch, 'refetch');
    });
  }
  // After the files of ours that are gone are marked so: a slot is only claimed again once no
  // present file of ours is on record for it.
  for (let start = 0; start < slotDecisions.length; start += chunkSize) {
    const written = await deps.db.transaction((tx) => applySlotDecisions(deps.boss, tx, slotDecisions.slice(start, start + chunkSize)));
    report.externalFound += written.externalFound;
    report.refetchQueued += written.refetchQueued;
  }
  return report;
}
