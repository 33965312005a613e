// The library side of a connection's preview mode: previewed items (status `preview`, with their
// would-be download in `trailer_previews`) are set back to `missing` for a new preview run, or,
// when preview is switched off, queued for the real fetch in the same transaction that clears the
// flag (a preview job finishing at that moment locks the connection row too, so no item is left
// previewed under a connection that no longer previews).
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Db, Tx } from '../db/client.ts';
import { rowsOf } from '../db/client.ts';
import { connections, media, trailerPreviews } from '../db/schema/index.ts';
import { mainProfileId, mainTrailerPresentSql } from './main-profile.ts';
import { readSlotPlanning } from './planned-slots.ts';
import { queueExtraSlots } from './slot-planning.ts';
import { queueTrailerFetches } from './trailer-fetch-queue.ts';

/** Previewed items of the connection become `missing` again, so the next sync previews them anew. */
export async function resetPreviews(tx: Db | Tx, connectionId: number): Promise<number> {
  const reset = await tx
    .update(media)
    .set({ trailerStatus: 'missing', statusReason: null, updatedAt: new Date() })
    .where(and(eq(media.connectionId, connectionId), eq(media.trailerStatus, 'preview')))
    .returning({ id: media.id });
  return reset.length;
}

/**
 * Clears the connection's preview flag and queues the real fetch of every previewed item that
 * still wants one (the same conditions as the backfill); the others go back to `missing`. Without
 * a job queue (a web-only moment), every previewed item goes back to `missing` for the next sync.
 * Returns how many fetches were queued.
 */
export async function switchOffPreview(db: Db, boss: PgBoss | null, connectionId: number): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.update(connections).set({ previewOnly: false, updatedAt: new Date() }).where(eq(connections.id, connectionId));
    let queued = 0;
    if (boss !== null) {
      const claimed = rowsOf<{ id: number | string }>(
        await tx.execute(sql`
          update media set trailer_status = 'queued', status_reason = null, updated_at = now()
          where connection_id = ${connectionId} and trailer_status = 'preview'
            and removed_at is null and external_trailer_path is null
            and trailer_monitored and excluded_reason is null
            and not ${mainTrailerPresentSql(sql`media.id`, await mainProfileId(tx))}
          returning id`),
      );
      const ids = claimed.map((row) => Number(row.id)).sort((a, b) => a - b);
      queued = ids.length > 0 ? await queueTrailerFetches(boss, tx, ids, 'backfill') : 0;
      // Their extra slots (featurettes, theme music, …) waited for the switch-off too.
      const items = await tx
        .select({ id: media.id, kind: media.kind, connectionId: media.connectionId, tags: media.tags, seasons: media.seasons })
        .from(media)
        .where(and(eq(media.connectionId, connectionId), isNull(media.removedAt)));
      queued += await queueExtraSlots(boss, tx, items, 'backfill', await readSlotPlanning(tx));
    }
    await resetPreviews(tx, connectionId);
    await tx.delete(trailerPreviews).where(sql`${trailerPreviews.mediaId} in (select id from media where connection_id = ${connectionId})`);
    return queued;
  });
}
