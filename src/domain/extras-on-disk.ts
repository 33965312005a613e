import { looksLikeExtraFile } from './extra-files.ts';
import { RECOGNISED_EXTRAS, TEASER_WORD, THEME_MUSIC_FOLDER } from './extra-folders.ts';
import type { ExtraKind } from './extra-kinds.ts';
import { isSeasonNumber, seasonFolderName } from './season-folder.ts';
import { extraSlots, type SlotItem, type SlotProfile } from './slot-plan.ts';

// Which file already on disk (the user's, not ours) fills which slot of an item. A slot counts a
// file only where the media servers read that slot's kind for that slot's scope (extra-folders.ts):
// - the whole movie: beside the movie (the movie folder, and the movie file's own sub-folder when
//   it has one), by name ending (`Heat-featurette.mkv`, suffix style) or directly inside the
//   kind's folder there (`Featurettes/Making of.mkv`, folder style);
// - the whole series: the series folder, the same two ways (`tvshow-trailer.mkv`, `Trailers/x.mkv`);
// - a season: its season folder (`Season 01`, `S01`, …; the one `seasonFolderName` picks), the
//   same two ways (`Season 01/season01-trailer.mkv`, `Season 01/Trailers/x.mkv`);
// - theme music: `theme.<audio>` at the top of the movie or series folder, or audio in its
//   `theme-music/` folder; never in a season folder.
// A file fills at most one slot. Teasers are trailers to every server: a teaser slot takes a
// trailer whose name says "teaser", and is served before the trailer slots, which prefer a
// trailer whose name does not; slots of one kind are served in the order given (main first).
// Pure: the folders are read by sync/trailer-scan.ts (for a whole library at sync, or for one
// slot when its fetch starts).

/** One slot to find a file for: its kind, and its season (null: the whole movie or series). */
export interface DiskSlot {
  key: string;
  kind: ExtraKind;
  season: number | null;
}

/** The main trailer's slot (its state is the media row's): a trailer of the whole item. */
export const MAIN_DISK_SLOT: DiskSlot = { key: 'main', kind: 'trailer', season: null };

/** An extra slot's key among its item's disk slots. */
export const extraDiskSlotKey = (profileId: number, season: number | null): string => `${profileId}:${season ?? ''}`;

/** The item's slots besides the main trailer, as the disk sees them (slot-plan.ts says which). */
export function extraDiskSlots(
  item: SlotItem,
  profiles: readonly SlotProfile[],
  mainProfileId: number | undefined,
): Array<DiskSlot & { profileId: number }> {
  const kinds = new Map(profiles.map((profile) => [profile.id, profile.kind]));
  return extraSlots(item, profiles, mainProfileId).map((slot) => ({
    key: extraDiskSlotKey(slot.profileId, slot.season),
    kind: kinds.get(slot.profileId) ?? 'trailer',
    season: slot.season,
    profileId: slot.profileId,
  }));
}

/**
 * The slots among `slots` that can claim a file `slot` could fill (`slot` itself included, first
 * if absent): the same season, and a kind read from the same folders (a teaser and a trailer).
 * No other slot can take such a file — a name ends in one kind's word, a folder is one kind's,
 * theme music is audio, and a season's places are its own — so `externalExtrasBySlot` over these
 * alone gives `slot` the file a scan of every slot would.
 */
export function slotsSharingFiles(slot: DiskSlot, slots: readonly DiskSlot[]): DiskSlot[] {
  const folders = kindFolders(slot.kind);
  const sharing = slots.filter((other) => other.season === slot.season && kindFolders(other.kind).some((name) => folders.includes(name)));
  return sharing.some((other) => other.key === slot.key) ? sharing : [slot, ...sharing];
}

export interface ItemOnDisk {
  kind: 'movie' | 'series';
  /** The movie file relative to the item folder (`/`-separated); its folder is read as well. */
  movieFileRelativePath?: string | null | undefined;
  /** The item folder's sub-folder names (to find season folders). */
  subfolders: readonly string[];
  /** Files that are not ours, relative to the item folder (`/`-separated), the movie file left out. */
  files: readonly string[];
}

/** Every folder name (lower case) a server reads as holding extras of one of these kinds. */
export function extraFolderNames(kinds: Iterable<ExtraKind>): Set<string> {
  const names = new Set<string>();
  for (const kind of kinds) for (const name of kindFolders(kind)) names.add(name);
  return names;
}

function kindFolders(kind: ExtraKind): readonly string[] {
  if (kind === 'theme-music') return [THEME_MUSIC_FOLDER];
  return RECOGNISED_EXTRAS[kind === 'teaser' ? 'trailer' : kind].folders;
}

/** The existing folder of a season among the item's sub-folders (`Season 1`, `S01`, `Specials`), or undefined. */
export function existingSeasonFolder(season: number, subfolders: readonly string[]): string | undefined {
  if (!isSeasonNumber(season)) return undefined;
  const name = seasonFolderName(season, subfolders);
  return subfolders.includes(name) ? name : undefined;
}

/** The movie file's folder relative to the item folder, or undefined when it is the item folder itself. */
export function movieFileFolder(movieFileRelativePath: string | null | undefined): string | undefined {
  if (!movieFileRelativePath) return undefined;
  const segments = movieFileRelativePath.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.length < 2 || segments.includes('..')) return undefined;
  return segments.slice(0, -1).join('/');
}

/** The folders (relative, '' = the item folder) whose files, and whose kind folders, can fill the slot. */
function slotBases(item: ItemOnDisk, slot: DiskSlot): string[] {
  if (slot.season !== null) {
    if (item.kind !== 'series' || slot.kind === 'theme-music') return [];
    const folder = existingSeasonFolder(slot.season, item.subfolders);
    return folder === undefined ? [] : [folder];
  }
  const movieDir = item.kind === 'movie' && slot.kind !== 'theme-music' ? movieFileFolder(item.movieFileRelativePath) : undefined;
  return movieDir === undefined ? [''] : ['', movieDir];
}

/** Whether a file (relative to the item folder) is an extra of the slot's kind in one of its places. */
function fills(file: string, bases: readonly string[], kind: ExtraKind): boolean {
  for (const base of bases) {
    const rest = base === '' ? file : file.startsWith(`${base}/`) ? file.slice(base.length + 1) : undefined;
    if (rest === undefined) continue;
    const segments = rest.split('/');
    if (segments.length === 1 && looksLikeExtraFile(rest, kind)) return true;
    // One folder down only when that folder is the kind's own (`Featurettes/`), not any sub-folder.
    if (segments.length === 2 && kindFolders(kind).includes(segments[0]!.toLowerCase()) && looksLikeExtraFile(rest, kind)) return true;
  }
  return false;
}

const teaserNamed = (file: string): boolean => TEASER_WORD.test(file.split('/').at(-1) ?? '');

/** Each slot's file that is not ours (relative to the item folder), for the slots that have one. */
export function externalExtrasBySlot(item: ItemOnDisk, slots: readonly DiskSlot[]): Map<string, string> {
  const files = [...new Set(item.files)].sort();
  const taken = new Set<string>();
  const found = new Map<string, string>();
  // Teaser slots first: a file named as a teaser is theirs before a trailer slot's.
  const ordered = [...slots.filter((s) => s.kind === 'teaser'), ...slots.filter((s) => s.kind !== 'teaser')];
  for (const slot of ordered) {
    if (found.has(slot.key)) continue;
    const bases = slotBases(item, slot);
    const fitting = files.filter((file) => !taken.has(file) && fills(file, bases, slot.kind));
    // A trailer slot takes a plain trailer before a teaser.
    const best = slot.kind === 'trailer' ? (fitting.find((file) => !teaserNamed(file)) ?? fitting[0]) : fitting[0];
    if (best === undefined) continue;
    taken.add(best);
    found.set(slot.key, best);
  }
  return found;
}
