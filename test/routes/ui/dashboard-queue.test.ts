/**
 * The dashboard's queue table and count tiles say what the database holds, at once: after a
 * backfill ran to the end, while items wait for a retry time, and after a connection is deleted
 * (issue #21, item 1). pg-boss is driven by hand (fetch/complete, as a worker would) so each
 * state is exact; the counts must be right on the very next page load, not a minute later.
 */
import { and, count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { media } from '../../../src/db/schema/index.ts';
import { enqueueInTransaction } from '../../../src/jobs/enqueue.ts';
import { QUEUES } from '../../../src/jobs/queues.ts';
import { enqueueBackfill } from '../../../src/sync/backfill.ts';
import { testBackend } from '../../support/test-db.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';
import { signedInPages, type PageClient } from '../../ui/page-client.ts';
import { seedConnection, seedMedia } from '../../ui/seed.ts';

type Row = { waiting: number; running: number; later: number; failed: number };

/** The queue table row of one queue and the count tiles, as the page shows them. */
function readDashboard(html: string, queue: string): { row: Row; tiles: Record<string, number> } {
  const rowHtml = new RegExp(`<tr data-queue="${queue}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';
  const cell = (name: string) => Number(new RegExp(`data-count="${name}">(\\d+)<`).exec(rowHtml)?.[1] ?? NaN);
  const tiles: Record<string, number> = {};
  for (const [, status, value] of html.matchAll(/data-status="([\w-]+)"><span class="count-value">(\d+)</g)) tiles[status!] = Number(value);
  return { row: { waiting: cell('waiting'), running: cell('running'), later: cell('later'), failed: cell('failed') }, tiles };
}

describe(`dashboard queue table against the database (${testBackend})`, () => {
  let svc: TestService;
  let pages: PageClient;

  beforeAll(async () => {
    svc = await startTestService({ workers: () => [] });
    pages = await signedInPages(svc);
  });
  afterAll(async () => {
    await svc?.stop();
  });

  const db = () => svc.deps.database.db;
  const boss = () => svc.deps.boss!;
  const dashboard = async () => readDashboard(await (await pages.get('/')).text(), QUEUES.trailerFetch);
  const statusCount = async (status: 'queued' | 'have') =>
    Number((await db().select({ n: count() }).from(media).where(and(eq(media.trailerStatus, status), isNull(media.removedAt))))[0]?.n ?? 0);

  it('shows a backfill while it runs and nothing left once it has finished', async () => {
    const radarr = await seedConnection(db());
    for (let i = 0; i < 20; i += 1) await seedMedia(db(), radarr.id, { title: `Film ${i}` });
    expect(await enqueueBackfill({ db: db(), boss: boss() }, radarr.id, 'all')).toBe(20);

    let seen = await dashboard();
    expect(seen.row).toEqual({ waiting: 20, running: 0, later: 0, failed: 0 });
    expect(seen.tiles['queued']).toBe(await statusCount('queued'));

    const running = await boss().fetch(QUEUES.trailerFetch, { batchSize: 2 });
    expect(running).toHaveLength(2);
    seen = await dashboard();
    expect(seen.row).toEqual({ waiting: 18, running: 2, later: 0, failed: 0 });

    // The rest is picked up and every job completes with its trailer in place.
    const rest = await boss().fetch(QUEUES.trailerFetch, { batchSize: 50 });
    await db().update(media).set({ trailerStatus: 'have' }).where(eq(media.connectionId, radarr.id));
    await boss().complete(QUEUES.trailerFetch, [...running, ...rest].map((job) => job.id));
    seen = await dashboard();
    expect(seen.row).toEqual({ waiting: 0, running: 0, later: 0, failed: 0 });
    expect(seen.tiles).toMatchObject({ have: 20, queued: 0 });
  });

  it('counts items waiting for a retry time once, under Later', async () => {
    const sonarr = await seedConnection(db(), { kind: 'sonarr', name: 'Sonarr retrying' });
    const inAnHour = new Date(Date.now() + 3600_000);
    for (let i = 0; i < 6; i += 1) {
      const item = await seedMedia(db(), sonarr.id, { kind: 'series', title: `Show ${i}`, trailerStatus: 'queued', statusReason: 'download failed; retrying' });
      // What the pipeline does after a transient failure (fetch-outcome.ts rescheduleFetch).
      await db().transaction((tx) => enqueueInTransaction(boss(), tx, QUEUES.trailerFetch, { mediaId: item.id, reason: 'backfill', retry: 1 }, { startAfter: inAnHour }));
    }
    const seen = await dashboard();
    expect(seen.row).toEqual({ waiting: 0, running: 0, later: 6, failed: 0 });
    expect(seen.tiles['queued']).toBe(6);
    expect(await statusCount('queued')).toBe(6);
  });

  it('drops the queued work of a deleted connection from the table and the tiles', async () => {
    const doomed = await seedConnection(db(), { name: 'Radarr to delete' });
    const items: Array<{ id: number }> = [];
    for (let i = 0; i < 4; i += 1) items.push(await seedMedia(db(), doomed.id, { title: `Doomed ${i}` }));
    await enqueueBackfill({ db: db(), boss: boss() }, doomed.id, 'all');
    await db().transaction((tx) => enqueueInTransaction(boss(), tx, QUEUES.trailerFetch, { mediaId: items[0]!.id, reason: 'backfill', retry: 2 }, { startAfter: new Date(Date.now() + 3600_000) }));
    expect((await dashboard()).row).toEqual({ waiting: 4, running: 0, later: 7, failed: 0 });

    const res = await pages.post(`/settings/connections/${doomed.id}/delete`, {});
    expect(res.status).toBeLessThan(400);

    const seen = await dashboard();
    // Only the six retrying series of the other connection are left.
    expect(seen.row).toEqual({ waiting: 0, running: 0, later: 6, failed: 0 });
    expect(seen.tiles['queued']).toBe(6);
    expect(await statusCount('queued')).toBe(6);
    const leftover = await boss().findJobs(QUEUES.trailerFetch, { queued: true, limit: 100 });
    expect(leftover.map((job) => (job.data as { mediaId: number }).mediaId).filter((id) => items.some((item) => item.id === id))).toEqual([]);
  });
});
