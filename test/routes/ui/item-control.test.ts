/**
 * Per-item control (issue #21, "Add"): an item switched off for trailers or excluded with a reason
 * is never fetched by backfill or by a webhook until it is switched back; the item page's card
 * does it, refusing an empty or control-character reason beside the field.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { media } from '../../../src/db/schema/index.ts';
import { QUEUES } from '../../../src/jobs/queues.ts';
import { enqueueBackfill } from '../../../src/sync/backfill.ts';
import { testBackend } from '../../support/test-db.ts';
import type { TestService } from '../../support/test-service.ts';
import { addConnection, eventRow, fixture, fixtureMappings, jobsWith, makeLibrary, processEvent, send, startWebhookService, type Library } from '../../inbox/webhook-test-kit.ts';
import { signedInPages, type PageClient } from '../../ui/page-client.ts';
import { seedConnection, seedMedia } from '../../ui/seed.ts';

describe(`monitor, unmonitor, exclude per item (${testBackend})`, () => {
  let svc: TestService;
  let library: Library;
  let pages: PageClient;
  let radarrId: number;

  beforeAll(async () => {
    library = makeLibrary();
    svc = await startWebhookService('none');
    pages = await signedInPages(svc);
    radarrId = await addConnection(svc, { name: 'Radarr', kind: 'radarr', pathMappings: fixtureMappings('radarr', library) });
  });
  afterAll(async () => {
    await svc?.stop();
    library?.remove();
  });

  const db = () => svc.deps.database.db;
  const row = async (id: number) => (await db().select().from(media).where(eq(media.id, id)))[0]!;
  /** Delivers a webhook body and runs its job once; returns the settled event. */
  const deliver = async (body: Record<string, unknown>) => {
    const reply = await send(svc, 'radarr', body);
    expect(reply.status).toBe(202);
    const { eventId } = JSON.parse(reply.text) as { eventId: number };
    await processEvent(svc, eventId);
    return eventRow(svc, eventId);
  };

  it('switches monitoring and exclusion from the item page, refusing a bad reason beside its field', async () => {
    const item = await seedMedia(db(), radarrId, { title: 'Switch me', arrId: 9001 });
    const off = await pages.post(`/library/${item.id}/monitor`, { monitored: 'false' });
    expect(off.status).toBe(200);
    expect(await off.text()).toMatch(/data-monitored="false"[\s\S]*Not monitored/);
    expect((await row(item.id)).trailerMonitored).toBe(false);

    for (const reason of ['', '   ', 'x'.repeat(201)]) {
      const refused = await pages.post(`/library/${item.id}/exclude`, { reason });
      expect(refused.status, JSON.stringify(reason)).toBe(422);
      expect(await refused.text()).toContain('id="exclude-reason-error"');
    }
    // A control character is refused before any form is read, as in every form (issue #15).
    expect((await pages.post(`/library/${item.id}/exclude`, { reason: 'bad\u0007reason' })).status).toBe(400);
    expect((await row(item.id)).excludedReason).toBeNull();
    const excluded = await pages.post(`/library/${item.id}/exclude`, { reason: 'no trailer wanted' });
    expect(await excluded.text()).toMatch(/data-excluded="true"[\s\S]*no trailer wanted/);
    expect((await row(item.id)).excludedReason).toBe('no trailer wanted');

    await pages.post(`/library/${item.id}/include`, {});
    await pages.post(`/library/${item.id}/monitor`, { monitored: 'true' });
    expect(await row(item.id)).toMatchObject({ excludedReason: null, trailerMonitored: true });
    expect((await pages.post(`/library/${item.id}/monitor`, { monitored: 'maybe' })).status).toBe(400);
    expect((await pages.post('/library/999999/exclude', { reason: 'gone' })).status).toBe(404);
  });

  it('backfill leaves unmonitored and excluded items alone', async () => {
    const conn = await seedConnection(db(), { name: 'Backfill Radarr' });
    const normal = await seedMedia(db(), conn.id, { title: 'Normal' });
    const off = await seedMedia(db(), conn.id, { title: 'Off', trailerMonitored: false });
    const out = await seedMedia(db(), conn.id, { title: 'Out', excludedReason: 'no trailer wanted' });
    expect(await enqueueBackfill({ db: db(), boss: svc.boss! }, conn.id, 'all')).toBe(1);
    expect((await row(normal.id)).trailerStatus).toBe('queued');
    expect((await row(off.id)).trailerStatus).toBe('missing');
    expect((await row(out.id)).trailerStatus).toBe('missing');
    expect(await jobsWith(svc, QUEUES.trailerFetch, { mediaId: off.id })).toEqual([]);
    expect(await jobsWith(svc, QUEUES.trailerFetch, { mediaId: out.id })).toEqual([]);
  });

  it('a webhook import fetches nothing for them, and does once switched back', async () => {
    // The rows as a sync would have left them, before the import webhooks arrive.
    const arrival = await seedMedia(db(), radarrId, { kind: 'movie', arrId: 57, title: 'Arrival', folderPath: '/movies/Arrival (2016)', trailerMonitored: false });
    const blade = await seedMedia(db(), radarrId, { kind: 'movie', arrId: 42, title: 'Blade Runner 2049', folderPath: '/movies/Blade Runner 2049 (2017)', excludedReason: 'seen it' });

    const first = await deliver(fixture('radarr', 'webhook-download'));
    expect(first.summary).toContain('not monitored for trailers');
    const second = await deliver(fixture('radarr', 'webhook-download-upgrade'));
    expect(second.summary).toContain('excluded from trailers (seen it)');
    expect(await jobsWith(svc, QUEUES.trailerFetch, { mediaId: arrival.id })).toEqual([]);
    expect(await jobsWith(svc, QUEUES.trailerFetch, { mediaId: blade.id })).toEqual([]);

    await pages.post(`/library/${arrival.id}/monitor`, { monitored: 'true' });
    const again = await deliver({ ...fixture('radarr', 'webhook-download'), downloadId: 'ANOTHER-IMPORT' });
    expect(again.summary).toContain('trailer fetch queued');
    expect(await jobsWith(svc, QUEUES.trailerFetch, { mediaId: arrival.id })).toHaveLength(1);
  });
});
