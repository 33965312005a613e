/**
 * Bulk actions in the library (issue #21, "Add"): one action on 50 selected items at once, with
 * the same rules as each item's own button; refusals are counted and explained, not fatal.
 */
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { media, trailers } from '../../../src/db/schema/index.ts';
import { QUEUES } from '../../../src/jobs/queues.ts';
import { testBackend } from '../../support/test-db.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';
import { signedInPages, type PageClient } from '../../ui/page-client.ts';
import { seedConnection, seedMedia } from '../../ui/seed.ts';

describe(`library bulk actions on 50 items (${testBackend})`, () => {
  let svc: TestService;
  let pages: PageClient;
  const ids: number[] = [];

  beforeAll(async () => {
    svc = await startTestService({ workers: () => [] });
    pages = await signedInPages(svc);
    const db = svc.deps.database.db;
    const conn = await seedConnection(db);
    for (let i = 0; i < 50; i += 1) ids.push((await seedMedia(db, conn.id, { title: `Bulk ${String(i).padStart(2, '0')}` })).id);
  });
  afterAll(async () => {
    await svc?.stop();
  });

  const db = () => svc.deps.database.db;
  const bulk = async (action: string, selected: number[]) => {
    const res = await pages.post('/library/bulk', { action, ids: selected.map(String) });
    return { status: res.status, html: await res.text() };
  };
  const pendingJobs = async (queue: string, selected: number[]) =>
    (await svc.boss!.findJobs(queue, { queued: true, limit: 500 })).filter((job) => selected.includes((job.data as { mediaId: number }).mediaId));

  it('every row has a labelled checkbox that belongs to the bulk form', async () => {
    const html = await (await pages.get('/library?pageSize=50')).text();
    expect(html).toContain('id="bulk-form"');
    expect(html.match(/<input type="checkbox" name="ids" value="\d+" form="bulk-form" aria-label="Select Bulk \d\d"/g)).toHaveLength(50);
  });

  it('unmonitors and monitors 50 items at once', async () => {
    const off = await bulk('unmonitor', ids);
    expect(off.status).toBe(200);
    expect(off.html).toContain('data-done="50" data-refused="0"');
    expect(off.html).toContain('50 items: unmonitored');
    expect((await db().select().from(media).where(inArray(media.id, ids))).every((m) => !m.trailerMonitored)).toBe(true);
    await bulk('monitor', ids);
    expect((await db().select().from(media).where(inArray(media.id, ids))).every((m) => m.trailerMonitored)).toBe(true);
  });

  it('queues a fetch for each of 50 items, and refuses twice nothing', async () => {
    const fetched = await bulk('fetch', ids);
    expect(fetched.html).toContain('50 items: fetch queued');
    expect(await pendingJobs(QUEUES.trailerFetch, ids)).toHaveLength(50);
    expect((await db().select().from(media).where(inArray(media.id, ids))).every((m) => m.trailerStatus === 'queued')).toBe(true);
    // Asked again: already queued, no second job per item.
    await bulk('fetch', ids);
    expect(await pendingJobs(QUEUES.trailerFetch, ids)).toHaveLength(50);
  });

  it('deletes the trailers of the items that have one and says why not for the rest', async () => {
    const withTrailer = ids.slice(0, 10);
    for (const id of withTrailer) {
      await db().insert(trailers).values({ mediaId: id, path: `/movies/bulk-${id}-trailer.mkv`, sizeBytes: 10, mtimeMs: 1, sourceUrl: 'https://example.invalid/v' });
      await db().update(media).set({ trailerStatus: 'have' }).where(eq(media.id, id));
    }
    const deleted = await bulk('delete-trailer', ids);
    expect(deleted.html).toContain('data-done="10" data-refused="40"');
    expect(deleted.html).toContain('40 items not: Nothing to delete for');
    expect(await pendingJobs(QUEUES.trailerDelete, ids)).toHaveLength(10);
    const replaced = await bulk('replace', withTrailer);
    expect(replaced.html).toContain('10 items: replacement queued');
  });

  it('refuses an unknown action, no selection, or too many items with a clear 400', async () => {
    expect((await bulk('explode', ids)).status).toBe(400);
    expect((await bulk('fetch', [])).status).toBe(400);
    const many = await bulk('monitor', Array.from({ length: 201 }, (_, i) => i + 1));
    expect(many.status).toBe(400);
    expect(many.html).toContain('At most 200 items at a time');
    expect((await pages.post('/library/bulk', { action: 'monitor', ids: ['abc'] })).status).toBe(400);
  });
});
