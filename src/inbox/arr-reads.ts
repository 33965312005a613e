// What the event job asks the Arr itself. A webhook body is a thin summary: Radarr never puts
// `youTubeTrailerId` (or the alternate titles, or the monitored flag) in it, only its API has
// them. And a connection without path mappings knows no media roots until /rootfolder is read.
// Both are read here on demand, quickly and without retries: the event waits and tries again
// (see event-deferral.ts) rather than holding up the queue behind an unreachable Arr.
import { ArrRequestError } from '../arr/arr-http.ts';
import { radarrClientFor, sonarrClientFor, type ArrCallOptions } from '../connections/arr-clients.ts';
import { probeConnection } from '../connections/connection-probe.ts';
import { recordConnectionHealth } from '../connections/connection-store.ts';
import type { Db } from '../db/client.ts';
import type { MediaItemFacts } from '../library/media-records.ts';
import { movieFacts, seriesFacts, type TagLabels } from '../sync/media-values.ts';
import type { ArrClient } from '../arr/arr-client.ts';
import type { ConnectionRow } from '../db/schema/index.ts';

/** One quick try; the event's own back-off does the retrying. */
export const EVENT_ARR_CALL: ArrCallOptions = { timeoutMs: 5_000, retries: 0 };

export type ArrItemRead =
  /** `facts` is undefined when the Arr answered 404 (the item was deleted since the event). */
  | { ok: true; facts: MediaItemFacts | undefined }
  | { ok: false; why: string };

/** GET /api/v3/movie/{id} or /api/v3/series/{id}, as the facts the library stores. */
export async function readArrItem(connection: ConnectionRow, item: Pick<MediaItemFacts, 'kind' | 'arrId'>): Promise<ArrItemRead> {
  try {
    if (item.kind === 'movie') {
      const client = radarrClientFor(connection, EVENT_ARR_CALL);
      const movie = await client.movie(item.arrId);
      return { ok: true, facts: movie && movieFacts(movie, await tagLabelsIfAny(client, movie.tags)) };
    }
    const client = sonarrClientFor(connection, EVENT_ARR_CALL);
    const series = await client.seriesById(item.arrId);
    return { ok: true, facts: series && seriesFacts(series, await tagLabelsIfAny(client, series.tags)) };
  } catch (error) {
    return { ok: false, why: error instanceof ArrRequestError || error instanceof Error ? error.message : String(error) };
  }
}

/** The labels of an item's tags: none to read for an untagged item; unread (the webhook's labels
 *  stand) when /tag fails, which must not hold up the import. */
async function tagLabelsIfAny(client: ArrClient, ids: readonly number[]): Promise<TagLabels | undefined> {
  if (ids.length === 0) return new Map();
  return client.tagLabels().catch(() => undefined);
}

/**
 * The webhook's facts completed by the API's: the API is the authority on everything it states
 * (trailer id, ids, titles, monitored), the webhook on what it alone may know yet (a Download
 * means the file is there, even if the API has not caught up).
 */
export function withArrFacts(fromWebhook: MediaItemFacts, fromApi: MediaItemFacts | undefined, isDownload: boolean): MediaItemFacts {
  if (fromApi === undefined) return fromWebhook;
  const merged: MediaItemFacts = { ...fromWebhook };
  for (const [key, value] of Object.entries(fromApi) as Array<[keyof MediaItemFacts, unknown]>) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  if (isDownload) merged.hasFile = true;
  return merged;
}

/** Reads /rootfolder now and stores it on the connection; says why not when it could not. */
export async function readRootFoldersNow(db: Db, connection: ConnectionRow): Promise<{ ok: true } | { ok: false; why: string }> {
  const probe = await probeConnection(connection, EVENT_ARR_CALL);
  await recordConnectionHealth(db, connection.id, probe.health, probe.rootFolders ? { rootFolders: probe.rootFolders } : {});
  if (!probe.result.ok) return { ok: false, why: probe.result.message };
  if (!probe.rootFolders) return { ok: false, why: probe.rootFoldersError ?? 'its root folders could not be read' };
  return { ok: true };
}
