// The `trailer-delete` job: remove our files of an item — every slot's, or with a profile (and
// season) in the payload only that slot's — and only files still exactly as we wrote them (path,
// size, mtime) and really inside the connection's roots; a file the user changed stays. Never a
// folder, never recursive. Then, when the item was deleted in the Arr, its row goes too
// (candidates, attempts, slot and trailer rows cascade).
import { and, eq } from 'drizzle-orm';
import { connections, media, trailers, type TrailerRow } from '../db/schema/index.ts';
import { removeOwnedFile } from '../files/owned-file.ts';
import { jobPayloads } from '../jobs/payloads.ts';
import { connectionRoots } from '../library/media-folder.ts';
import { readSettings } from '../db/settings-store.ts';
import { setSlotStatus } from '../library/slot-status.ts';
import { normaliseSlot, sameSlot } from './slot-context.ts';
import { loadProfile } from './trailer-profile.ts';
import type { PipelineRuntime } from './pipeline-runtime.ts';
import { trailersDeleted } from '../outbound/trailer-events.ts';

export interface DeleteResult {
  removed: string[];
  /** Files left in place, with why (changed by someone, already gone, outside the roots). */
  kept: Array<{ path: string; reason: string }>;
  mediaDeleted: boolean;
}

export async function runTrailerDelete(rt: PipelineRuntime, jobData: unknown): Promise<DeleteResult> {
  const data = jobPayloads['trailer-delete'].parse(jobData);
  const result: DeleteResult = { removed: [], kept: [], mediaDeleted: false };
  const [item] = await rt.db.select().from(media).where(eq(media.id, data.mediaId));
  if (item === undefined) return result;
  const [connection] = await rt.db.select().from(connections).where(eq(connections.id, item.connectionId));
  const roots = connection !== undefined ? connectionRoots(connection) : [];

  const settings = await readSettings(rt.db);
  const mainProfileId = await loadProfile(rt.db, settings).then((p) => p.row.id, () => 0);
  const only = data.profileId !== undefined ? normaliseSlot(data, mainProfileId) : undefined;
  const onlySlot = only === undefined ? undefined : { profileId: only.profileId ?? mainProfileId, season: only.season ?? null };
  const rows = await rt.db
    .select()
    .from(trailers)
    .where(and(eq(trailers.mediaId, item.id), eq(trailers.state, 'present'), ...(onlySlot !== undefined ? [sameSlot(trailers, onlySlot)] : [])));
  for (const row of rows) {
    const outcome = await removeOwnedFile(row, roots);
    if (outcome.removed) result.removed.push(row.path);
    else result.kept.push({ path: row.path, reason: outcome.reason });
    await rt.db
      .update(trailers)
      .set({ state: outcome.removed || outcome.why !== 'missing' ? 'removed' : 'missing', updatedAt: new Date() })
      .where(eq(trailers.id, row.id));
  }
  if (data.deleteMediaAfter) {
    await rt.db.delete(media).where(eq(media.id, item.id));
    result.mediaDeleted = true;
  } else if (data.reason === 'user') {
    // The user removed it on purpose: backfill must not bring it back by itself.
    if (only !== undefined && only.profileId !== undefined) {
      await setSlotStatus(rt.db, only, 'skipped', 'deleted by the user');
    } else {
      await setSlotStatus(rt.db, { mediaId: item.id }, 'skipped', 'trailer deleted by the user');
      if (only === undefined) await skipExtraSlots(rt, rows, mainProfileId);
    }
  }
  rt.logger.info({ mediaId: item.id, ...result }, 'trailer delete done');
  await trailersDeleted(rt, item, result.removed);
  return result;
}

/** Every other slot whose file the user deleted with the item's: skipped too, not re-fetched by itself. */
async function skipExtraSlots(rt: PipelineRuntime, rows: readonly TrailerRow[], mainProfileId: number): Promise<void> {
  for (const row of rows) {
    if (row.profileId === null || (row.profileId === mainProfileId && row.season === null)) continue;
    await setSlotStatus(rt.db, { mediaId: row.mediaId, profileId: row.profileId, season: row.season ?? undefined }, 'skipped', 'deleted by the user');
  }
}
