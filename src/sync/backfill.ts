// Library backfill: items of one connection that have no trailer get a `trailer-fetch` job at
// backfill priority, per the backfill policy. "Never twice" is the status column: an item moves
// from `missing` to `queued` in the same transaction as its job is inserted, and only the
// transaction that moved it inserts the job (another worker's update finds it `queued`).
import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Settings } from '../config/settings.ts';
import type { Db } from '../db/client.ts';
import { rowsOf } from '../db/client.ts';
import { media } from '../db/schema/media.ts';
import { mainProfileId, mainTrailerPresentSql } from '../library/main-profile.ts';
import { queueTrailerFetches } from '../library/trailer-fetch-queue.ts';

export type BackfillPolicy = Settings['backfillPolicy'];


function policyFilter(policy: BackfillPolicy): SQL | undefined {
  if (policy === 'monitored') return eq(media.monitored, true);
  if (policy === 'with-files') return eq(media.hasFile, true);
  return undefined;
}

/** The connection's items the backfill may fetch for: still in the Arr, monitored for trailers, not excluded, within the policy. */
export function backfillItems(connectionId: number, policy: BackfillPolicy): SQL | undefined {
  return and(
    eq(media.connectionId, connectionId),
    isNull(media.removedAt),
    eq(media.trailerMonitored, true),
    isNull(media.excludedReason),
    policyFilter(policy),
  );
}

/** Queues a backfill fetch for every eligible item of the connection. Returns how many. */
export async function enqueueBackfill(
  deps: { db: Db; boss: PgBoss },
  connectionId: number,
  policy: BackfillPolicy,
  chunkSize = 1000,
): Promise<number> {
  // Only the main trailer's own file counts: an item with just a featurette still wants its trailer.
  const noOwnTrailer = sql`not ${mainTrailerPresentSql(sql`media.id`, await mainProfileId(deps.db))}`;
  const eligible = await deps.db
    .select({ id: media.id })
    .from(media)
    .where(
      and(backfillItems(connectionId, policy), eq(media.trailerStatus, 'missing'), isNull(media.externalTrailerPath), noOwnTrailer),
    )
    .orderBy(asc(media.id));
  let queued = 0;
  for (let start = 0; start < eligible.length; start += chunkSize) {
    const ids = eligible.slice(start, start + chunkSize).map((row) => row.id);
    queued += await deps.db.transaction(async (tx) => {
      const claimed = rowsOf<{ id: number | string }>(
        await tx.execute(sql`
          update media set trailer_status = 'queued', status_reason = null, updated_at = now()
          where id = any(${`{${ids.join(',')}}`}::bigint[])
            and trailer_status = 'missing' and removed_at is null and external_trailer_path is null
            and trailer_monitored and excluded_reason is null
            and ${noOwnTrailer}
          returning id`),
      );
      return queueTrailerFetches(deps.boss, tx, claimed.map((row) => Number(row.id)).sort((a, b) => a - b), 'backfill');
    });
  }
  return queued;
}
