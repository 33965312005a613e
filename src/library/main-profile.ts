// Which profile makes an item's main trailer (the slot whose state is the media row's): the one the
// `defaultProfileId` setting names, else the row marked default, else the first. One rule for the
// pipeline, the sync and the pages.
import { asc, desc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { trailerProfiles } from '../db/schema/index.ts';
import { readSettings } from '../db/settings-store.ts';

/** The main profile's id; undefined only when there is no profile at all (a fresh database). */
export async function mainProfileId(db: Db | Tx, defaultProfileId?: number): Promise<number | undefined> {
  const named = defaultProfileId ?? (await readSettings(db)).defaultProfileId;
  if (named !== undefined) {
    const [row] = await db.select({ id: trailerProfiles.id }).from(trailerProfiles).where(eq(trailerProfiles.id, named));
    if (row !== undefined) return row.id;
  }
  const [first] = await db
    .select({ id: trailerProfiles.id })
    .from(trailerProfiles)
    .orderBy(desc(trailerProfiles.isDefault), asc(trailerProfiles.id))
    .limit(1);
  return first?.id;
}
