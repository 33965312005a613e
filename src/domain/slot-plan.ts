// Which files an item should have: one slot per enabled profile that applies to it, and for
// season-scoped profiles one per monitored season. The item's main trailer (the default profile,
// whole item) is a slot too, but its state lives on the media row; `extraSlots` leaves it out.
import type { ExtraKind } from './extra-kinds.ts';

export interface SlotProfile {
  id: number;
  kind: ExtraKind;
  scope: 'item' | 'season';
  enabled: boolean;
  appliesTo: { mediaKinds: ReadonlyArray<'movie' | 'series'>; connectionIds: readonly number[]; tags: readonly string[] };
}

export interface SlotItem {
  kind: 'movie' | 'series';
  connectionId: number;
  tags: readonly string[];
  seasons: ReadonlyArray<{ number: number; monitored: boolean }>;
}

/** One file an item should have: a profile, and for a season-scoped profile the season. */
export interface Slot {
  profileId: number;
  /** Null: the whole movie or series. */
  season: number | null;
}

const folded = (tag: string): string => tag.trim().toLocaleLowerCase('en');

/** Whether a profile's "applies to" lets it fetch for this item (an empty list means any). */
export function profileApplies(profile: SlotProfile, item: SlotItem): boolean {
  if (!profile.enabled) return false;
  const { mediaKinds, connectionIds, tags } = profile.appliesTo;
  if (mediaKinds.length > 0 && !mediaKinds.includes(item.kind)) return false;
  if (connectionIds.length > 0 && !connectionIds.includes(item.connectionId)) return false;
  if (tags.length > 0) {
    const itemTags = new Set(item.tags.map(folded));
    if (!tags.some((tag) => itemTags.has(folded(tag)))) return false;
  }
  // A season has no theme music and a movie has no seasons.
  if (profile.scope === 'season' && (item.kind !== 'series' || profile.kind === 'theme-music')) return false;
  return true;
}

/**
 * The seasons a season-scoped profile gives the item a slot for: the ones Sonarr monitors, from
 * season 1. Season 0 is Sonarr's specials (`Specials`/`Season 00`): odd episodes, shorts and
 * extras of the whole run, never a season with a trailer of its own, so it has no season slot
 * (and is never searched as "season 0", nor as the whole series, which the item-level slots are).
 */
export function slotSeasons(item: SlotItem): number[] {
  const seasons = item.seasons.filter((s) => s.monitored && Number.isInteger(s.number) && s.number >= 1).map((s) => s.number);
  return [...new Set(seasons)].sort((a, b) => a - b);
}

/**
 * Every slot of the item, main trailer first when `mainProfileId` applies. Season slots follow
 * `slotSeasons`. Sorted, so the result is stable for the UI and for tests.
 */
export function plannedSlots(item: SlotItem, profiles: readonly SlotProfile[], mainProfileId: number | undefined): Slot[] {
  const slots: Slot[] = [];
  const ordered = [...profiles].sort((a, b) => (a.id === mainProfileId ? -1 : b.id === mainProfileId ? 1 : a.id - b.id));
  for (const profile of ordered) {
    if (!profileApplies(profile, item)) continue;
    if (profile.scope === 'item') {
      slots.push({ profileId: profile.id, season: null });
      continue;
    }
    for (const season of slotSeasons(item)) slots.push({ profileId: profile.id, season });
  }
  return slots;
}

/** The slots other than the main trailer: those whose state lives in `media_slots`. */
export function extraSlots(item: SlotItem, profiles: readonly SlotProfile[], mainProfileId: number | undefined): Slot[] {
  return plannedSlots(item, profiles, mainProfileId).filter((slot) => !isMainSlot(slot, mainProfileId));
}

export function isMainSlot(slot: Slot, mainProfileId: number | undefined): boolean {
  return slot.profileId === mainProfileId && slot.season === null;
}
