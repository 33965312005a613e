// A Radarr or Sonarr API client for a stored connection, with the deadline suited to the call:
// status and root folders answer at once, a 10,000-movie library reply can take a real Arr
// tens of seconds to build.
import type { ArrHttpOptions } from '../arr/arr-http.ts';
import { fetchArrPoster, type PosterLimits, type PosterReply } from '../arr/media-cover.ts';
import { RadarrClient } from '../arr/radarr-client.ts';
import type { ConnectionRow } from '../db/schema/index.ts';
import { SonarrClient } from '../arr/sonarr-client.ts';

export type ArrCallOptions = ArrHttpOptions & { timeoutMs?: number };

/** Options for the quick calls (status, root folders) and for the library read. */
export type ArrClientOptions = { quick?: ArrCallOptions; library?: ArrCallOptions };

export const QUICK_TIMEOUT_MS = 10_000;
export const LIBRARY_TIMEOUT_MS = 180_000;

type ClientTarget = Pick<ConnectionRow, 'name' | 'kind' | 'baseUrl' | 'apiKey'>;

export function radarrClientFor(connection: ClientTarget, options: ArrCallOptions = {}, defaultTimeoutMs = QUICK_TIMEOUT_MS): RadarrClient {
  const { timeoutMs = defaultTimeoutMs, ...http } = options;
  return new RadarrClient({ name: connection.name, baseUrl: connection.baseUrl, apiKey: connection.apiKey, timeoutMs }, http);
}

export function sonarrClientFor(connection: ClientTarget, options: ArrCallOptions = {}, defaultTimeoutMs = QUICK_TIMEOUT_MS): SonarrClient {
  const { timeoutMs = defaultTimeoutMs, ...http } = options;
  return new SonarrClient({ name: connection.name, baseUrl: connection.baseUrl, apiKey: connection.apiKey, timeoutMs }, http);
}

/** The client for the connection's kind, for the calls both apps share. */
export function arrClientFor(connection: ClientTarget, options: ArrCallOptions = {}, defaultTimeoutMs = QUICK_TIMEOUT_MS): RadarrClient | SonarrClient {
  return connection.kind === 'radarr'
    ? radarrClientFor(connection, options, defaultTimeoutMs)
    : sonarrClientFor(connection, options, defaultTimeoutMs);
}

/** The Arr's own poster of one of its items (see arr/media-cover.ts for the route and the limits). */
export function fetchPosterFrom(connection: ClientTarget, arrId: number, limits: PosterLimits): Promise<PosterReply> {
  return fetchArrPoster({ name: connection.name, baseUrl: connection.baseUrl, apiKey: connection.apiKey, timeoutMs: limits.timeoutMs }, arrId, limits);
}
