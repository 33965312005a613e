// Requests with a control character in every text field of every JSON route: one valid-looking
// body per route, and for each string in it (and for a key) one copy per control character.
import { arrFixture } from '../support/fake-arr-data.ts';

/** NUL, other C0 characters, DEL and a C1 character, each of which once reached the database or a log. */
export const CONTROL_CHARACTERS = ['\u0000', '\u0001', '\u0008', '\n', '\u001b', '\u007f', '\u0085'];

const profile = {
  name: 'HD',
  container: 'mkv',
  videoCodec: 'h264',
  audioCodec: 'aac',
  preset: 'medium',
  hwaccel: 'none',
  kind: 'featurette',
  scope: 'item',
  languageRule: 'original',
  subtitles: { languages: ['en', 'pt-BR'], automatic: true },
  appliesTo: { mediaKinds: ['movie'], connectionIds: [], tags: ['4k', 'kids'] },
  enabled: true,
};
const connection = { name: 'Radarr', kind: 'radarr', baseUrl: 'http://radarr.example:7878', apiKey: 'radarr-key-0123456789', pathMappings: [{ remotePrefix: '/movies', localPrefix: '/data/movies' }] };

/** A body with text fields per JSON route (`null`: the route takes no JSON text at all). */
const mediaServer = { name: 'Jellyfin', kind: 'jellyfin', baseUrl: 'http://127.0.0.1:9/jellyfin', token: 'jellyfin-api-key-0123', pathMappings: [{ remotePrefix: '/data/movies', localPrefix: '/movies' }] };
const notificationTarget = { name: 'ntfy', kind: 'ntfy', url: 'http://127.0.0.1:9/trailers', secret: 'tk_ntfy-token-0123', events: ['trailer-placed'] };

export const EXAMPLE_BODIES: Record<string, unknown> = {
  'POST /webhooks/radarr': arrFixture('radarr', 'webhook-download'),
  'PUT /webhooks/radarr': arrFixture('radarr', 'webhook-download'),
  'POST /webhooks/sonarr': arrFixture('sonarr', 'webhook-download'),
  'PUT /webhooks/sonarr': arrFixture('sonarr', 'webhook-download'),
  'POST /api/v1/connections': connection,
  'POST /api/v1/connections/test': connection,
  'PUT /api/v1/connections/:id': connection,
  'PATCH /api/v1/connections/:id': connection,
  'PUT /api/v1/settings': {
    backfillPolicy: 'all',
    trailerLayout: 'beside',
    deletedTrailerPolicy: 'respect',
    preferredLanguages: ['en'],
    excludeKeywords: ['reaction'],
    preferredChannels: ['Movieclips'],
    tmdbApiKey: 'tmdb-key-0123456789',
    ytdlpExtraArgs: ['--limit-rate', '5M'],
  },
  'POST /api/v1/profiles': profile,
  'PUT /api/v1/profiles/:id': profile,
  'POST /api/v1/media/:id/choose': { videoId: 'dQw4w9WgXcQ' },
  'PUT /api/v1/media/:id/source-url': { url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' },
  'POST /api/v1/media/:id/blocklist': { videoId: 'dQw4w9WgXcQ', reason: 'a fan edit' },
  'POST /api/v1/media/:id/fetch': null,
  'POST /api/v1/media/:id/slots/fetch': { profileId: 1, season: 1, replace: false },
  'POST /api/v1/media/:id/slots/delete': { profileId: 1, season: 1 },
  'POST /api/v1/connections/:id/test': null,
  'POST /api/v1/connections/:id/preview': null,
  'POST /api/v1/connections/:id/preview/download': null,
  'POST /api/v1/sync': null,
  'POST /api/v1/apikey/regenerate': null,
  'PUT /api/v1/settings/cookies': null,
  'POST /api/v1/events/:id/retry': null,
  'POST /api/v1/mediaservers': mediaServer,
  'POST /api/v1/mediaservers/test': mediaServer,
  'PUT /api/v1/mediaservers/:id': mediaServer,
  'PATCH /api/v1/mediaservers/:id': mediaServer,
  'POST /api/v1/mediaservers/:id/test': null,
  'POST /api/v1/notifications': notificationTarget,
  'POST /api/v1/notifications/test': notificationTarget,
  'PUT /api/v1/notifications/:id': notificationTarget,
  'PATCH /api/v1/notifications/:id': notificationTarget,
  'POST /api/v1/notifications/:id/test': null,
};

export type ControlCharacterRequest = { route: string; method: string; path: string; field: string; body: string };

/** Every string (and the first key) of `value`, each with `char` put into it, as JSON texts. */
function variants(value: unknown, char: string): Array<{ field: string; body: string }> {
  const out: Array<{ field: string; body: string }> = [];
  const visit = (node: unknown, path: string[], replace: (next: unknown) => void) => {
    if (typeof node === 'string') {
      replace(`${node.slice(0, 1)}${char}${node.slice(1)}`);
      out.push({ field: path.join('.'), body: JSON.stringify(value) });
      replace(node);
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, [...path, String(i)], (next) => (node[i] = next)));
    } else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      for (const key of Object.keys(record)) visit(record[key], [...path, key], (next) => (record[key] = next));
    }
  };
  const copy = structuredClone(value);
  value = copy;
  visit(copy, [], () => {});
  if (copy && typeof copy === 'object' && !Array.isArray(copy)) out.push({ field: `(key)`, body: JSON.stringify({ ...copy, [`extra${char}`]: 1 }) });
  return out;
}

export function controlCharacterRequests(routes: ReadonlyArray<{ method: string; path: string }>): ControlCharacterRequest[] {
  const requests: ControlCharacterRequest[] = [];
  for (const { method, path } of routes) {
    const route = `${method} ${path}`;
    const example = EXAMPLE_BODIES[route];
    if (example === undefined) throw new Error(`${route}: add an example body to EXAMPLE_BODIES (null if it takes no JSON text)`);
    if (example === null) continue;
    for (const char of CONTROL_CHARACTERS) {
      for (const variant of variants(example, char)) requests.push({ route, method, path: path.replace(/:[A-Za-z]+/g, '1'), ...variant });
    }
  }
  return requests;
}
