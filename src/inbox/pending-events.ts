// Events that arrived before their connection existed wait in state `needs-setup`. Once the user
// adds (or renames) a connection, the ones that now resolve to it are handed to the normal job.
import { and, eq, inArray } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Db } from '../db/client.ts';
import { connections, webhookEvents } from '../db/schema/index.ts';
import { enqueueInTransaction } from '../jobs/enqueue.ts';
import { QUEUES } from '../jobs/queues.ts';
import { chooseConnection, connectionsOfKind } from './connection-choice.ts';

export type PendingEventDeps = { database: { db: Db }; boss: PgBoss | null };

// Short transactions: PGlite has one connection and the web requests share it.
const CHUNK = 200;

/**
 * Queues every `needs-setup` event that resolves to this connection now (same rules as at
 * receipt: `?connection=` name, else instance name, else the only connection of the kind).
 * Call it after creating or renaming a connection. Returns how many events were queued.
 */
export async function processPendingEventsForConnection(deps: PendingEventDeps, connectionId: number): Promise<number> {
  const { db } = deps.database;
  const boss = deps.boss;
  if (!boss) throw new Error('processPendingEventsForConnection needs the job queue');
  const [connection] = await db.select().from(connections).where(eq(connections.id, connectionId));
  if (!connection) return 0;
  const candidates = await connectionsOfKind(db, connection.kind);
  const pending = await db
    .select({ id: webhookEvents.id, hint: webhookEvents.connectionHint, instanceName: webhookEvents.instanceName })
    .from(webhookEvents)
    .where(and(eq(webhookEvents.state, 'needs-setup'), eq(webhookEvents.source, connection.kind)))
    .orderBy(webhookEvents.id);
  const claimed = pending
    .filter((event) => {
      const choice = chooseConnection(connection.kind, candidates, { hint: event.hint, instanceName: event.instanceName });
      return choice.connection?.id === connection.id;
    })
    .map((event) => event.id);

  let queued = 0;
  for (let start = 0; start < claimed.length; start += CHUNK) {
    const ids = claimed.slice(start, start + CHUNK);
    queued += await db.transaction(async (tx) => {
      // The state check makes a concurrent second call (or a racing receipt) claim each event once.
      const moved = await tx
        .update(webhookEvents)
        .set({ state: 'received', connectionId: connection.id, summary: null })
        .where(and(inArray(webhookEvents.id, ids), eq(webhookEvents.state, 'needs-setup')))
        .returning({ id: webhookEvents.id });
      for (const { id } of moved.sort((a, b) => a.id - b.id)) {
        await enqueueInTransaction(boss, tx, QUEUES.webhookEvent, { eventId: id });
      }
      return moved.length;
    });
  }
  return queued;
}
