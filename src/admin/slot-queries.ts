// Every file slot of one item, as the item page's Files section and GET /api/v1/media/{id}/slots
// show it: the slots its enabled profiles plan (main trailer first), their state (the media row
// for the main trailer, `media_slots` for the others) and their present files, plus the files
// whose profile no longer applies (disabled, changed or deleted), which are kept and listed.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { media, mediaSlots, trailerProfiles, trailers, type ProfileRow, type TrailerStatus } from '../db/schema/index.ts';
import { readSettings } from '../db/settings-store.ts';
import type { ExtraKind } from '../domain/extra-kinds.ts';
import { plannedSlots } from '../domain/slot-plan.ts';
import { loadProfile } from '../pipeline/trailer-profile.ts';

export interface ItemSlot {
  /** Null: a file whose profile was deleted. */
  profileId: number | null;
  profileName: string | null;
  kind: ExtraKind | null;
  languageRule: ProfileRow['languageRule'] | null;
  season: number | null;
  /** The item's main trailer (the default profile, whole item): its state is the media row's. */
  main: boolean;
  /** A profile applies to the item now, so the slot can be fetched. */
  planned: boolean;
  status: TrailerStatus;
  reason: string | null;
  externalPath: string | null;
  file: { path: string; sizeBytes: number; createdAt: Date } | null;
  /** Why a slot that is not planned is still listed. */
  note: string | null;
}

const keyOf = (profileId: number | null, season: number | null) => `${profileId ?? 0}:${season ?? -1}`;

/** Why a present file's profile no longer gives the item this slot. */
function keptNote(profile: ProfileRow | undefined): string {
  if (!profile) return 'profile deleted — file kept';
  if (!profile.enabled) return 'profile disabled — file kept';
  return 'profile no longer applies — file kept';
}

/** The item's slots, main trailer first, then the planned extras, then kept files; null: no such item. */
export async function listItemSlots(db: Db, mediaId: number): Promise<{ slots: ItemSlot[]; mainProfileId: number } | null> {
  const [item] = await db.select().from(media).where(eq(media.id, mediaId));
  if (!item) return null;
  const profiles = await db.select().from(trailerProfiles);
  const main = (await loadProfile(db, await readSettings(db))).row;
  const byId = new Map(profiles.map((p) => [p.id, p]));
  if (!byId.has(main.id)) byId.set(main.id, main);
  const states = new Map((await db.select().from(mediaSlots).where(eq(mediaSlots.mediaId, mediaId))).map((row) => [keyOf(row.profileId, row.season), row]));
  const files = new Map(
    (await db.select().from(trailers).where(and(eq(trailers.mediaId, mediaId), eq(trailers.state, 'present')))).map((row) => [keyOf(row.profileId, row.season), row]),
  );

  const slotOf = (profileId: number | null, season: number | null, planned: boolean): ItemSlot => {
    const profile = profileId === null ? undefined : byId.get(profileId);
    const isMain = profileId === main.id && season === null;
    const state = states.get(keyOf(profileId, season));
    const file = files.get(keyOf(profileId, season));
    const status: TrailerStatus = isMain ? item.trailerStatus : (state?.status ?? (file ? 'have' : 'missing'));
    return {
      profileId,
      profileName: profile?.name ?? null,
      kind: profile?.kind ?? null,
      languageRule: profile?.languageRule ?? null,
      season,
      main: isMain,
      planned,
      status: planned ? status : 'have',
      reason: planned ? (isMain ? item.statusReason : (state?.statusReason ?? null)) : null,
      externalPath: isMain ? item.externalTrailerPath : (state?.externalPath ?? null),
      file: file ? { path: file.path, sizeBytes: file.sizeBytes, createdAt: file.createdAt } : null,
      note: planned ? null : keptNote(profile),
    };
  };

  const planned = plannedSlots(item, [...byId.values()], main.id);
  // The main trailer is always listed: its state is on the media row whatever the plan says.
  if (!planned.some((slot) => slot.profileId === main.id && slot.season === null)) planned.unshift({ profileId: main.id, season: null });
  const slots = planned.map((slot) => slotOf(slot.profileId, slot.season, true));
  const listed = new Set(planned.map((slot) => keyOf(slot.profileId, slot.season)));
  const kept = [...files.values()]
    .filter((file) => !listed.has(keyOf(file.profileId, file.season)))
    .sort((a, b) => (a.profileId ?? 0) - (b.profileId ?? 0) || (a.season ?? -1) - (b.season ?? -1));
  for (const file of kept) slots.push(slotOf(file.profileId, file.season, false));
  return { slots, mainProfileId: main.id };
}

/** One slot of the item by profile and season, as listed; undefined when the item has no such slot. */
export async function findItemSlot(db: Db, mediaId: number, profileId: number, season: number | null) {
  const listed = await listItemSlots(db, mediaId);
  if (!listed) return null;
  return { slot: listed.slots.find((s) => s.profileId === profileId && s.season === season), mainProfileId: listed.mainProfileId };
}
