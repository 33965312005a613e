// Which file slot a trailer-fetch job fills (issue #19): the item's main trailer (no profile in
// the payload, or the main profile with no season) or an extra slot (another profile, or a
// season). An extra slot's profile is read again when the job runs: deleted, disabled or no longer
// applying to the item (kind, connection, tags changed since it was queued) ends the job as
// `skipped` without a download. Files, candidates and attempts of every slot, the main one
// included, are stored with the profile's real id and the season (null: the whole item).
import { eq, isNull, type AnyColumn, type SQL, and } from 'drizzle-orm';
import type { Settings } from '../config/settings.ts';
import type { Db } from '../db/client.ts';
import { trailerProfiles, type MediaRow, type ProfileRow } from '../db/schema/index.ts';
import { profileApplies, slotSeasons, type SlotItem } from '../domain/slot-plan.ts';
import { describeWanted, MAX_SEASON, type Wanted } from '../domain/wanted-video.ts';
import type { JobPayload } from '../jobs/payloads.ts';
import type { SlotRef } from '../library/slot-status.ts';
import { parseConversionProfile } from '../media-tools/convert-plan.ts';
import { MediaToolError } from '../media-tools/media-tool-error.ts';
import { loadProfile, type LoadedProfile } from './trailer-profile.ts';

export interface FetchSlot {
  /** For status writes and re-queued payloads: no `profileId` = the main trailer. */
  ref: SlotRef;
  main: boolean;
  /** The profile's real id, stored on files, candidates and attempts (the main slot's too). */
  profileId: number;
  /** Null: the whole item. */
  season: number | null;
  profile: LoadedProfile;
  /** What is searched and ranked for this slot. */
  wanted: Wanted;
  /** "featurette", "season 1 trailer": names the slot in progress lines and reasons. */
  label: string;
  /** The item's main profile (the variant label of a second same-kind profile depends on it). */
  mainProfileId: number;
}

export type SlotResolution =
  | { ok: true; slot: FetchSlot }
  /** `ref` undefined: there is no slot row to write (its profile is gone, rows cascaded with it). */
  | { ok: false; status: 'skipped' | 'needs-attention'; reason: string; ref: SlotRef | undefined };

/** The slot named by a payload, normalised: the main profile with no season is the main slot. */
export function normaliseSlot(data: { mediaId: number; profileId?: number | undefined; season?: number | undefined }, mainProfileId: number): SlotRef {
  if (data.profileId === undefined || (data.profileId === mainProfileId && data.season === undefined)) return { mediaId: data.mediaId };
  return { mediaId: data.mediaId, profileId: data.profileId, ...(data.season !== undefined ? { season: data.season } : {}) };
}

/** The payload fields naming a slot (empty for the main trailer), for re-queued jobs. */
export function slotPayload(ref: SlotRef): { profileId?: number; season?: number } {
  if (ref.profileId === undefined) return {};
  return { profileId: ref.profileId, ...(ref.season !== undefined ? { season: ref.season } : {}) };
}

/** The item as the pure slot plan sees it. */
export function slotItemOf(row: MediaRow): SlotItem {
  return { kind: row.kind, connectionId: row.connectionId, tags: row.tags, seasons: row.seasons };
}

/** A row's slot columns equal this slot (`season` compared as "is not distinct from"). */
export function sameSlot(columns: { profileId: AnyColumn; season: AnyColumn }, slot: { profileId: number; season: number | null }): SQL {
  return and(eq(columns.profileId, slot.profileId), slot.season === null ? isNull(columns.season) : eq(columns.season, slot.season)) as SQL;
}

/** Why a job naming season 0 ends: queued before season slots skipped the specials, or asked for by hand. */
export const SPECIALS_HAVE_NO_SLOT = 'the specials (season 0) have no season file of their own; season slots start at season 1';

function wantedOf(profile: ProfileRow, season: number | null): Wanted {
  // Season slots start at 1 (extraSlot ends a season-0 job first); a whole item has no season.
  return season !== null && season >= 1 && season <= MAX_SEASON ? { kind: profile.kind, season } : { kind: profile.kind };
}

function fetchSlot(ref: SlotRef, main: boolean, profile: LoadedProfile, season: number | null, mainProfileId: number): FetchSlot {
  const wanted = wantedOf(profile.row, season);
  const label = describeWanted(wanted);
  return { ref, main, profileId: profile.row.id, season, profile, wanted, label, mainProfileId };
}

/** The slot this job fills, or why it ends before anything is searched. */
export async function resolveFetchSlot(db: Db, data: JobPayload<'trailer-fetch'>, row: MediaRow, settings: Settings): Promise<SlotResolution> {
  let main: LoadedProfile;
  try {
    main = await loadProfile(db, settings);
  } catch (error) {
    if (!(error instanceof MediaToolError)) throw error;
    // The stored main profile is inconsistent: the main slot says so; another slot does not need it.
    if (data.profileId === undefined) return { ok: false, status: 'needs-attention', reason: error.message, ref: { mediaId: row.id } };
    const [mainRow] = await db.select().from(trailerProfiles).where(eq(trailerProfiles.isDefault, true)).limit(1);
    return extraSlot(db, normaliseSlot(data, mainRow?.id ?? 0), row, mainRow?.id ?? 0);
  }
  const ref = normaliseSlot(data, main.row.id);
  if (ref.profileId === undefined) return { ok: true, slot: fetchSlot(ref, true, main, null, main.row.id) };
  return extraSlot(db, ref, row, main.row.id);
}

async function extraSlot(db: Db, ref: SlotRef, row: MediaRow, mainProfileId: number): Promise<SlotResolution> {
  const profileId = ref.profileId as number;
  const [profileRow] = await db.select().from(trailerProfiles).where(eq(trailerProfiles.id, profileId));
  if (profileRow === undefined) return { ok: false, status: 'skipped', reason: `profile ${profileId} no longer exists`, ref: undefined };
  const skipped = (reason: string): SlotResolution => ({ ok: false, status: 'skipped', reason, ref });
  if (!profileRow.enabled) return skipped(`the profile "${profileRow.name}" is switched off`);
  if (!profileApplies(profileRow, slotItemOf(row))) return skipped(`the profile "${profileRow.name}" no longer applies to this item`);
  if (profileRow.scope === 'season' && ref.season === undefined) return skipped(`the profile "${profileRow.name}" is per season, and no season was named`);
  if (profileRow.scope === 'item' && ref.season !== undefined) return skipped(`the profile "${profileRow.name}" is for the whole item, not a season`);
  if (ref.season === 0) return skipped(SPECIALS_HAVE_NO_SLOT);
  if (ref.season !== undefined && !slotSeasons(slotItemOf(row)).includes(ref.season)) {
    return skipped(`season ${ref.season} is not monitored in Sonarr`);
  }
  let conversion;
  try {
    conversion = parseConversionProfile(profileRow);
  } catch (error) {
    if (!(error instanceof MediaToolError)) throw error;
    return { ok: false, status: 'needs-attention', reason: error.message, ref };
  }
  return { ok: true, slot: fetchSlot(ref, false, { row: profileRow, conversion }, ref.season ?? null, mainProfileId) };
}
