// Where one slot's file goes on disk: `slotTarget` (domain/slot-name.ts) fed with what only the
// pipeline knows — the mapped media folder, the naming style setting, the profile's container
// (`mp3` for theme music), the season folder that exists on disk, and a variant label when two
// enabled profiles of the same kind and scope apply to the item. Used by the fetch (to write) and
// the rename (to follow the Arr), so both always agree on a slot's name.
import { readdir } from 'node:fs/promises';
import type { Settings } from '../config/settings.ts';
import type { Db } from '../db/client.ts';
import { trailerProfiles, type MediaRow, type ProfileRow } from '../db/schema/index.ts';
import { seasonFolderName } from '../domain/season-folder.ts';
import { slotTarget, type SlotContainer, type SlotTarget } from '../domain/slot-name.ts';
import { profileApplies } from '../domain/slot-plan.ts';
import type { ArrPathStyle } from '../domain/path-mapping.ts';
import { posixRelativePath } from '../library/media-folder.ts';
import { slotItemOf } from './slot-context.ts';

export interface SlotFolder {
  localFolder: string;
  style: ArrPathStyle;
}

export interface SlotNamingInput {
  media: MediaRow;
  folder: SlotFolder;
  settings: Pick<Settings, 'trailerLayout'>;
  profile: ProfileRow;
  season: number | null;
  /** The video container the file is (or will be) in; theme music is always mp3. */
  container: 'mkv' | 'mp4' | 'webm';
  /** Every profile (for the variant label), and the main profile's id. */
  profiles: readonly ProfileRow[];
  mainProfileId: number;
}

export type SlotTargetDecision = { ok: true; target: SlotTarget } | { ok: false; status: 'missing' | 'needs-attention'; reason: string };

export function loadProfiles(db: Db): Promise<ProfileRow[]> {
  return db.select().from(trailerProfiles).orderBy(trailerProfiles.id);
}

/**
 * A short label for the second (third, …) enabled profile of one kind and scope that applies to
 * the item, e.g. a trailer in another language: its name. The main profile (else the lowest id)
 * keeps the plain name, so existing files keep theirs.
 */
export function slotVariant(media: MediaRow, profile: ProfileRow, profiles: readonly ProfileRow[], mainProfileId: number): string | undefined {
  const item = slotItemOf(media);
  const peers = profiles.filter((p) => p.kind === profile.kind && p.scope === profile.scope && (p.id === profile.id || profileApplies(p, item)));
  if (peers.length <= 1) return undefined;
  const first = peers.find((p) => p.id === mainProfileId) ?? [...peers].sort((a, b) => a.id - b.id)[0];
  return first?.id === profile.id ? undefined : profile.name;
}

/** The existing folder of a season in the series folder, or undefined (never created: Sonarr owns them). */
export async function existingSeasonFolder(seriesFolder: string, season: number): Promise<string | undefined> {
  const entries = await readdir(seriesFolder, { withFileTypes: true }).catch(() => []);
  const folders = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  const name = seasonFolderName(season, folders);
  return folders.includes(name) ? name : undefined;
}

export async function targetForSlot(input: SlotNamingInput): Promise<SlotTargetDecision> {
  const { media, folder, profile, season } = input;
  let seasonFolder: string | undefined;
  if (season !== null) {
    seasonFolder = await existingSeasonFolder(folder.localFolder, season);
    if (seasonFolder === undefined) {
      return { ok: false, status: 'missing', reason: `the season folder ${seasonFolderName(season, [])} does not exist (yet)` };
    }
  }
  const container: SlotContainer = profile.kind === 'theme-music' ? 'mp3' : input.container;
  const named = slotTarget({
    kind: media.kind,
    mediaFolder: folder.localFolder,
    movieFileRelativePath: media.kind === 'movie' ? posixRelativePath(media.movieFileRelativePath, folder.style) : undefined,
    extraKind: profile.kind,
    ...(season !== null ? { season, seasonFolderName: seasonFolder } : {}),
    style: input.settings.trailerLayout === 'trailers-folder' ? 'folder' : 'suffix',
    container,
    title: media.title,
    year: media.year ?? undefined,
    variant: slotVariant(media, profile, input.profiles, input.mainProfileId),
  });
  if (!named.ok) return { ok: false, status: 'needs-attention', reason: named.reason };
  return { ok: true, target: named.target };
}
