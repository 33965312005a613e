// A slot a file of the user's already fills is never fetched. The library sync finds such files,
// but an import queues its fetches before any sync has read the item's folder: so before a search,
// the fetch reads the folder the way the sync does (sync/trailer-scan.ts; which file fills which
// slot is domain/extras-on-disk.ts), for this one slot. Files of ours (present `trailers` rows,
// every slot's) are never the user's.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { trailers, type MediaRow } from '../db/schema/index.ts';
import { extraDiskSlotKey, extraDiskSlots, MAIN_DISK_SLOT, type DiskSlot } from '../domain/extras-on-disk.ts';
import type { ArrPathStyle } from '../domain/path-mapping.ts';
import { posixRelativePath } from '../library/media-folder.ts';
import { readSlotPlanning } from '../library/planned-slots.ts';
import { findUserSlotFile } from '../sync/trailer-scan.ts';
import { slotItemOf, type FetchSlot } from './slot-context.ts';

/** The user's file (local absolute path) that fills the slot, or null (none, or the folder cannot be read). */
export async function userFileOfSlot(db: Db, media: MediaRow, slot: FetchSlot, folder: { localFolder: string; style: ArrPathStyle }): Promise<string | null> {
  const own = await db
    .select({ path: trailers.path })
    .from(trailers)
    .where(and(eq(trailers.mediaId, media.id), eq(trailers.state, 'present')));
  // The item's other slots decide too: of two trailer slots, the main one takes a user's trailer first.
  const planning = await readSlotPlanning(db);
  const itemSlots = [MAIN_DISK_SLOT, ...extraDiskSlots(slotItemOf(media), planning.profiles, planning.mainProfileId)];
  const diskSlot: DiskSlot = slot.main ? MAIN_DISK_SLOT : { key: extraDiskSlotKey(slot.profileId, slot.season), kind: slot.profile.row.kind, season: slot.season };
  const place = {
    kind: media.kind,
    folder: folder.localFolder,
    movieFileRelativePath: posixRelativePath(media.movieFileRelativePath, folder.style) ?? null,
    ownTrailerPaths: own.map((row) => row.path),
  };
  return (await findUserSlotFile(place, diskSlot, itemSlots)) ?? null;
}
