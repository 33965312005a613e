// The optional skip rule: before anything is downloaded, ask each enabled server that has
// "skip items it already has a trailer for" on. A server that cannot answer does not block the
// download (the check is a saving, not a gate).
import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import { toServerPath } from '../domain/server-path.ts';
import { MEDIA_SERVER_LABELS, mediaServerClient } from './media-server-client.ts';
import { enabledMediaServers } from './media-server-store.ts';

export type CheckedItem = { kind: 'movie' | 'series'; title: string; year: number | null };

/** The reason to skip (which server lists a trailer), or undefined. */
export async function trailerListedByServer(deps: { db: Db; logger: Logger }, item: CheckedItem, localFolder: string): Promise<string | undefined> {
  const servers = (await enabledMediaServers(deps.db)).filter((server) => server.skipIfTrailer);
  for (const server of servers) {
    try {
      const folder = toServerPath(localFolder, server.pathMappings);
      if (await mediaServerClient(server).listsTrailer({ ...item, folder })) {
        return `${MEDIA_SERVER_LABELS[server.kind]} "${server.name}" already lists a trailer for this item`;
      }
    } catch (error) {
      deps.logger.debug({ err: error, server: server.name }, 'trailer check failed; downloading anyway');
    }
  }
  return undefined;
}
