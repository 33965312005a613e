// The conversion profile a trailer is made with: the one named by the `defaultProfileId` setting,
// else the row marked default, else the first. A fresh install gets one sensible row at start:
// mkv / h264 / aac / 1080p, which every media server plays and most YouTube downloads remux into.
import { eq } from 'drizzle-orm';
import type { Settings } from '../config/settings.ts';
import type { Db } from '../db/client.ts';
import { trailerProfiles, type ProfileRow } from '../db/schema/index.ts';
import { mainProfileId } from '../library/main-profile.ts';
import { parseConversionProfile, type ConversionProfile } from '../media-tools/convert-plan.ts';

export const DEFAULT_PROFILE = {
  name: 'Default',
  container: 'mkv',
  videoCodec: 'h264',
  audioCodec: 'aac',
  maxHeight: 1080,
  crf: 22,
  preset: 'veryfast',
  hwaccel: 'none',
  isDefault: true,
} as const satisfies typeof trailerProfiles.$inferInsert;

/** Creates the default profile when there is none; safe when several processes start at once. */
export async function ensureDefaultProfile(db: Db): Promise<void> {
  const [any] = await db.select({ id: trailerProfiles.id }).from(trailerProfiles).limit(1);
  if (any !== undefined) return;
  await db.insert(trailerProfiles).values(DEFAULT_PROFILE).onConflictDoNothing();
}

export interface LoadedProfile {
  row: ProfileRow;
  conversion: ConversionProfile;
}

/** Throws a clear MediaToolError when the stored profile is inconsistent (e.g. webm + h264). */
export async function loadProfile(db: Db, settings: Pick<Settings, 'defaultProfileId'>): Promise<LoadedProfile> {
  // The one rule for which profile is the main trailer's (library/main-profile.ts).
  const id = await mainProfileId(db, settings.defaultProfileId);
  const [row] = id !== undefined ? await db.select().from(trailerProfiles).where(eq(trailerProfiles.id, id)) : [];
  if (row === undefined) {
    await ensureDefaultProfile(db);
    return loadProfile(db, {});
  }
  return { row, conversion: parseConversionProfile(row) };
}
