// A server whose connection slots are all taken is busy, not down: the service still holds a
// working connection, so every webhook must be stored (202), never refused with "the database is
// not reachable" (503). postgres.js opens another pool connection for a transaction that finds
// none idle, and a refused open (53300 "too many clients", or a connect timeout under load) used to
// fail that webhook's transaction at once; the fuzz guarantee once got such a 503 on a shared
// server. The server here is a throwaway cluster of this file's own with few slots, so filling
// them disturbs no one (the same on both backends' runs).
import { inArray, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/client.ts';
import { webhookEvents } from '../../src/db/schema/index.ts';
import { QUEUES } from '../../src/jobs/queues.ts';
import { downloadBody, insertRadarrConnection, makeImportLibrary, type ImportLibrary } from '../guarantees/import-library.ts';
import { postWebhook } from '../support/arr-webhook-client.ts';
import { startTestService, type TestService } from '../support/test-service.ts';
import { clusterTestDatabase, clusterUnavailableReason, startThrowawayCluster, type ThrowawayCluster } from '../support/throwaway-cluster.ts';
import { waitFor } from '../support/wait-for.ts';

const unavailable = clusterUnavailableReason();
const WEBHOOKS = 40;
const SENDERS = 8;
/** Only the service's own pool uses postgres.js's default application name on this server. */
const SERVICE_POOL = 'postgres.js';
const FILLER = 'previewarr-test-filler';

describe.skipIf(unavailable !== null)(`webhooks while the database server is full${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let cluster: ThrowawayCluster;
  let svc: TestService;
  let library: ImportLibrary;
  const fillers: postgres.Sql[] = [];

  beforeAll(async () => {
    cluster = await startThrowawayCluster({ maxConnections: 25 });
    // No workers: the events stay queued, so only the webhook route uses the service's pool.
    svc = await startTestService({ database: clusterTestDatabase(cluster, 'busy'), workers: () => [] });
    library = makeImportLibrary(WEBHOOKS + 1);
    await insertRadarrConnection(svc.deps.database.db, library);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(fillers.map((filler) => filler.end({ timeout: 1 })));
    await svc?.stop();
    await cluster?.destroy();
    library?.remove();
  });

  async function serverSessions(admin: postgres.Sql, applicationName: string): Promise<number[]> {
    const rows = await admin<{ pid: number }[]>`select pid from pg_stat_activity where application_name = ${applicationName} order by pid`;
    return rows.map((row) => row.pid);
  }

  /** Takes every free slot of the server with sessions of another client, until it refuses one. */
  async function fillServer(): Promise<void> {
    for (;;) {
      const filler = postgres(cluster.url, { max: 1, onnotice: () => {}, connection: { application_name: FILLER } });
      try {
        await filler`select 1`;
        fillers.push(filler);
      } catch (err) {
        await filler.end({ timeout: 1 });
        expect((err as { code?: string }).code).toBe('53300');
        return;
      }
    }
  }

  it(`stores all of ${WEBHOOKS} concurrent webhooks when the service's pool has one connection and the server no free slot`, async () => {
    const first = await postWebhook(`${svc.url}/webhooks/radarr`, downloadBody(library.movies[WEBHOOKS]!), { headers: { 'X-Api-Key': svc.apiKey } });
    expect(first.status).toBe(202);

    // The service's pool keeps one session; the others end, and their slots go to another client.
    const admin = postgres(cluster.url, { max: 1, onnotice: () => {}, connection: { application_name: FILLER } });
    fillers.push(admin);
    const [kept, ...ended] = await serverSessions(admin, SERVICE_POOL);
    expect(kept).toBeDefined();
    for (const pid of ended) await admin`select pg_terminate_backend(${pid})`;
    await waitFor(async () => (await serverSessions(admin, SERVICE_POOL)).length === 1, { what: 'the ended sessions to be gone' });
    await fillServer();
    // Still reachable: the kept session answers.
    await waitFor(async () => rowsOf(await svc.deps.database.db.execute(sql`select 1 as ok`)).length === 1, { what: 'the kept session to answer' });
    expect(await serverSessions(admin, SERVICE_POOL)).toEqual([kept]);

    const replies: Array<{ status: number; text: string; eventId?: number }> = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        for (let index = next++; index < WEBHOOKS; index = next++) {
          const reply = await postWebhook(`${svc.url}/webhooks/radarr`, downloadBody(library.movies[index]!), { headers: { 'X-Api-Key': svc.apiKey }, timeoutMs: 30_000 });
          const eventId = reply.status === 202 ? (JSON.parse(reply.text) as { eventId: number }).eventId : undefined;
          replies.push({ status: reply.status, text: reply.text.slice(0, 200), eventId });
        }
      }),
    );

    expect(replies.filter((reply) => reply.status !== 202)).toEqual([]);
    expect((await fetch(`${svc.url}/readyz`)).status).toBe(200);
    // Every one is stored with its job (read once the slots are free again).
    await Promise.all(fillers.splice(0).map((filler) => filler.end({ timeout: 1 })));
    const ids = replies.map((reply) => reply.eventId!);
    const rows = await svc.deps.database.db.select({ id: webhookEvents.id }).from(webhookEvents).where(inArray(webhookEvents.id, ids));
    expect(rows).toHaveLength(WEBHOOKS);
    const jobs = await svc.boss.findJobs(QUEUES.webhookEvent, { limit: 1_000 });
    const queued = new Set(jobs.map((job) => (job.data as { eventId: number }).eventId));
    expect(ids.filter((id) => !queued.has(id))).toEqual([]);
  }, 120_000);
});
