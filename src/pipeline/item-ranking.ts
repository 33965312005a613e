// What one item is searched and ranked with: the global settings with its connection's
// overrides on top, whether it is out yet, and — when it is not and no official trailer exists —
// the "no trailer yet" outcome with its next search on the re-check schedule.
import { eq } from 'drizzle-orm';
import { rankingFor, type ItemRanking } from '../config/ranking-settings.ts';
import type { Settings } from '../config/settings.ts';
import { connections, type MediaRow } from '../db/schema/index.ts';
import { isUnreleased, nextRecheckAt, withTmdbFacts, type ReleaseFacts } from '../domain/release-schedule.ts';
import { isWholeItemTrailer, WANTED_TRAILER, type Wanted } from '../domain/wanted-video.ts';
import { enqueueInTransaction } from '../jobs/enqueue.ts';
import { PRIORITY, QUEUES } from '../jobs/queues.ts';
import type { MediaForSources } from '../sources/source-choice.ts';
import { TmdbError, type TmdbDetails } from '../sources/tmdb-client.ts';
import { shortTime } from './fetch-outcome.ts';
import { announceWaitingItem } from './announce.ts';
import { setMediaStatus } from './media-status.ts';
import type { PipelineRuntime } from './pipeline-runtime.ts';

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

export async function rankedItem(
  rt: PipelineRuntime,
  row: MediaRow,
  settings: Settings,
  signal?: AbortSignal,
  wanted: Wanted = WANTED_TRAILER,
): Promise<RankedItem> {
  const [connection] = await rt.db.select({ overrides: connections.rankingOverrides }).from(connections).where(eq(connections.id, row.connectionId));
  const ranking = rankingFor(settings, connection?.overrides);
  const tmdb = await tmdbFacts(rt, row, settings, signal);
  const release = tmdb !== undefined ? withTmdbFacts(releaseFactsOf(row), tmdb) : releaseFactsOf(row);
  const unreleased = isUnreleased(release, new Date(rt.clock.now()));
  const media: MediaForSources = { ...row, originalLanguage: row.originalLanguage ?? tmdb?.originalLanguage ?? null, unreleased };
  // A movie has no seasons.
  const slot: Wanted = row.kind === 'series' ? wanted : { kind: wanted.kind };
  // The row's pasted link is for its trailer: another slot must not download it as, say, a featurette.
  if (!isWholeItemTrailer(slot)) media.userSourceUrl = null;
  return { ranking, wanted: slot, media, release, unreleased };
}

/**
 * Nothing official exists yet for an unreleased item: it shows "no trailer yet" (not "needs
 * attention") and a new job is queued for the next re-check, in the same transaction.
 */
export async function finishNoTrailerYet(rt: PipelineRuntime, row: MediaRow, item: RankedItem): Promise<string> {
  const at = nextRecheckAt(item.release, new Date(rt.clock.now()), item.ranking.recheck);
  const reason = `not released yet and no official trailer so far; searching again at ${shortTime(at)}`;
  await rt.db.transaction(async (tx) => {
    await setMediaStatus(tx, row.id, 'no-trailer-yet', reason);
    await enqueueInTransaction(rt.boss, tx, QUEUES.trailerFetch, { mediaId: row.id, reason: 'refetch' }, { startAfter: at, priority: PRIORITY.backfill });
  });
  // Once per change into this state: a re-check that still finds nothing stays quiet.
  if (row.trailerStatus !== 'no-trailer-yet') await announceWaitingItem(rt, 'no-trailer', row.id, reason);
  return reason;
}
