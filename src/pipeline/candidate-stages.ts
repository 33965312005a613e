// The sources of candidates in the order they are asked. Asking costs: TMDB is a request, a
// search is a yt-dlp run against YouTube. So each stage is loaded only when the earlier ones ran
// out of usable candidates — except when the user pressed "fetch", when every stage is loaded so
// the page can offer all alternatives. Which stages a slot has follows its kind
// (sources/kind-sources.ts): Radarr's id only for the trailer, TMDB not for interviews or music.
import { and, eq, gt, inArray } from 'drizzle-orm';
import { downloadAttempts } from '../db/schema/index.ts';
import type { JobPayload } from '../jobs/payloads.ts';
import { sourcesFor, tmdbVideoTypes } from '../sources/kind-sources.ts';
import { tmdbCandidates } from '../sources/tmdb-ranking.ts';
import { TmdbError } from '../sources/tmdb-client.ts';
import { searchQueries } from '../domain/search-queries.ts';
import { searchInRounds } from '../sources/search-rounds.ts';
import { chosenCandidate, directCandidates, searchCandidates } from '../sources/source-choice.ts';
import { applyBlocklist, type TrailerCandidate } from '../sources/trailer-candidate.ts';
import { blockedVideoIds, storedCandidate, type CandidateSlot } from './candidate-store.ts';
import type { FetchPlan } from './fetch-plan.ts';
import type { RankedItem } from './item-ranking.ts';
import type { PipelineRuntime } from './pipeline-runtime.ts';
import { sameSlot } from './slot-context.ts';

export interface CandidateStage {
  name: 'chosen' | 'direct' | 'tmdb' | 'search';
  /** Rank offset, so stored candidates of later stages sort after earlier ones. */
  rankOffset: number;
  load(): Promise<TrailerCandidate[]>;
}

/** A stage could not be asked (TMDB down): the next stage still runs; the note is kept. */
export class StageSkipped extends Error {
  override readonly name = 'StageSkipped';
}

/** Videos that already failed permanently for this slot in the last week: not tried again. */
export async function recentlyFailedVideoIds(rt: PipelineRuntime, mediaId: number, slot: CandidateSlot): Promise<Set<string>> {
  const since = new Date(Date.now() - 7 * 24 * 3600_000);
  const rows = await rt.db
    .select({ videoId: downloadAttempts.sourceVideoId })
    .from(downloadAttempts)
    .where(and(eq(downloadAttempts.mediaId, mediaId), sameSlot(downloadAttempts, slot), inArray(downloadAttempts.errorKind, ['permanent']), gt(downloadAttempts.startedAt, since)));
  return new Set(rows.flatMap((row) => (row.videoId !== null ? [row.videoId] : [])));
}

export async function candidateStages(
  rt: PipelineRuntime,
  plan: FetchPlan,
  data: JobPayload<'trailer-fetch'>,
  signal: AbortSignal | undefined,
  item: RankedItem,
): Promise<CandidateStage[]> {
  const { media, settings } = plan;
  const template = rt.env.TRAILER_URL_TEMPLATE;
  const blocked = await blockedVideoIds(rt.db, media.id);
  const forSources = item.media;
  const { preferences, preferredLanguages, queryTemplate } = item.ranking;
  const wanted = item.wanted;
  const sources = sourcesFor(wanted);

  if (data.videoId !== undefined) {
    const videoId = data.videoId;
    return [
      {
        name: 'chosen',
        rankOffset: 0,
        load: async () => [chosenCandidate(videoId, await storedCandidate(rt.db, media.id, plan.slot, videoId), template)],
      },
    ];
  }

  const stages: CandidateStage[] = [
    { name: 'direct', rankOffset: 0, load: async () => applyBlocklist(directCandidates(forSources, template, wanted), blocked) },
  ];
  const apiKey = settings.tmdbApiKey?.trim();
  if (apiKey && media.tmdbId !== null && sources.includes('tmdb')) {
    const types = tmdbVideoTypes(wanted);
    // The trailer slot lists every type (the others shown as excluded); other slots only theirs.
    const filter = { season: wanted.season, types: wanted.kind === 'trailer' ? undefined : [...types.accepted, ...types.downRanked] };
    const tmdbId = media.tmdbId;
    stages.push({
      name: 'tmdb',
      rankOffset: 100,
      load: async () => {
        try {
          const videos = await rt.tmdb(apiKey).videos(media.kind, tmdbId, preferredLanguages, signal, filter);
          return applyBlocklist(tmdbCandidates(videos, preferredLanguages, template, wanted), blocked);
        } catch (error) {
          if (error instanceof TmdbError) throw new StageSkipped(`TMDB: ${error.message}`);
          throw error;
        }
      },
    });
  }
  stages.push({
    name: 'search',
    rankOffset: 200,
    load: async () => {
      // More searches (original and alternate titles) only when the first finds nothing good.
      const rounds = await searchInRounds(
        searchQueries(queryTemplate, forSources, wanted),
        (query) => rt.search(query, settings.searchResultCount, signal),
        (raw) => searchCandidates(raw, forSources, { ...preferences, blockedVideoIds: [...blocked] }, template, wanted),
      );
      return rounds.candidates;
    },
  });
  return stages;
}
