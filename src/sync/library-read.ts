// Reading a connection's whole library from its Arr and turning it into media rows. Nothing is
// written here: a reply that fails half-way must change nothing.
import { ArrRequestError } from '../arr/arr-http.ts';
import type { SkippedItem } from '../arr/api-list.ts';
import { LIBRARY_TIMEOUT_MS, radarrClientFor, sonarrClientFor, type ArrCallOptions } from '../connections/arr-clients.ts';
import { mediaFactsProblem, type MediaItemFacts } from '../library/media-records.ts';
import type { ConnectionRow } from '../db/schema/index.ts';
import { fullMediaValues, movieFacts, seriesFacts, type FullMediaValues } from './media-values.ts';

export type LibraryRead =
  | {
      ok: true;
      /** One row per Arr id (a duplicate id in the reply: the last one wins). */
      values: FullMediaValues[];
      /** Items left out (malformed, or facts Postgres cannot store), with why. */
      skipped: Array<{ id?: number; title?: string; why: string }>;
      /** Arr ids that must not be marked removed: listed, or skipped but identified. */
      listedArrIds: number[];
      /** False when some skipped item had no readable id: then nothing may be marked removed. */
      complete: boolean;
    }
  | { ok: false; kind: string; message: string; retryable: boolean };

type LibraryTarget = Pick<ConnectionRow, 'id' | 'name' | 'kind' | 'baseUrl' | 'apiKey'>;

export async function readLibrary(connection: LibraryTarget, options: ArrCallOptions = {}): Promise<LibraryRead> {
  let facts: MediaItemFacts[];
  let skippedItems: SkippedItem[];
  try {
    if (connection.kind === 'radarr') {
      const client = radarrClientFor(connection, options, LIBRARY_TIMEOUT_MS);
      const labels = await client.tagLabels();
      const reply = await client.movies();
      facts = reply.items.map((movie) => movieFacts(movie, labels));
      skippedItems = reply.skipped;
    } else {
      const client = sonarrClientFor(connection, options, LIBRARY_TIMEOUT_MS);
      const labels = await client.tagLabels();
      const reply = await client.series();
      facts = reply.items.map((series) => seriesFacts(series, labels));
      skippedItems = reply.skipped;
    }
  } catch (error) {
    return failureOf(error);
  }
  const skipped: Array<{ id?: number; title?: string; why: string }> = skippedItems.map((item) => ({
    ...(item.id !== undefined && isArrId(item.id) ? { id: item.id } : {}),
    ...(item.title !== undefined ? { title: item.title } : {}),
    why: item.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '),
  }));
  const byArrId = new Map<number, FullMediaValues>();
  for (const item of facts) {
    const problem = mediaFactsProblem(item);
    if (problem) skipped.push({ ...(isArrId(item.arrId) ? { id: item.arrId } : {}), title: item.title, why: problem });
    else byArrId.set(item.arrId, fullMediaValues(connection.id, item));
  }
  const listedArrIds = [...byArrId.keys()];
  for (const item of skipped) if (item.id !== undefined && !byArrId.has(item.id)) listedArrIds.push(item.id);
  return {
    ok: true,
    values: [...byArrId.values()],
    skipped,
    listedArrIds,
    complete: skipped.every((item) => item.id !== undefined),
  };
}

// Radarr/Sonarr ids are positive C# int32 values; anything else identifies nothing.
function isArrId(id: number): boolean {
  return Number.isInteger(id) && id > 0 && id <= 2_147_483_647;
}

function failureOf(error: unknown): LibraryRead {
  if (error instanceof ArrRequestError) {
    // Worth retrying later: the Arr is down, restarting or overloaded. A wrong key or URL is not.
    const retryable = error.kind === 'unreachable' || error.kind === 'timeout' || (error.kind === 'http-status' && (error.details.status ?? 0) >= 500);
    return { ok: false, kind: error.kind, message: error.message, retryable };
  }
  return { ok: false, kind: 'unexpected-reply', message: error instanceof Error ? error.message : String(error), retryable: false };
}
