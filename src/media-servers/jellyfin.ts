// Jellyfin (and Emby, which shares the API; see emby.ts): GET /System/Info names the server,
// POST /Library/Media/Updated {"Updates":[{"Path","UpdateType"}]} rescans just those paths, and
// an item's LocalTrailerCount / RemoteTrailers say whether it already has a trailer.
import { z } from 'zod';
import { serverPathWithin } from '../domain/server-path.ts';
import { OutboundError, replyJson, sendOutbound, serverUrl } from '../outbound/outbound-http.ts';
import type { MediaServerClient, MediaServerTarget, RefreshChange, TrailerLookup } from './media-server-client.ts';

const infoSchema = z.object({ ServerName: z.string().default(''), Version: z.string().default('unknown') });
const itemsSchema = z.object({
  Items: z
    .array(
      z.object({
        Path: z.string().optional(),
        LocalTrailerCount: z.number().optional(),
        RemoteTrailers: z.array(z.unknown()).optional(),
      }),
    )
    .default([]),
});

export type EmbyFamily = {
  label: string;
  /** Path prefix of the API ('' for Jellyfin, '/emby' for Emby). */
  prefix: string;
  authHeaders(token: string): Record<string, string>;
};

export const JELLYFIN: EmbyFamily = {
  label: 'Jellyfin',
  prefix: '',
  authHeaders: (token) => ({ Authorization: `MediaBrowser Client="Previewarr", Device="Previewarr", DeviceId="previewarr", Version="1", Token="${token}"` }),
};

export function embyFamilyClient(family: EmbyFamily, target: MediaServerTarget): MediaServerClient {
  const call = (method: 'GET' | 'POST', path: string, options: { query?: Record<string, string>; json?: unknown } = {}) =>
    sendOutbound({
      method,
      url: serverUrl(target.baseUrl, `${family.prefix}${path}`, options.query),
      headers: { ...family.authHeaders(target.token), Accept: 'application/json' },
      secrets: [target.token],
      ...(options.json !== undefined ? { json: options.json } : {}),
      ...(target.timeoutMs ? { timeoutMs: target.timeoutMs } : {}),
    });
  const parse = <S extends z.ZodType>(schema: S, value: unknown, path: string): z.output<S> => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new OutboundError('unexpected-reply', `${family.label} "${target.name}": ${path} did not answer like ${family.label}`);
    return parsed.data;
  };

  return {
    async identify() {
      const info = parse(infoSchema, replyJson(await call('GET', '/System/Info'), `${family.label} "${target.name}"`), '/System/Info');
      return { name: info.ServerName || family.label, version: info.Version };
    },

    async refresh(changes: readonly RefreshChange[]) {
      if (changes.length === 0) return [];
      await call('POST', '/Library/Media/Updated', { json: { Updates: changes.map((change) => ({ Path: change.path, UpdateType: change.change })) } });
      return [];
    },

    async listsTrailer(item: TrailerLookup) {
      const query: Record<string, string> = {
        Recursive: 'true',
        IncludeItemTypes: item.kind === 'movie' ? 'Movie' : 'Series',
        Fields: 'Path,LocalTrailerCount,RemoteTrailers',
        SearchTerm: item.title,
        Limit: '50',
      };
      if (item.year !== null) query['Years'] = String(item.year);
      const reply = parse(itemsSchema, replyJson(await call('GET', '/Items', { query }), `${family.label} "${target.name}"`), '/Items');
      const match = reply.Items.find((entry) => entry.Path !== undefined && serverPathWithin(entry.Path, item.folder));
      return match !== undefined && ((match.LocalTrailerCount ?? 0) > 0 || (match.RemoteTrailers?.length ?? 0) > 0);
    },
  };
}

export function jellyfinClient(target: MediaServerTarget): MediaServerClient {
  return embyFamilyClient(JELLYFIN, target);
}
