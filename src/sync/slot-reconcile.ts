// The extra slots' side of reconcile (featurettes, theme music, season trailers, …): which slots an
// item has, their stored states, and the writes once the disk is read. A file of the user's found
// for a slot makes it `external` (never fetched by backfill, never renamed or deleted by us); when
// that file is gone the slot is `missing` again; a file of ours that was deleted follows the
// deleted-trailer policy, as for the main trailer. Every write is guarded by the status it was
// decided from, so a worker that moved the slot on since wins.
import { sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { rowsOf, type Db, type Tx } from '../db/client.ts';
import type { MediaRow, TrailerStatus } from '../db/schema/index.ts';
import { extraDiskSlotKey, extraDiskSlots, type DiskSlot } from '../domain/extras-on-disk.ts';
import { claimSlotFetches } from '../library/slot-status.ts';
import { readSlotPlanning } from '../library/planned-slots.ts';
import { hasExtraProfiles } from '../library/slot-planning.ts';
import { queueSlotFetches } from '../library/trailer-fetch-queue.ts';
import { jsonParam } from './json-param.ts';
import { decideSlotState, REASON_DELETED_REFETCH, type DeletedTrailerPolicy, type SlotDecision } from './trailer-decision.ts';
import type { ScanResult } from './trailer-scan.ts';

/** A slot of one item among the connection's. */
export const itemSlotKey = (mediaId: number, profileId: number, season: number | null): string => `${mediaId}/${extraDiskSlotKey(profileId, season)}`;

type StoredSlot = { status: TrailerStatus; externalPath: string | null };
type PlanItem = Pick<MediaRow, 'kind' | 'connectionId' | 'tags' | 'seasons'> & { mediaId: number };
type PlannedSlot = DiskSlot & { profileId: number };

/** The extra slots of each item (by media id) and their stored states; empty when no profile gives any. */
export async function loadExtraSlots(
  db: Db,
  connectionId: number,
  items: readonly PlanItem[],
): Promise<{ slots: Map<number, PlannedSlot[]>; stored: Map<string, StoredSlot> }> {
  const planning = await readSlotPlanning(db);
  const slots = new Map<number, PlannedSlot[]>();
  const stored = new Map<string, StoredSlot>();
  if (!hasExtraProfiles(planning)) return { slots, stored };
  for (const item of items) {
    const planned = extraDiskSlots(item, planning.profiles, planning.mainProfileId);
    if (planned.length > 0) slots.set(item.mediaId, planned);
  }
  const rows = rowsOf<{ media_id: number | string; profile_id: number; season: number | null; status: TrailerStatus; external_path: string | null }>(
    await db.execute(sql`
      select s.media_id, s.profile_id, s.season, s.status, s.external_path from media_slots s join media m on m.id = s.media_id
      where m.connection_id = ${connectionId} and m.removed_at is null`),
  );
  for (const row of rows) stored.set(itemSlotKey(Number(row.media_id), row.profile_id, row.season), { status: row.status, externalPath: row.external_path });
  return { slots, stored };
}

/** The decisions for one scanned item's extra slots (`stored` and `ownBySlot` keyed by `itemSlotKey`). */
export function decideExtraSlots(
  scan: ScanResult,
  slots: readonly PlannedSlot[],
  stored: ReadonlyMap<string, StoredSlot>,
  ownBySlot: ReadonlyMap<string, readonly string[]>,
  policy: DeletedTrailerPolicy,
): SlotDecision[] {
  const decisions: SlotDecision[] = [];
  for (const slot of slots) {
    const key = itemSlotKey(scan.mediaId, slot.profileId, slot.season);
    const state = stored.get(key) ?? { status: 'missing', externalPath: null };
    const ownPaths = ownBySlot.get(key) ?? [];
    const check = { mediaId: scan.mediaId, profileId: slot.profileId, season: slot.season, ...state, ownPaths };
    const decision = decideSlotState(check, scan.extraExternal?.get(slot.key) ?? null, scan.ownMissing, policy);
    if (decision) decisions.push(decision);
  }
  return decisions;
}

/** Writes the slots' decisions inside the caller's transaction; returns what was found and queued. */
export async function applySlotDecisions(boss: PgBoss, tx: Tx, decisions: readonly SlotDecision[]): Promise<{ externalFound: number; refetchQueued: number }> {
  if (decisions.length === 0) return { externalFound: 0, refetchQueued: 0 };
  const values = decisions.map((d) => ({
    media_id: d.mediaId,
    profile_id: d.profileId,
    season: d.season,
    expected: d.expectedStatus,
    // A slot is claimed and queued by claimSlotFetches, which takes it from `missing`.
    status: d.change.trailerStatus === 'queued' ? 'missing' : d.change.trailerStatus,
    external_path: d.change.externalTrailerPath,
    reason: d.change.statusReason,
  }));
  const recordset = sql`jsonb_to_recordset(${jsonParam(values)}::jsonb)
    as v(media_id bigint, profile_id integer, season integer, expected text, status text, external_path text, reason text)`;
  // A slot never planned before has no row yet: it is `missing`, which is what it was decided from.
  await tx.execute(sql`
    insert into media_slots (media_id, profile_id, season, status) select v.media_id, v.profile_id, v.season, 'missing' from ${recordset}
    on conflict (media_id, profile_id, season) do nothing`);
  const changed = rowsOf<{ media_id: number | string; profile_id: number; season: number | null; status: string; reason: string | null }>(
    await tx.execute(sql`
      update media_slots ms set status = v.status, external_path = v.external_path, status_reason = v.reason, updated_at = now()
      from ${recordset}
      where ms.media_id = v.media_id and ms.profile_id = v.profile_id and ms.season is not distinct from v.season and ms.status = v.expected
      returning ms.media_id, ms.profile_id, ms.season, v.status as status, v.reason as reason`),
  );
  const refetch = changed
    .filter((row) => row.status === 'missing' && row.reason === REASON_DELETED_REFETCH)
    .map((row) => ({ mediaId: Number(row.media_id), profileId: row.profile_id, season: row.season }));
  const claimed = await claimSlotFetches(tx, refetch);
  return {
    externalFound: changed.filter((row) => row.status === 'external').length,
    refetchQueued: await queueSlotFetches(boss, tx, claimed, 'refetch'),
  };
}
