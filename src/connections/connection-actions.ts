// What a user can do with a connection, for the JSON API and the settings pages alike: create
// (which queues the first library sync and hands over webhooks that were waiting for it), change,
// delete, test. Input is already validated by connection-input.ts.
import { sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import { isUniqueViolation } from '../db/db-errors.ts';
import type { Db } from '../db/client.ts';
import { connections, type ConnectionHealth, type RootFolderInfo } from '../db/schema/connections.ts';
import { cancelJobs, pendingJobsOfConnection } from '../jobs/connection-jobs.ts';
import { processPendingEventsForConnection } from '../inbox/pending-events.ts';
import { switchOffPreview } from '../library/connection-preview.ts';
import { enqueueLibrarySync } from '../sync/sync-enqueue.ts';
import type { ArrCallOptions } from './arr-clients.ts';
import type { CreateConnectionInput, UpdateConnectionInput } from './connection-input.ts';
import { probeConnection, type ConnectionProbe } from './connection-probe.ts';
import {
  deleteConnectionRow,
  findConnection,
  insertConnection,
  recordConnectionHealth,
  updateConnectionRow,
  type ConnectionInsert,
} from './connection-store.ts';
import { remapRootFolders } from './root-folders.ts';
import type { ConnectionRow } from '../db/schema/index.ts';

export type ConnectionDeps = { database: { db: Db }; boss: PgBoss | null; logger: Logger };

export type ConnectionProblem =
  | { ok: false; problem: 'not-found'; message: string }
  | { ok: false; problem: 'duplicate-name'; message: string }
  | { ok: false; problem: 'kind-change'; message: string }
  | { ok: false; problem: 'key-required'; message: string };

export type CreatedConnection = {
  ok: true;
  connection: ConnectionRow;
  syncJobId: string | null;
  pendingEventsQueued: number;
  /** The test run on save (status, then root folders); absent for a disabled connection. */
  check?: ConnectionProbe;
};

const duplicate = (name: string): ConnectionProblem => ({
  ok: false,
  problem: 'duplicate-name',
  message: `A connection named "${name}" already exists (names are compared ignoring case).`,
});
const notFound = (id: number): ConnectionProblem => ({ ok: false, problem: 'not-found', message: `No connection with id ${id}.` });

/** Webhooks tell instances apart by name, case-insensitively, so "Radarr" and "radarr" would collide. */
async function nameTaken(db: Db, name: string, exceptId?: number): Promise<boolean> {
  const rows = await db
    .select({ id: connections.id })
    .from(connections)
    .where(sql`lower(${connections.name}) = lower(${name}) and ${connections.id} <> ${exceptId ?? 0}`);
  return rows.length > 0;
}

/** Stores the connection and queues its first sync in the same transaction. */
export async function createConnection(
  deps: ConnectionDeps,
  input: CreateConnectionInput,
  options: ArrCallOptions = {},
): Promise<CreatedConnection | ConnectionProblem> {
  const { db } = deps.database;
  if (await nameTaken(db, input.name)) return duplicate(input.name);
  let created: { connection: ConnectionRow; syncJobId: string | null };
  try {
    created = await db.transaction(async (tx) => {
      const connection = await insertConnection(tx, input);
      const syncJobId = deps.boss && connection.enabled ? await enqueueLibrarySync(deps.boss, tx, connection.id, 'connection-added') : null;
      return { connection, syncJobId };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return duplicate(input.name);
    throw error;
  }
  // Tested at once, so a wrong key or URL shows in the reply to the save (and the root folders
  // are known before the first sync has read the library).
  const tested = created.connection.enabled ? await testStoredConnection(deps, created.connection.id, options) : undefined;
  const pendingEventsQueued = await handOverPendingEvents(deps, created.connection.id);
  return tested
    ? { ok: true, ...created, connection: tested.connection, pendingEventsQueued, check: tested }
    : { ok: true, ...created, pendingEventsQueued };
}

export type UpdatedConnection = {
  ok: true;
  connection: ConnectionRow;
  /** The test run because the address or key changed; absent otherwise. */
  check?: ConnectionProbe;
  /** The sync started because the changed address or key works. */
  syncJobId?: string | null;
  /** Preview was switched off: the real fetches queued for the previewed items. */
  previewFetchesQueued?: number;
};

export async function updateConnection(
  deps: ConnectionDeps,
  id: number,
  input: UpdateConnectionInput,
  options: ArrCallOptions = {},
): Promise<UpdatedConnection | ConnectionProblem> {
  const { db } = deps.database;
  const existing = await findConnection(db, id);
  if (!existing) return notFound(id);
  if (input.kind !== undefined && input.kind !== existing.kind) {
    return {
      ok: false,
      problem: 'kind-change',
      message: `A ${existing.kind} connection cannot become ${input.kind}: its library belongs to one app. Add a new connection instead.`,
    };
  }
  // The stored key is only ever sent to the host it was entered for: a new host needs it again.
  if (input.baseUrl !== undefined && input.apiKey === undefined && new URL(input.baseUrl).origin !== new URL(existing.baseUrl).origin) {
    return {
      ok: false,
      problem: 'key-required',
      message: `The address moves to another host (${new URL(input.baseUrl).origin}): enter the API key again; the stored key is only sent to ${new URL(existing.baseUrl).origin}.`,
    };
  }
  if (input.name !== undefined && (await nameTaken(db, input.name, id))) return duplicate(input.name);
  const changes: Partial<ConnectionInsert> = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.baseUrl !== undefined) changes.baseUrl = input.baseUrl;
  if (input.apiKey !== undefined) changes.apiKey = input.apiKey;
  if (input.enabled !== undefined) changes.enabled = input.enabled;
  if (input.rankingOverrides !== undefined) changes.rankingOverrides = input.rankingOverrides;
  // Switched on here; switched off below, together with queueing what it previewed.
  if (input.previewOnly === true) changes.previewOnly = true;
  if (input.pathMappings !== undefined) {
    changes.pathMappings = input.pathMappings;
    changes.rootFolders = await remapRootFolders(existing.rootFolders, input.pathMappings);
  }
  // The last test said nothing about a different address or key.
  const reached = (changes.baseUrl ?? existing.baseUrl) !== existing.baseUrl || (changes.apiKey ?? existing.apiKey) !== existing.apiKey;
  if (reached) changes.health = null;
  let connection: ConnectionRow | undefined;
  try {
    connection = await updateConnectionRow(db, id, changes);
  } catch (error) {
    if (isUniqueViolation(error)) return duplicate(input.name ?? existing.name);
    throw error;
  }
  if (!connection) return notFound(id);
  const previewFetchesQueued = input.previewOnly === false && connection.previewOnly ? await switchOffPreview(db, deps.boss, id) : undefined;
  if (previewFetchesQueued !== undefined) connection = (await findConnection(db, id)) ?? connection;
  if (connection.name !== existing.name) await handOverPendingEvents(deps, id);
  // A new address or key is tested at once; when it works (a fixed key), the sync catches up.
  const check = reached && connection.enabled ? await testStoredConnection(deps, id, options) : undefined;
  const boss = deps.boss;
  // Switched on again, or fixed: catch up now rather than at the next scheduled reconcile.
  const catchUp = connection.enabled && (!existing.enabled || check?.result.ok === true);
  const syncJobId = catchUp && boss ? await db.transaction((tx) => enqueueLibrarySync(boss, tx, id, 'manual')) : undefined;
  return {
    ok: true,
    connection: check?.connection ?? connection,
    ...(check ? { check } : {}),
    ...(syncJobId !== undefined ? { syncJobId } : {}),
    ...(previewFetchesQueued !== undefined ? { previewFetchesQueued } : {}),
  };
}

/** Deletes the connection and (by cascade) its library rows. Files on disk are never touched. */
export async function deleteConnection(deps: ConnectionDeps, id: number): Promise<boolean> {
  // Its queued work goes too: the rows those jobs name are deleted with it.
  const pending = deps.boss ? await pendingJobsOfConnection(deps.database.db, id) : [];
  const deleted = await deleteConnectionRow(deps.database.db, id);
  if (deleted && deps.boss) await cancelJobs(deps.boss, pending);
  return deleted;
}

export type TestedConnection = ConnectionProbe & { connection: ConnectionRow };

/** Tests the stored connection, stores its health and root folders, and says what it found. */
export async function testStoredConnection(deps: ConnectionDeps, id: number, options: ArrCallOptions = {}): Promise<TestedConnection | undefined> {
  const { db } = deps.database;
  const stored = await findConnection(db, id);
  if (!stored) return undefined;
  const probe = await probeConnection(stored, options);
  await recordConnectionHealth(db, id, probe.health, probe.rootFolders ? { rootFolders: probe.rootFolders } : {});
  const connection = (await findConnection(db, id)) ?? stored;
  return { ...probe, connection };
}

export type RootFolderRefresh =
  | { ok: true; rootFolders: RootFolderInfo[]; health: ConnectionHealth }
  | { ok: false; message: string; cause: string };

/** Reads /rootfolder now (after a status check that names a wrong URL or key clearly). */
export async function refreshRootFolders(deps: ConnectionDeps, connection: ConnectionRow, options: ArrCallOptions = {}): Promise<RootFolderRefresh> {
  const probe = await probeConnection(connection, options);
  await recordConnectionHealth(deps.database.db, connection.id, probe.health, probe.rootFolders ? { rootFolders: probe.rootFolders } : {});
  if (!probe.result.ok) return { ok: false, message: probe.result.message, cause: probe.result.cause };
  if (!probe.rootFolders) return { ok: false, message: probe.rootFoldersError ?? 'root folders could not be read', cause: 'unexpected-reply' };
  return { ok: true, rootFolders: probe.rootFolders, health: probe.health };
}

// Webhooks that arrived before this connection existed (state needs-setup) are processed now.
// The connection is already stored: a failure here is logged, and the events stay pending.
async function handOverPendingEvents(deps: ConnectionDeps, connectionId: number): Promise<number> {
  if (!deps.boss) return 0;
  try {
    return await processPendingEventsForConnection({ database: deps.database, boss: deps.boss }, connectionId);
  } catch (error) {
    deps.logger.error({ err: error, connectionId }, 'could not queue the webhooks that were waiting for this connection');
    return 0;
  }
}
