// Several YouTube searches for one item when the first is poor: the query template first, then
// the original title and the Arr's alternate titles (domain/search-queries.ts), until a
// candidate clears the acceptance score. Results of every search are ranked together, so a good
// video found by a later search competes with everything found before.
import { ACCEPTANCE_SCORE } from '../domain/search-queries.ts';
import type { TrailerCandidate } from './trailer-candidate.ts';

export interface SearchRounds {
  candidates: TrailerCandidate[];
  /** The queries that were run, in order. */
  queries: string[];
}

function goodEnough(candidates: readonly TrailerCandidate[]): boolean {
  return candidates.some((c) => !c.excluded && c.source === 'search' && c.score >= ACCEPTANCE_SCORE);
}

export async function searchInRounds(
  queries: readonly string[],
  search: (query: string) => Promise<readonly unknown[]>,
  rank: (raw: readonly unknown[]) => TrailerCandidate[],
): Promise<SearchRounds> {
  const raw: unknown[] = [];
  const ran: string[] = [];
  let candidates: TrailerCandidate[] = [];
  for (const query of queries) {
    raw.push(...(await search(query)));
    ran.push(query);
    candidates = rank(raw);
    if (goodEnough(candidates)) break;
  }
  return { candidates, queries: ran };
}
