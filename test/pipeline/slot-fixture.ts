/**
 * Extra file slots in pipeline tests (issue #19): profiles of other kinds, queueing a slot the way
 * sync/import do (claimSlotFetch + queueTrailerFetch in one transaction), waiting for a slot's
 * state, and a search stand-in that answers each kind's query with one fitting video.
 */
import { eq } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Db, Tx } from '../../src/db/client.ts';
import { downloadAttempts, media, trailerProfiles, type TrailerStatus } from '../../src/db/schema/index.ts';
import { claimSlotFetch, extraSlotRow } from '../../src/library/slot-status.ts';
import { queueTrailerFetch } from '../../src/library/trailer-fetch-queue.ts';
import type { ExtraKind } from '../../src/domain/extra-kinds.ts';
import { startProcess } from '../../src/media-tools/run-process.ts';
import { waitFor } from '../support/wait-for.ts';

export type ProfileSpec = Partial<typeof trailerProfiles.$inferInsert> & { name: string; kind: ExtraKind };

export async function insertProfile(db: Db, spec: ProfileSpec): Promise<number> {
  const [row] = await db
    .insert(trailerProfiles)
    .values({ preset: 'ultrafast', crf: 30, maxHeight: 480, enabled: true, ...spec })
    .returning({ id: trailerProfiles.id });
  return row!.id;
}

/** The item's Arr facts a profile's "applies to" and season scope read. */
export async function setItemFacts(db: Db, mediaId: number, facts: { tags?: string[]; seasons?: Array<{ number: number; monitored: boolean }> }): Promise<void> {
  await db.update(media).set(facts).where(eq(media.id, mediaId));
}

/** Claims and queues one extra slot as sync/import will; returns whether it was claimed. */
export async function queueSlot(db: Db | Tx, boss: PgBoss, slot: { mediaId: number; profileId: number; season?: number }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const claimed = await claimSlotFetch(tx, slot);
    if (claimed) await queueTrailerFetch(boss, tx, { reason: 'backfill', ...slot });
    return claimed;
  });
}

/** The extra slot's `media_slots` row, read as the pipeline reads it; undefined when there is none. */
export function slotRow(db: Db, slot: { mediaId: number; profileId: number; season?: number }) {
  return extraSlotRow(db, slot);
}

/** Waits until an extra slot reaches one of `statuses` and none of the item's attempts runs. */
export async function waitForSlot(db: Db, slot: { mediaId: number; profileId: number; season?: number }, statuses: readonly TrailerStatus[], timeoutMs = 90_000) {
  return waitFor(
    async () => {
      const row = await slotRow(db, slot);
      if (row === undefined || !statuses.includes(row.status)) return undefined;
      const attempts = await db.select().from(downloadAttempts).where(eq(downloadAttempts.mediaId, slot.mediaId));
      return attempts.some((attempt) => attempt.outcome === 'running') ? undefined : row;
    },
    { timeoutMs, intervalMs: 100, what: `slot ${JSON.stringify(slot)} to reach ${statuses.join('/')}` },
  );
}

/** One recorded-looking search entry (what `yt-dlp --flat-playlist` prints). */
function entry(id: string, title: string, duration: number) {
  return { _type: 'url', ie_key: 'Youtube', id, url: `https://www.youtube.com/watch?v=${id}`, title, duration, channel: 'Studio', channel_id: 'UCstudio' };
}

/** Clip ids the kinds' searches answer with; point them at clips with `clips.behave`. */
export const SEARCH_IDS = { trailer: 'srchTrail01', featurette: 'srchFeatr01', season: 'srchSeasn01', theme: 'srchTheme01' } as const;

/** Answers each kind's query with one video of that kind (titles carry the query's own title). */
export function kindSearch(searches: string[]) {
  return async (query: string): Promise<unknown[]> => {
    searches.push(query);
    const title = query.replace(/\s+(\d{4}\s+)?(featurette|opening theme|theme song|intro|main theme|season \d+ trailer|trailer).*$/i, '');
    if (/featurette/i.test(query)) return [entry(SEARCH_IDS.featurette, `${title} - Official Featurette`, 200)];
    if (/theme|intro|opening/i.test(query)) return [entry(SEARCH_IDS.theme, `${title} - Opening Theme`, 60)];
    if (/season \d+/i.test(query)) return [entry(SEARCH_IDS.season, `${title} Season 1 - Official Trailer`, 120)];
    return [entry(SEARCH_IDS.trailer, `${title} - Official Trailer`, 150)];
  };
}

interface ProbedStream {
  codec_type: string;
  codec_name: string;
  tags?: { language?: string };
}

/** Every stream of a file as ffprobe lists it. */
export async function streamsOf(file: string): Promise<ProbedStream[]> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_streams', `file:${file}`];
  const outcome = await startProcess(process.env['FFPROBE_PATH'] ?? 'ffprobe', args, { collectStdout: true }).done;
  if (outcome.exitCode !== 0) throw new Error(`ffprobe failed on ${file}`);
  return (JSON.parse(outcome.stdout) as { streams: ProbedStream[] }).streams;
}
