// What one item is searched and ranked with: the global settings with its connection's
// overrides on top, whether it is out yet, and — when it is not and no official trailer exists —
// the "no trailer yet" outcome with its next search on the re-check schedule.
import { eq } from 'drizzle-orm';
import { rankingFor, type ItemRanking } from '../config/ranking-settings.ts';
import type { Settings } from '../config/settings.ts';
import { connections, type MediaRow, type ProfileRow, type TrailerStatus } from '../db/schema/index.ts';
import { isUnreleased, nextRecheckAt, withTmdbFacts, type ReleaseFacts } from '../domain/release-schedule.ts';
import { describeWanted, isWholeItemTrailer, WANTED_TRAILER, type Wanted } from '../domain/wanted-video.ts';
import { setSlotStatus, type SlotRef } from '../library/slot-status.ts';
import { queueTrailerFetch } from '../library/trailer-fetch-queue.ts';
import type { MediaForSources } from '../sources/source-choice.ts';
import { TmdbError, type TmdbDetails } from '../sources/tmdb-client.ts';
import { shortTime } from './fetch-outcome.ts';
import { announceWaitingItem } from './announce.ts';
import type { PipelineRuntime } from './pipeline-runtime.ts';
import { slotPayload } from './slot-context.ts';

export interface RankedItem {
  ranking: ItemRanking;
  /** The slot being filled: the item's trailer unless the caller asked for another kind. */
  wanted: Wanted;
  media: MediaForSources;
  release: ReleaseFacts;
  unreleased: boolean;
}

const asDate = (day: string | null): Date | null => (day !== null ? new Date(`${day}T00:00:00Z`) : null);

export function releaseFactsOf(row: MediaRow): ReleaseFacts {
  return {
    status: row.releaseStatus,
    inCinemas: asDate(row.premiereDate),
    digitalRelease: asDate(row.digitalReleaseDate),
    physicalRelease: asDate(row.physicalReleaseDate),
  };
}

/** TMDB's language and release facts, asked only when the Arr told us neither (a failure is no fact). */
async function tmdbFacts(rt: PipelineRuntime, row: MediaRow, settings: Settings, signal: AbortSignal | undefined): Promise<TmdbDetails | undefined> {
  const apiKey = settings.tmdbApiKey?.trim();
  const arrTold = row.originalLanguage !== null && (row.releaseStatus !== null || row.premiereDate !== null);
  if (!apiKey || row.tmdbId === null || arrTold) return undefined;
  try {
    return await rt.tmdb(apiKey).details(row.kind, row.tmdbId, signal);
  } catch (error) {
    if (!(error instanceof TmdbError)) throw error;
    rt.logger.debug({ mediaId: row.id, err: error.message }, 'TMDB details not read');
    return undefined;
  }
}

/** The slot ranked for: its kind and season, its profile's language rule, whether it is the main trailer. */
export interface RankedSlot {
  wanted: Wanted;
  /** `settings`: the Trailer-choice setting (and the connection's override); else this mode for the slot. */
  languageRule: ProfileRow['languageRule'];
  /** Only the main trailer takes the row's pasted link and Radarr's trailer id. */
  main: boolean;
}

const MAIN_TRAILER: RankedSlot = { wanted: WANTED_TRAILER, languageRule: 'settings', main: true };

export async function rankedItem(
  rt: PipelineRuntime,
  row: MediaRow,
  settings: Settings,
  signal?: AbortSignal,
  forSlot: RankedSlot = MAIN_TRAILER,
): Promise<RankedItem> {
  const { wanted } = forSlot;
  const [connection] = await rt.db.select({ overrides: connections.rankingOverrides }).from(connections).where(eq(connections.id, row.connectionId));
  const ranking = rankingFor(settings, connection?.overrides);
  // A profile's own language rule wins over the setting and the connection's override.
  if (forSlot.languageRule !== 'settings') ranking.preferences = { ...ranking.preferences, languageMode: forSlot.languageRule };
  const tmdb = await tmdbFacts(rt, row, settings, signal);
  const release = tmdb !== undefined ? withTmdbFacts(releaseFactsOf(row), tmdb) : releaseFactsOf(row);
  const unreleased = isUnreleased(release, new Date(rt.clock.now()));
  const media: MediaForSources = { ...row, originalLanguage: row.originalLanguage ?? tmdb?.originalLanguage ?? null, unreleased };
  // A movie has no seasons.
  const slot: Wanted = row.kind === 'series' ? wanted : { kind: wanted.kind };
  // The row's pasted link and Radarr's trailer id are for its main trailer: another slot must not
  // download them as, say, a featurette or a second-language trailer.
  if (!forSlot.main || !isWholeItemTrailer(slot)) {
    media.userSourceUrl = null;
    media.youTubeTrailerId = null;
  }
  return { ranking, wanted: slot, media, release, unreleased };
}

/**
 * Nothing official exists yet for an unreleased item: it shows "no trailer yet" (not "needs
 * attention") and a new job is queued for the next re-check, in the same transaction.
 */
export async function finishNoTrailerYet(
  rt: PipelineRuntime,
  row: MediaRow,
  item: RankedItem,
  slot: SlotRef = { mediaId: row.id },
  /** The slot's status when the job started (the main trailer's: the row's). */
  statusAtStart: TrailerStatus | undefined = row.trailerStatus,
): Promise<string> {
  const at = nextRecheckAt(item.release, new Date(rt.clock.now()), item.ranking.recheck);
  const what = slot.profileId === undefined ? 'trailer' : describeWanted(item.wanted);
  const reason = `not released yet and no official ${what} so far; searching again at ${shortTime(at)}`;
  const recorded = await rt.db.transaction(async (tx) => {
    // A slot pruned while this job ran is no longer the item's: no re-check, no notice.
    if (!(await setSlotStatus(tx, slot, 'no-trailer-yet', reason))) return false;
    await queueTrailerFetch(rt.boss, tx, { mediaId: row.id, reason: 'refetch', ...slotPayload(slot) }, { startAfter: at });
    return true;
  });
  // Once per change into this state, for every slot: a re-check that still finds nothing stays quiet.
  if (recorded && statusAtStart !== 'no-trailer-yet') await announceWaitingItem(rt, 'no-trailer', slot, reason);
  return reason;
}
