// One interface for every media server; one module per server (plex.ts, jellyfin.ts, emby.ts).
// Adding a server is one file plus one line in CLIENTS. Paths given to a client are already the
// server's own (mapped through the server's path mappings).
import type { MediaServerKind } from '../db/schema/outbound.ts';
import { embyClient } from './emby.ts';
import { jellyfinClient } from './jellyfin.ts';
import { plexClient } from './plex.ts';

export type MediaServerTarget = { name: string; kind: MediaServerKind; baseUrl: string; token: string; timeoutMs?: number };

export type ServerIdentity = { name: string; version: string };

export type RefreshChangeType = 'Created' | 'Modified' | 'Deleted';

/** One changed trailer: the file and the item folder it belongs to, as the server sees them. */
export type RefreshChange = { path: string; folder: string; change: RefreshChangeType };

/** An item to look up, by its folder as the server sees it. */
export type TrailerLookup = { kind: 'movie' | 'series'; title: string; year: number | null; folder: string };

export interface MediaServerClient {
  /** The server's own name and version (Test button). */
  identify(): Promise<ServerIdentity>;
  /** Tells the server about changed files; returns problems that a retry would not fix. */
  refresh(changes: readonly RefreshChange[]): Promise<string[]>;
  /** Whether the server already lists a trailer for the item (false when it does not know it). */
  listsTrailer(item: TrailerLookup): Promise<boolean>;
}

const CLIENTS: Record<MediaServerKind, (target: MediaServerTarget) => MediaServerClient> = {
  plex: plexClient,
  jellyfin: jellyfinClient,
  emby: embyClient,
};

export function mediaServerClient(target: MediaServerTarget): MediaServerClient {
  return CLIENTS[target.kind](target);
}

export const MEDIA_SERVER_LABELS: Record<MediaServerKind, string> = { plex: 'Plex', jellyfin: 'Jellyfin', emby: 'Emby' };
