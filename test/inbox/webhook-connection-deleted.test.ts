// A connection deleted while a webhook for it is being stored is no database outage: the store
// transaction reads the connections, chooses one, and inserts the event referring to it; when the
// delete commits in between, the insert's foreign-key check fails. That webhook used to get the
// 503 "the database is not reachable" (the fuzz guarantee, which deletes connections while it
// posts webhooks, saw it on PostgreSQL). It is written again from the start instead, which finds
// the connection gone. The interleaving is made exact with a second session on a throwaway server
// of this file's own: the delete is held open until the service's insert waits on it.
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookEvents } from '../../src/db/schema/index.ts';
import { downloadBody, insertRadarrConnection, makeImportLibrary, type ImportLibrary } from '../guarantees/import-library.ts';
import { postWebhook } from '../support/arr-webhook-client.ts';
import { startTestService, type TestService } from '../support/test-service.ts';
import { clusterTestDatabase, clusterUnavailableReason, startThrowawayCluster, type ThrowawayCluster } from '../support/throwaway-cluster.ts';
import { waitFor } from '../support/wait-for.ts';

const unavailable = clusterUnavailableReason();

describe.skipIf(unavailable !== null)(`a webhook whose connection is deleted while it is stored${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let cluster: ThrowawayCluster;
  let svc: TestService;
  let library: ImportLibrary;
  let admin: postgres.Sql;
  let connectionId: number;

  beforeAll(async () => {
    cluster = await startThrowawayCluster();
    // No workers: only the webhook route writes.
    svc = await startTestService({ database: clusterTestDatabase(cluster, 'conn-deleted'), workers: () => [] });
    library = makeImportLibrary(1);
    connectionId = await insertRadarrConnection(svc.deps.database.db, library);
    // Two sessions: one holds the delete open, the other watches the service's session wait on it.
    admin = postgres(cluster.url, { max: 2, onnotice: () => {}, connection: { application_name: 'previewarr-test-deleter' } });
  }, 120_000);

  afterAll(async () => {
    await admin?.end({ timeout: 1 });
    await svc?.stop();
    await cluster?.destroy();
    library?.remove();
  });

  it('is stored (202) as needing set-up, not refused with a 503', async () => {
    let commitDelete: () => void = () => {};
    const deleteMayCommit = new Promise<void>((resolve) => (commitDelete = resolve));
    // The delete takes the row's lock and waits; the service still sees the connection (not committed).
    let deleted: () => void = () => {};
    const deletedNotCommitted = new Promise<void>((resolve) => (deleted = resolve));
    const deleting = admin.begin(async (tx) => {
      expect((await tx`delete from connections where id = ${connectionId}`).count).toBe(1);
      deleted();
      await deleteMayCommit;
    });
    await deletedNotCommitted;
    const reply = postWebhook(`${svc.url}/webhooks/radarr`, downloadBody(library.movies[0]!), { headers: { 'X-Api-Key': svc.apiKey }, timeoutMs: 30_000 });
    // The service's insert of the event waits on that lock (its foreign-key check of the connection).
    await waitFor(
      async () =>
        (await admin<{ pid: number }[]>`select pid from pg_stat_activity where wait_event_type = 'Lock' and query ilike 'insert into "webhook_events"%'`).length > 0,
      { timeoutMs: 20_000, what: "the webhook's insert to wait on the delete" },
    );
    commitDelete();
    await deleting;

    const answered = await reply;
    expect(answered.status, answered.text).toBe(202);
    const { eventId } = JSON.parse(answered.text) as { eventId: number };
    const [row] = await svc.deps.database.db.select().from(webhookEvents).where(eq(webhookEvents.id, eventId));
    expect(row).toMatchObject({ state: 'needs-setup', connectionId: null });
  }, 60_000);
});
