// Media-server rows, and the one view of a server that leaves the service (API replies, pages),
// in which the token is always masked.
import { asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import type { ConnectionHealth, PathMapping } from '../db/schema/connections.ts';
import { mediaServers, type MediaServerKind } from '../db/schema/outbound.ts';
import { maskSecret } from '../outbound/secret-field.ts';

export type MediaServerRow = typeof mediaServers.$inferSelect;
export type MediaServerInsert = typeof mediaServers.$inferInsert;

export type MediaServerView = {
  id: number;
  name: string;
  kind: MediaServerKind;
  baseUrl: string;
  token: string;
  enabled: boolean;
  skipIfTrailer: boolean;
  pathMappings: PathMapping[];
  health: ConnectionHealth | null;
  createdAt: string;
  updatedAt: string;
};

export function toMediaServerView(row: MediaServerRow): MediaServerView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    baseUrl: row.baseUrl,
    token: maskSecret(row.token),
    enabled: row.enabled,
    skipIfTrailer: row.skipIfTrailer,
    pathMappings: row.pathMappings,
    health: row.health ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listMediaServers(db: Db | Tx): Promise<MediaServerRow[]> {
  return db.select().from(mediaServers).orderBy(asc(mediaServers.name), asc(mediaServers.id));
}

export async function findMediaServer(db: Db | Tx, id: number): Promise<MediaServerRow | undefined> {
  const [row] = await db.select().from(mediaServers).where(eq(mediaServers.id, id));
  return row;
}

export async function enabledMediaServers(db: Db | Tx): Promise<MediaServerRow[]> {
  return db.select().from(mediaServers).where(eq(mediaServers.enabled, true)).orderBy(asc(mediaServers.id));
}
