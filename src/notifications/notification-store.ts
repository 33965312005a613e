// Notification-target rows, and the one view that leaves the service, secret masked.
import { asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import type { ConnectionHealth } from '../db/schema/connections.ts';
import { notificationTargets, type NotificationEventKind, type NotificationKind } from '../db/schema/outbound.ts';
import { maskSecret } from '../outbound/secret-field.ts';

export type NotificationRow = typeof notificationTargets.$inferSelect;

export type NotificationView = {
  id: number;
  name: string;
  kind: NotificationKind;
  url: string;
  /** Masked; empty when the target has none. */
  secret: string;
  recipient: string;
  events: NotificationEventKind[];
  enabled: boolean;
  health: ConnectionHealth | null;
  createdAt: string;
  updatedAt: string;
};

export function toNotificationView(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    url: row.url,
    secret: row.secret === '' ? '' : maskSecret(row.secret),
    // A Pushover user key is as private as the token.
    recipient: row.kind === 'pushover' && row.recipient !== '' ? maskSecret(row.recipient) : row.recipient,
    events: row.events,
    enabled: row.enabled,
    health: row.health ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listNotificationTargets(db: Db | Tx): Promise<NotificationRow[]> {
  return db.select().from(notificationTargets).orderBy(asc(notificationTargets.name), asc(notificationTargets.id));
}

export async function findNotificationTarget(db: Db | Tx, id: number): Promise<NotificationRow | undefined> {
  const [row] = await db.select().from(notificationTargets).where(eq(notificationTargets.id, id));
  return row;
}
