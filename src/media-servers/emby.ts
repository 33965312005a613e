// Emby: the Jellyfin API under /emby, with the key in X-Emby-Token.
import { embyFamilyClient, type EmbyFamily } from './jellyfin.ts';
import type { MediaServerClient, MediaServerTarget } from './media-server-client.ts';

const EMBY: EmbyFamily = { label: 'Emby', prefix: '/emby', authHeaders: (token) => ({ 'X-Emby-Token': token }) };

export function embyClient(target: MediaServerTarget): MediaServerClient {
  return embyFamilyClient(EMBY, target);
}
