// Before anything is downloaded: is there anything to do for this slot of the item, does a file of
// the user's already fill it (slot-on-disk.ts), where would its file go, and would it land on a file
// that is not ours? Each "no" becomes a status the UI shows.
import { and, eq } from 'drizzle-orm';
import { lstat } from 'node:fs/promises';
import type { Settings } from '../config/settings.ts';
import { mediaSlots, trailers, type TrailerStatus, type MediaRow, type TrailerRow } from '../db/schema/index.ts';
import type { JobPayload } from '../jobs/payloads.ts';
import type { SlotTarget } from '../domain/slot-name.ts';
import { checkOwnedFile } from '../files/owned-file.ts';
import { resolveMediaFolder } from '../library/media-folder.ts';
import type { PipelineRuntime } from './pipeline-runtime.ts';
import { trailerListedByServer } from '../media-servers/trailer-check.ts';
import { sameSlot, type FetchSlot } from './slot-context.ts';
import { userFileOfSlot } from './slot-on-disk.ts';
import { loadProfiles, targetForSlot } from './slot-target.ts';
import type { LoadedProfile } from './trailer-profile.ts';

export interface FetchPlan {
  media: MediaRow;
  settings: Settings;
  /** The slot filled: main trailer or an extra (profile, season). */
  slot: FetchSlot;
  profile: LoadedProfile;
  roots: string[];
  mediaFolder: string;
  target: SlotTarget;
  /** Our present file of this slot, replaced once the new one is in place. */
  previous: TrailerRow | undefined;
  /** The user asked: a file at the target that is not ours may be replaced. */
  force: boolean;
}

export type StartDecision =
  | { go: true; plan: FetchPlan }
  | { go: false; status: TrailerStatus; reason: string | null; externalPath?: string | null; failed: boolean };

const stop = (status: TrailerStatus, reason: string | null, failed = false, externalPath?: string): StartDecision => ({
  go: false,
  status,
  reason,
  failed,
  ...(externalPath !== undefined ? { externalPath } : {}),
});

/** A file of someone else recorded at this slot's name: the media row's for the main trailer. */
async function slotExternalPath(rt: PipelineRuntime, media: MediaRow, slot: FetchSlot): Promise<string | null> {
  if (slot.main) return media.externalTrailerPath;
  const [row] = await rt.db.select({ externalPath: mediaSlots.externalPath }).from(mediaSlots).where(and(eq(mediaSlots.mediaId, media.id), sameSlot(mediaSlots, slot)));
  return row?.externalPath ?? null;
}

export async function planFetch(rt: PipelineRuntime, media: MediaRow, data: JobPayload<'trailer-fetch'>, slot: FetchSlot, settings: Settings): Promise<StartDecision> {
  const force = data.force === true;
  const userAsked = force || data.videoId !== undefined || data.reason === 'user';
  const what = slot.main ? 'a trailer' : `a ${slot.label}`;
  if (media.removedAt !== null && !userAsked) return stop('skipped', 'no longer in the Arr library');
  // Switched off or excluded after this job was queued: only a request of the user still runs.
  if (media.excludedReason !== null && !userAsked) return stop('skipped', `excluded: ${media.excludedReason}`);
  if (!media.trailerMonitored && !userAsked) return stop('missing', 'not monitored for trailers');
  const external = await slotExternalPath(rt, media, slot);
  if (external !== null && !force) {
    return stop('external', `${what} that was already there is kept: ${external}`);
  }

  const [previous] = await rt.db
    .select()
    .from(trailers)
    .where(and(eq(trailers.mediaId, media.id), sameSlot(trailers, slot), eq(trailers.state, 'present')));
  let owned: TrailerRow | undefined;
  if (previous !== undefined) {
    const state = await checkOwnedFile(previous);
    if (state === 'missing') {
      await rt.db.update(trailers).set({ state: 'missing', updatedAt: new Date() }).where(eq(trailers.id, previous.id));
    } else if (state !== 'match') {
      // Someone replaced or edited our file: it is theirs now, and never touched again.
      await rt.db.update(trailers).set({ state: 'removed', updatedAt: new Date() }).where(eq(trailers.id, previous.id));
      if (!force) return stop('external', `${slot.main ? 'the trailer' : `the ${slot.label}`} at ${previous.path} was changed by someone else and is kept`, false, previous.path);
    } else {
      if (!force && data.videoId === undefined) return stop('have', null);
      owned = previous;
    }
  }

  const folder = await resolveMediaFolder(rt.db, media);
  if (!folder.ok) return stop('needs-attention', folder.reason, true);
  if (!folder.exists) return stop('missing', `the folder ${folder.localFolder} does not exist (yet)`);
  // A file of the user's that the media servers already read for this slot, under any name or
  // extension (an import's jobs run before a sync has seen the folder): kept, and recorded.
  const userFile = force ? null : await userFileOfSlot(rt.db, media, slot, folder);
  if (userFile !== null) return stop('external', `${what} that was already there is kept: ${userFile}`, false, userFile);
  // Optional: a media server that already lists a trailer makes the download unnecessary.
  const listed = userAsked || !slot.main ? undefined : await trailerListedByServer(rt, media, folder.localFolder);
  if (listed !== undefined) return stop('skipped', listed);

  const profile = slot.profile;
  const target = await targetForSlot({
    media,
    folder,
    settings,
    profile: profile.row,
    season: slot.season,
    container: profile.conversion.container,
    profiles: await loadProfiles(rt.db),
    mainProfileId: slot.mainProfileId,
  });
  if (!target.ok) return stop(target.status, target.reason, target.status === 'needs-attention');

  // A file already at the name we would write, that is not our present file, belongs to
  // someone else: without an explicit request it is kept and the slot counts as having one.
  const occupied = await lstat(target.target.path).then(() => true, () => false);
  if (occupied && owned?.path !== target.target.path && !force) {
    return stop('external', `${what} that was already there is kept: ${target.target.path}`, false, target.target.path);
  }
  return {
    go: true,
    plan: { media, settings, slot, profile, roots: folder.roots, mediaFolder: folder.localFolder, target: target.target, previous: owned, force },
  };
}
