// Before anything is downloaded: is there anything to do for this item, where would the trailer
// go, and would it land on a file that is not ours? Each "no" becomes a status the UI shows.
import { and, eq } from 'drizzle-orm';
import { lstat } from 'node:fs/promises';
import type { Settings } from '../config/settings.ts';
import { readSettings } from '../db/settings-store.ts';
import { trailers, type TrailerStatus, type MediaRow, type TrailerRow } from '../db/schema/index.ts';
import type { JobPayload } from '../jobs/payloads.ts';
import { trailerTarget, type TrailerTarget } from '../domain/trailer-name.ts';
import { checkOwnedFile } from '../files/owned-file.ts';
import { MediaToolError } from '../media-tools/media-tool-error.ts';
import { posixRelativePath, resolveMediaFolder } from '../library/media-folder.ts';
import type { PipelineRuntime } from './pipeline-runtime.ts';
import { trailerListedByServer } from '../media-servers/trailer-check.ts';
import { loadProfile, type LoadedProfile } from './trailer-profile.ts';

export interface FetchPlan {
  media: MediaRow;
  settings: Settings;
  profile: LoadedProfile;
  roots: string[];
  mediaFolder: string;
  target: TrailerTarget;
  /** Our present trailer of this item, replaced once the new one is in place. */
  previous: TrailerRow | undefined;
  /** The user asked: a file at the target that is not ours may be replaced. */
  force: boolean;
}

export type StartDecision =
  | { go: true; plan: FetchPlan }
  | { go: false; status: TrailerStatus; reason: string | null; externalTrailerPath?: string | null; failed: boolean };

const stop = (status: TrailerStatus, reason: string | null, failed = false, externalTrailerPath?: string): StartDecision => ({
  go: false,
  status,
  reason,
  failed,
  ...(externalTrailerPath !== undefined ? { externalTrailerPath } : {}),
});

export async function planFetch(rt: PipelineRuntime, media: MediaRow, data: JobPayload<'trailer-fetch'>): Promise<StartDecision> {
  const force = data.force === true;
  const userAsked = force || data.videoId !== undefined || data.reason === 'user';
  if (media.removedAt !== null && !userAsked) return stop('skipped', 'no longer in the Arr library');
  // Switched off or excluded after this job was queued: only a request of the user still runs.
  if (media.excludedReason !== null && !userAsked) return stop('skipped', `excluded: ${media.excludedReason}`);
  if (!media.trailerMonitored && !userAsked) return stop('missing', 'not monitored for trailers');
  if (media.externalTrailerPath !== null && !force) {
    return stop('external', `a trailer that was already there is kept: ${media.externalTrailerPath}`);
  }

  const [previous] = await rt.db.select().from(trailers).where(and(eq(trailers.mediaId, media.id), eq(trailers.state, 'present')));
  let owned: TrailerRow | undefined;
  if (previous !== undefined) {
    const state = await checkOwnedFile(previous);
    if (state === 'missing') {
      await rt.db.update(trailers).set({ state: 'missing', updatedAt: new Date() }).where(eq(trailers.id, previous.id));
    } else if (state !== 'match') {
      // Someone replaced or edited our file: it is theirs now, and never touched again.
      await rt.db.update(trailers).set({ state: 'removed', updatedAt: new Date() }).where(eq(trailers.id, previous.id));
      if (!force) return stop('external', `the trailer at ${previous.path} was changed by someone else and is kept`, false, previous.path);
    } else {
      if (!force && data.videoId === undefined) return stop('have', null);
      owned = previous;
    }
  }

  const folder = await resolveMediaFolder(rt.db, media);
  if (!folder.ok) return stop('needs-attention', folder.reason, true);
  if (!folder.exists) return stop('missing', `the folder ${folder.localFolder} does not exist (yet)`);
  // Optional: a media server that already lists a trailer makes the download unnecessary.
  const listed = userAsked ? undefined : await trailerListedByServer(rt, media, folder.localFolder);
  if (listed !== undefined) return stop('skipped', listed);

  const settings = await readSettings(rt.db);
  let profile: LoadedProfile;
  try {
    profile = await loadProfile(rt.db, settings);
  } catch (error) {
    if (error instanceof MediaToolError) return stop('needs-attention', error.message, true);
    throw error;
  }
  const target = trailerTarget({
    kind: media.kind,
    mediaFolder: folder.localFolder,
    movieFileRelativePath: media.kind === 'movie' ? posixRelativePath(media.movieFileRelativePath, folder.style) : undefined,
    layout: settings.trailerLayout,
    container: profile.conversion.container,
    title: media.title,
    year: media.year ?? undefined,
  });
  if (!target.ok) return stop('needs-attention', target.reason, true);

  // A file already at the name we would write, that is not our present trailer, belongs to
  // someone else: without an explicit request it is kept and the item counts as having one.
  const occupied = await lstat(target.target.path).then(() => true, () => false);
  if (occupied && owned?.path !== target.target.path && !force) {
    return stop('external', `a trailer that was already there is kept: ${target.target.path}`, false, target.target.path);
  }
  return {
    go: true,
    plan: { media, settings, profile, roots: folder.roots, mediaFolder: folder.localFolder, target: target.target, previous: owned, force },
  };
}

