// Queueing a library sync. One sync per connection runs at a time: the `library-sync` queue has
// the singleton policy and every job of one connection shares its singletonKey.
import type { PgBoss } from 'pg-boss';
import type { Tx } from '../db/client.ts';
import { enqueueInTransaction } from '../jobs/enqueue.ts';
import type { JobPayload } from '../jobs/payloads.ts';
import { QUEUES } from '../jobs/queues.ts';

export type SyncReason = JobPayload<'library-sync'>['reason'];

export function librarySyncKey(connectionId: number): string {
  return `connection:${connectionId}`;
}

/** Queues a sync of one connection inside the caller's transaction. Returns the job id. */
export function enqueueLibrarySync(boss: PgBoss, tx: Tx, connectionId: number, reason: SyncReason): Promise<string | null> {
  const data: JobPayload<'library-sync'> = { connectionId, reason };
  return enqueueInTransaction(boss, tx, QUEUES.librarySync, data, { singletonKey: librarySyncKey(connectionId) });
}
