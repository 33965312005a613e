// What a user can do with a media server, for the JSON API and the settings pages alike, and
// the health record the refresh worker and the Test button keep (a change of health is itself
// a notification). Input is already validated by media-server-input.ts.
import { eq, sql } from 'drizzle-orm';
import { isUniqueViolation } from '../db/db-errors.ts';
import type { ConnectionHealth } from '../db/schema/connections.ts';
import { mediaServers } from '../db/schema/outbound.ts';
import { notificationEvent } from '../notifications/notification-event.ts';
import { notify } from '../notifications/notify.ts';
import type { OutboundDeps } from '../outbound/outbound-deps.ts';
import { OutboundError } from '../outbound/outbound-http.ts';
import { removeTargetEntries } from '../outbound/outbox.ts';
import { secretOriginProblem } from '../outbound/secret-field.ts';
import { MEDIA_SERVER_LABELS, mediaServerClient, type MediaServerTarget, type ServerIdentity } from './media-server-client.ts';
import type { CreateMediaServerInput, UpdateMediaServerInput } from './media-server-input.ts';
import { findMediaServer, type MediaServerInsert, type MediaServerRow } from './media-server-store.ts';

export type TargetProblem = { ok: false; problem: 'not-found' | 'duplicate-name' | 'invalid'; field?: string; message: string };

const notFound = (id: number): TargetProblem => ({ ok: false, problem: 'not-found', message: `No media server with id ${id}.` });
const duplicate = (name: string): TargetProblem => ({ ok: false, problem: 'duplicate-name', field: 'name', message: `A media server named "${name}" already exists.` });

async function nameTaken(deps: OutboundDeps, name: string, exceptId = 0): Promise<boolean> {
  const rows = await deps.db.select({ id: mediaServers.id }).from(mediaServers).where(sql`lower(${mediaServers.name}) = lower(${name}) and ${mediaServers.id} <> ${exceptId}`);
  return rows.length > 0;
}

export async function createMediaServer(deps: OutboundDeps, input: CreateMediaServerInput): Promise<{ ok: true; server: MediaServerRow } | TargetProblem> {
  if (await nameTaken(deps, input.name)) return duplicate(input.name);
  try {
    const [server] = await deps.db.insert(mediaServers).values(input).returning();
    return { ok: true, server: server! };
  } catch (error) {
    if (isUniqueViolation(error)) return duplicate(input.name);
    throw error;
  }
}

export async function updateMediaServer(deps: OutboundDeps, id: number, input: UpdateMediaServerInput): Promise<{ ok: true; server: MediaServerRow } | TargetProblem> {
  const existing = await findMediaServer(deps.db, id);
  if (!existing) return notFound(id);
  if (input.name !== undefined && (await nameTaken(deps, input.name, id))) return duplicate(input.name);
  const moved = secretOriginProblem({ url: existing.baseUrl, secret: existing.token }, { url: input.baseUrl, secret: input.token });
  if (moved) return { ok: false, problem: 'invalid', field: 'token', message: moved };
  const changes: Partial<MediaServerInsert> = {};
  for (const key of ['name', 'kind', 'baseUrl', 'token', 'enabled', 'skipIfTrailer', 'pathMappings'] as const) {
    if (input[key] !== undefined) (changes as Record<string, unknown>)[key] = input[key];
  }
  if ((changes.baseUrl ?? existing.baseUrl) !== existing.baseUrl || (changes.token ?? existing.token) !== existing.token || (changes.kind ?? existing.kind) !== existing.kind) {
    changes.health = null;
  }
  try {
    const [server] = await deps.db.update(mediaServers).set({ ...changes, updatedAt: new Date() }).where(eq(mediaServers.id, id)).returning();
    return server ? { ok: true, server } : notFound(id);
  } catch (error) {
    if (isUniqueViolation(error)) return duplicate(input.name ?? existing.name);
    throw error;
  }
}

/** Deletes the server and what was waiting for it. */
export async function deleteMediaServer(deps: OutboundDeps, id: number): Promise<boolean> {
  const deleted = await deps.db.delete(mediaServers).where(eq(mediaServers.id, id)).returning({ id: mediaServers.id });
  await removeTargetEntries(deps.db, 'media-server', id);
  return deleted.length > 0;
}

export type ServerTest = { ok: true; identity: ServerIdentity; health: ConnectionHealth } | { ok: false; cause: string; message: string; health: ConnectionHealth };

/** Asks the server for its name and version (nothing stored). */
export async function probeMediaServer(target: MediaServerTarget): Promise<ServerTest> {
  const checkedAt = new Date().toISOString();
  const label = MEDIA_SERVER_LABELS[target.kind];
  try {
    const identity = await mediaServerClient(target).identify();
    return { ok: true, identity, health: { ok: true, checkedAt, message: `Connected to ${label} "${identity.name}" ${identity.version}.`, version: identity.version, instanceName: identity.name } };
  } catch (error) {
    const cause = error instanceof OutboundError ? error.kind : 'unexpected-reply';
    const message = error instanceof OutboundError ? error.message : `${label} "${target.name}": ${String(error)}`;
    return { ok: false, cause, message, health: { ok: false, checkedAt, message } };
  }
}

/** Tests the stored server and records its health. */
export async function testStoredMediaServer(deps: OutboundDeps, id: number): Promise<{ test: ServerTest; server: MediaServerRow } | undefined> {
  const stored = await findMediaServer(deps.db, id);
  if (!stored) return undefined;
  const test = await probeMediaServer(stored);
  await recordMediaServerHealth(deps, stored, test.health);
  return { test, server: (await findMediaServer(deps.db, id)) ?? stored };
}

/** Stores the health; a server that starts or stops failing is a notification. */
export async function recordMediaServerHealth(deps: OutboundDeps, server: MediaServerRow, health: ConnectionHealth): Promise<void> {
  const message = health.message.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '\uFFFD');
  await deps.db.update(mediaServers).set({ health: { ...health, message } }).where(eq(mediaServers.id, server.id));
  const was = server.health?.ok;
  if (was === true && !health.ok) await notify(deps, notificationEvent('connection-failing', message, `${MEDIA_SERVER_LABELS[server.kind]} "${server.name}"`));
  if (was === false && health.ok) await notify(deps, notificationEvent('connection-recovered', message, `${MEDIA_SERVER_LABELS[server.kind]} "${server.name}"`));
}
