// Connection rows: reads, writes, and the one view of a connection that leaves the service (API
// replies, pages), in which the Arr's API key is always masked.
import { asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import type { ConnectionRow } from '../db/schema/index.ts';
import type { RankingOverrides } from '../config/ranking-settings.ts';
import { connections, type ConnectionHealth, type PathMapping, type RootFolderInfo } from '../db/schema/connections.ts';

export type ConnectionInsert = typeof connections.$inferInsert;

/** A connection as shown outside the service: the API key masked, dates as ISO strings. */
export type ConnectionView = {
  id: number;
  name: string;
  kind: 'radarr' | 'sonarr';
  baseUrl: string;
  apiKey: string;
  enabled: boolean;
  pathMappings: PathMapping[];
  /** Ranking settings this instance uses instead of the global ones. */
  rankingOverrides: RankingOverrides;
  /** Preview mode: fetches record what they would download and download nothing. */
  previewOnly: boolean;
  health: ConnectionHealth | null;
  rootFolders: RootFolderInfo[];
  lastSyncAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export const MASK = '••••';

/** `••••abcd`: enough to tell two keys apart, never enough to use one. Short keys show nothing. */
export function maskApiKey(key: string): string {
  return key.length >= 12 ? `${MASK}${key.slice(-4)}` : MASK;
}

/** True for a value that is a mask we produced (a form or client sending the masked key back). */
export function isMaskedKey(value: string): boolean {
  return value.startsWith(MASK);
}

export function toConnectionView(row: ConnectionRow): ConnectionView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    baseUrl: row.baseUrl,
    apiKey: maskApiKey(row.apiKey),
    enabled: row.enabled,
    pathMappings: row.pathMappings,
    rankingOverrides: row.rankingOverrides,
    previewOnly: row.previewOnly,
    health: row.health ?? null,
    rootFolders: row.rootFolders,
    lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listConnections(db: Db | Tx): Promise<ConnectionRow[]> {
  return db.select().from(connections).orderBy(asc(connections.name), asc(connections.id));
}

export async function findConnection(db: Db | Tx, id: number): Promise<ConnectionRow | undefined> {
  const [row] = await db.select().from(connections).where(eq(connections.id, id));
  return row;
}

export async function insertConnection(tx: Db | Tx, values: ConnectionInsert): Promise<ConnectionRow> {
  const [row] = await tx.insert(connections).values(values).returning();
  if (!row) throw new Error('inserting a connection returned no row');
  return row;
}

export async function updateConnectionRow(
  db: Db | Tx,
  id: number,
  values: Partial<Omit<ConnectionInsert, 'id' | 'createdAt'>>,
): Promise<ConnectionRow | undefined> {
  const [row] = await db
    .update(connections)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(connections.id, id))
    .returning();
  return row;
}

export async function deleteConnectionRow(db: Db | Tx, id: number): Promise<boolean> {
  const deleted = await db.delete(connections).where(eq(connections.id, id)).returning({ id: connections.id });
  return deleted.length > 0;
}

/** Stores the outcome of a test or sync; `extra` carries what that call also learned. */
export async function recordConnectionHealth(
  db: Db | Tx,
  id: number,
  health: ConnectionHealth,
  extra: { rootFolders?: RootFolderInfo[]; lastSyncAt?: Date } = {},
): Promise<void> {
  await db
    .update(connections)
    .set({ health: { ...health, message: printable(health.message) }, ...extra })
    .where(eq(connections.id, id));
}

// Messages quote reply bodies, which may hold anything; jsonb cannot store NUL at all.
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '\uFFFD');
}
