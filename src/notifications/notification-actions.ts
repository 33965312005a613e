// What a user can do with a notification target (JSON API and settings pages), the Test
// message, and the `notify` job that sends a target what piled up in its outbox.
import { eq, sql } from 'drizzle-orm';
import type { Job } from 'pg-boss';
import { isUniqueViolation } from '../db/db-errors.ts';
import type { ConnectionHealth } from '../db/schema/connections.ts';
import { notificationTargets } from '../db/schema/outbound.ts';
import { digest, type DigestEvent } from '../domain/notification-digest.ts';
import { jobPayloads } from '../jobs/payloads.ts';
import type { TargetProblem } from '../media-servers/media-server-actions.ts';
import type { OutboundDeps } from '../outbound/outbound-deps.ts';
import { pendingEntries, removeEntries, removeTargetEntries } from '../outbound/outbox.ts';
import { isMaskedKey, secretOriginProblem } from '../outbound/secret-field.ts';
import { normaliseUpdate, type CreateNotificationInput, type UpdateNotificationInput } from './notification-input.ts';
import { findNotificationTarget, type NotificationRow } from './notification-store.ts';
import type { TargetSettings } from './notification-target.ts';
import { TARGETS } from './targets/index.ts';

const notFound = (id: number): TargetProblem => ({ ok: false, problem: 'not-found', message: `No notification target with id ${id}.` });
const duplicate = (name: string): TargetProblem => ({ ok: false, problem: 'duplicate-name', field: 'name', message: `A notification target named "${name}" already exists.` });

async function nameTaken(deps: OutboundDeps, name: string, exceptId = 0): Promise<boolean> {
  const rows = await deps.db
    .select({ id: notificationTargets.id })
    .from(notificationTargets)
    .where(sql`lower(${notificationTargets.name}) = lower(${name}) and ${notificationTargets.id} <> ${exceptId}`);
  return rows.length > 0;
}

export async function createNotificationTarget(deps: OutboundDeps, input: CreateNotificationInput): Promise<{ ok: true; target: NotificationRow } | TargetProblem> {
  if (await nameTaken(deps, input.name)) return duplicate(input.name);
  try {
    const [target] = await deps.db.insert(notificationTargets).values(input).returning();
    return { ok: true, target: target! };
  } catch (error) {
    if (isUniqueViolation(error)) return duplicate(input.name);
    throw error;
  }
}

export async function updateNotificationTarget(deps: OutboundDeps, id: number, raw: UpdateNotificationInput): Promise<{ ok: true; target: NotificationRow } | TargetProblem> {
  const existing = await findNotificationTarget(deps.db, id);
  if (!existing) return notFound(id);
  const input = normaliseUpdate(existing.kind, { ...raw, ...(raw.recipient !== undefined && isMaskedKey(raw.recipient) ? { recipient: undefined } : {}) });
  if (input.name !== undefined && (await nameTaken(deps, input.name, id))) return duplicate(input.name);
  const moved = secretOriginProblem({ url: existing.url, secret: existing.secret }, { url: input.url, secret: input.secret });
  if (moved) return { ok: false, problem: 'invalid', field: 'secret', message: moved };
  const kind = TARGETS[input.kind ?? existing.kind];
  if (kind.secretRequired && (input.secret ?? existing.secret) === '') return { ok: false, problem: 'invalid', field: 'secret', message: `is required for ${kind.label}` };
  const changes: Record<string, unknown> = {};
  for (const key of ['name', 'kind', 'url', 'secret', 'recipient', 'events', 'enabled'] as const) {
    if (input[key] !== undefined) changes[key] = input[key];
  }
  if (changes['url'] !== undefined || changes['secret'] !== undefined || changes['kind'] !== undefined) changes['health'] = null;
  try {
    const [target] = await deps.db.update(notificationTargets).set({ ...changes, updatedAt: new Date() }).where(eq(notificationTargets.id, id)).returning();
    return target ? { ok: true, target } : notFound(id);
  } catch (error) {
    if (isUniqueViolation(error)) return duplicate(input.name ?? existing.name);
    throw error;
  }
}

export async function deleteNotificationTarget(deps: OutboundDeps, id: number): Promise<boolean> {
  const deleted = await deps.db.delete(notificationTargets).where(eq(notificationTargets.id, id)).returning({ id: notificationTargets.id });
  await removeTargetEntries(deps.db, 'notification', id);
  return deleted.length > 0;
}

async function recordHealth(deps: OutboundDeps, id: number, health: ConnectionHealth): Promise<void> {
  const message = health.message.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '\uFFFD');
  await deps.db.update(notificationTargets).set({ health: { ...health, message } }).where(eq(notificationTargets.id, id));
}

const failureText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export type TargetTest = { ok: boolean; message: string };

/** Sends a test message now (settings not yet saved, or a stored target). */
export async function sendTestMessage(target: TargetSettings): Promise<TargetTest> {
  try {
    await TARGETS[target.kind].create(target).send({ title: 'Previewarr test', body: `This is a test message for "${target.name}". Notifications arrive here.`, level: 'info', events: [] });
    return { ok: true, message: `Test message sent to ${TARGETS[target.kind].label} "${target.name}".` };
  } catch (error) {
    return { ok: false, message: `Test failed: ${failureText(error)}` };
  }
}

export async function testStoredNotificationTarget(deps: OutboundDeps, id: number): Promise<{ test: TargetTest; target: NotificationRow } | undefined> {
  const stored = await findNotificationTarget(deps.db, id);
  if (!stored) return undefined;
  const test = await sendTestMessage(stored);
  await recordHealth(deps, id, { ok: test.ok, checkedAt: new Date().toISOString(), message: test.message });
  return { test, target: (await findNotificationTarget(deps.db, id)) ?? stored };
}

/** The `notify` job of one target. Throws (so pg-boss retries with backoff) while sending fails. */
export async function runNotify(deps: OutboundDeps, job: Job<unknown>): Promise<void> {
  const { targetId } = jobPayloads.notify.parse(job.data);
  const target = await findNotificationTarget(deps.db, targetId);
  if (!target || !target.enabled) return void (await removeTargetEntries(deps.db, 'notification', targetId));
  const entries = await pendingEntries(deps.db, 'notification', targetId);
  if (entries.length === 0) return;
  const sender = TARGETS[target.kind].create(target);
  const notices = digest(entries.map((entry) => entry.payload as unknown as DigestEvent));
  let sent = 0;
  try {
    for (const notice of notices) {
      await sender.send(notice);
      sent += notice.events.length;
    }
  } catch (error) {
    // What went out already is not sent again (single notices are in entry order).
    if (notices.length > 1) await removeEntries(deps.db, entries.slice(0, sent).map((entry) => entry.id));
    const message = `Sending failed, retrying: ${failureText(error)}`;
    await recordHealth(deps, targetId, { ok: false, checkedAt: new Date().toISOString(), message });
    throw new Error(message);
  }
  await removeEntries(deps.db, entries.map((entry) => entry.id));
  await recordHealth(deps, targetId, { ok: true, checkedAt: new Date().toISOString(), message: `Sent ${notices.length} message${notices.length === 1 ? '' : 's'} (${entries.length} event${entries.length === 1 ? '' : 's'}).` });
}
