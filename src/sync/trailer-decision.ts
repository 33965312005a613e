// What the files found on disk mean for one item's trailer status. Pure: the scan is done by
// trailer-scan.ts, the writes by trailer-reconcile.ts.
import type { TrailerStatus } from '../db/schema/media.ts';
import type { ScanResult } from './trailer-scan.ts';

export type DeletedTrailerPolicy = 'refetch' | 'respect';

export type TrailerCheckItem = {
  mediaId: number;
  trailerStatus: TrailerStatus;
  externalTrailerPath: string | null;
  /** Files this service wrote for the item (every slot), recorded as present. */
  ownTrailerPaths: readonly string[];
  /** Of those, the main trailer's (the other slots' files never decide the item's status); all of them when absent. */
  mainTrailerPaths?: readonly string[];
};

export type StatusChange = { trailerStatus: TrailerStatus; externalTrailerPath: string | null; statusReason: string | null };

export type TrailerDecision = {
  mediaId: number;
  /** The status the decision was made from; the write applies only if it is still that. */
  expectedStatus: TrailerStatus;
  /** Own trailer files that are gone: their rows become `missing`. */
  missingTrailerPaths: string[];
  change?: StatusChange;
  /** Queue a `trailer-fetch {reason: 'refetch'}` (the change is to `queued`). */
  refetch: boolean;
};

export const REASON_DELETED_REFETCH = 'The trailer was deleted from disk; fetching it again (deleted-trailer policy: refetch).';
export const REASON_DELETED_RESPECT = 'The trailer was deleted from disk; not fetched again (deleted-trailer policy: respect).';
export const REASON_EXTERNAL_GONE = 'The existing trailer file is no longer on disk.';

// Statuses where a trailer that turns up on disk (put there by the user or another tool) simply
// becomes the item's trailer. `downloading` is never here: the pipeline owns the item right now.
const WAITING: ReadonlySet<TrailerStatus> = new Set(['missing', 'queued', 'needs-attention', 'skipped', 'no-trailer-yet', 'preview']);

/** `undefined` when nothing changes (or the folder is not visible here, which proves nothing). */
export function decideTrailerState(item: TrailerCheckItem, scan: ScanResult, policy: DeletedTrailerPolicy): TrailerDecision | undefined {
  if (!scan.folderVisible || item.trailerStatus === 'downloading') return undefined;
  const missingTrailerPaths = scan.ownMissing.filter((path) => item.ownTrailerPaths.includes(path));
  const change = statusChange(item, scan, missingTrailerPaths, policy);
  if (change === undefined && missingTrailerPaths.length === 0) return undefined;
  return {
    mediaId: item.mediaId,
    expectedStatus: item.trailerStatus,
    missingTrailerPaths,
    ...(change ? { change } : {}),
    refetch: change?.trailerStatus === 'queued',
  };
}

function statusChange(
  item: TrailerCheckItem,
  scan: ScanResult,
  missingTrailerPaths: readonly string[],
  policy: DeletedTrailerPolicy,
): StatusChange | undefined {
  const external = scan.externalPath;
  const asExternal: StatusChange = { trailerStatus: 'external', externalTrailerPath: external, statusReason: null };
  switch (item.trailerStatus) {
    case 'have': {
      const main = item.mainTrailerPaths ?? item.ownTrailerPaths;
      const mainLeft = main.filter((path) => !missingTrailerPaths.includes(path)).length;
      // Nothing of ours was on record, or some of it is still there: the status stands.
      if (main.length === 0 || mainLeft > 0) return undefined;
      // The user replaced our trailer with their own: theirs is the trailer now.
      if (external) return asExternal;
      return policy === 'refetch'
        ? { trailerStatus: 'queued', externalTrailerPath: null, statusReason: REASON_DELETED_REFETCH }
        : { trailerStatus: 'skipped', externalTrailerPath: null, statusReason: REASON_DELETED_RESPECT };
    }
    case 'external':
      if (external === item.externalTrailerPath) return undefined;
      // Renamed or replaced by another file of theirs; or gone, and never ours to "respect":
      // the item simply has no trailer, and the backfill policy decides.
      return external ? asExternal : { trailerStatus: 'missing', externalTrailerPath: null, statusReason: REASON_EXTERNAL_GONE };
    default:
      return WAITING.has(item.trailerStatus) && external ? asExternal : undefined;
  }
}

/** An extra slot (a `media_slots` row, or none yet: `missing`) and its own files, for the same rules. */
export type SlotCheck = {
  mediaId: number;
  profileId: number;
  season: number | null;
  status: TrailerStatus;
  externalPath: string | null;
  /** Files this service wrote for this slot, recorded as present. */
  ownPaths: readonly string[];
};

export type SlotDecision = {
  mediaId: number;
  profileId: number;
  season: number | null;
  expectedStatus: TrailerStatus;
  /** `queued` is written as `missing`, then claimed and queued with reason `refetch`. */
  change: StatusChange;
};

/**
 * What the files found mean for one extra slot: the main trailer's rules, applied to the slot's
 * own files and the file found for it. `external` keeps a user's file (never fetched, renamed or
 * deleted); when it is gone the slot is `missing` again and the backfill fetches it.
 */
export function decideSlotState(slot: SlotCheck, found: string | null, ownMissing: readonly string[], policy: DeletedTrailerPolicy): SlotDecision | undefined {
  const decision = decideTrailerState(
    { mediaId: slot.mediaId, trailerStatus: slot.status, externalTrailerPath: slot.externalPath, ownTrailerPaths: slot.ownPaths },
    { mediaId: slot.mediaId, folderVisible: true, externalPath: found, ownMissing: [...ownMissing] },
    policy,
  );
  if (decision?.change === undefined) return undefined;
  return { mediaId: slot.mediaId, profileId: slot.profileId, season: slot.season, expectedStatus: slot.status, change: decision.change };
}
