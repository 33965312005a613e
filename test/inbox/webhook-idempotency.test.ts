// The same webhook delivered twice, at once, re-serialised, or processed twice yields one event,
// one job, one media row and one trailer fetch — with the real webhook worker running.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { media, webhookEvents } from '../../src/db/schema/index.ts';
import { DUPLICATE_WINDOW_SECONDS } from '../../src/inbox/store-event.ts';
import { testBackend } from '../support/test-db.ts';
import type { TestService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';
import {
  closeWebhookWorld,
  openWebhookWorld,
  clearLibraryRows,
  eventRow,
  eventRows,
  fixture,
  jobsWith,
  mediaRows,
  processEvent,
  recordTrailer,
  send,
  type Library,
} from './webhook-test-kit.ts';

describe(`duplicate deliveries and repeated processing (${testBackend})`, () => {
  let svc: TestService;
  let library: Library;
  const download = fixture('radarr', 'webhook-download');

  beforeAll(async () => {
    ({ svc, library } = await openWebhookWorld('webhook', ['radarr']));
  });
  afterAll(async () => {
    await closeWebhookWorld({ svc, library });
  });
  beforeEach(async () => {
    await clearLibraryRows(svc);
  });

  const settled = (eventId: number) =>
    waitFor(async () => {
      const row = await eventRow(svc, eventId);
      return row.state !== 'received' ? row : undefined;
    }, { what: `event ${eventId} to be processed by the worker` });

  it('the worker processes an accepted Download: one media row, one trailer fetch at import priority', async () => {
    const reply = await send(svc, 'radarr', download);
    expect(reply.status).toBe(202);
    const { eventId } = JSON.parse(reply.text) as { eventId: number };
    const event = await settled(eventId);
    expect(event).toMatchObject({ state: 'processed', summary: 'added "Arrival" (2016); trailer fetch queued' });
    const [row] = await mediaRows(svc);
    expect(row).toMatchObject({ title: 'Arrival', trailerStatus: 'queued' });
    const jobs = await jobsWith(svc, 'trailer-fetch', { mediaId: row!.id });
    expect(jobs.map((job) => job.data)).toEqual([{ mediaId: row!.id, reason: 'import' }]);
    expect((await jobsWith(svc, 'webhook-event', { eventId }))[0]?.state).toBe('completed');
  });

  it('a second delivery of the same body is answered 200 with the same event id and queues nothing', async () => {
    const first = await send(svc, 'radarr', download);
    const second = await send(svc, 'radarr', download);
    expect(first.status).toBe(202);
    expect(second.status).toBe(200);
    const a = JSON.parse(first.text) as { eventId: number; duplicate: boolean };
    const b = JSON.parse(second.text) as { eventId: number; duplicate: boolean; action: string };
    expect(a.duplicate).toBe(false);
    expect(b).toMatchObject({ eventId: a.eventId, duplicate: true, action: 'ensure' });
    await settled(a.eventId);
    expect(await eventRows(svc)).toHaveLength(1);
    expect(await jobsWith(svc, 'webhook-event', { eventId: a.eventId })).toHaveLength(1);
    const rows = await mediaRows(svc);
    expect(rows).toHaveLength(1);
    expect(await jobsWith(svc, 'trailer-fetch', { mediaId: rows[0]!.id })).toHaveLength(1);
  });

  it('a relay that re-serialises the JSON (compact, keys reordered, explicit nulls) is still the same delivery', async () => {
    const first = await send(svc, 'radarr', download);
    const reordered = Object.fromEntries(Object.entries(download).reverse());
    const second = await send(svc, 'radarr', JSON.stringify({ ...reordered, movieFolderSize: null }));
    expect(second.status).toBe(200);
    expect(JSON.parse(second.text)).toMatchObject({ eventId: JSON.parse(first.text).eventId, duplicate: true });
    expect(await eventRows(svc)).toHaveLength(1);
  });

  it('five simultaneous deliveries of one body store one event and one job', async () => {
    const replies = await Promise.all(Array.from({ length: 5 }, () => send(svc, 'radarr', download)));
    const bodies = replies.map((reply) => JSON.parse(reply.text) as { eventId: number; duplicate: boolean });
    expect(replies.every((reply) => reply.status === 200 || reply.status === 202)).toBe(true);
    expect(new Set(bodies.map((body) => body.eventId)).size).toBe(1);
    expect(bodies.filter((body) => !body.duplicate)).toHaveLength(1);
    const events = await eventRows(svc);
    expect(events).toHaveLength(1);
    expect(await jobsWith(svc, 'webhook-event', { eventId: events[0]!.id })).toHaveLength(1);
  });

  it('processing an event again (a retried job) changes nothing', async () => {
    const { eventId } = JSON.parse((await send(svc, 'radarr', download)).text) as { eventId: number };
    const done = await settled(eventId);
    expect(await processEvent(svc, eventId)).toBeUndefined();
    // Two runs at once, as two worker processes would on Postgres: the event row lock lets one act.
    await Promise.all([processEvent(svc, eventId), processEvent(svc, eventId)]);
    expect(await eventRow(svc, eventId)).toEqual(done);
    const rows = await mediaRows(svc);
    expect(rows).toHaveLength(1);
    expect(await jobsWith(svc, 'trailer-fetch', { mediaId: rows[0]!.id })).toHaveLength(1);
  });

  it('two different imports of one movie race: one media row, one trailer fetch', async () => {
    const other = structuredClone(download);
    other.movieFile.id = 205;
    other.movieFile.dateAdded = '2025-11-10T07:00:00Z';
    const replies = await Promise.all([send(svc, 'radarr', download), send(svc, 'radarr', other)]);
    const ids = replies.map((reply) => (JSON.parse(reply.text) as { eventId: number }).eventId);
    expect(new Set(ids).size).toBe(2);
    await Promise.all(ids.map(settled));
    const rows = await mediaRows(svc);
    expect(rows).toHaveLength(1);
    expect(await jobsWith(svc, 'trailer-fetch', { mediaId: rows[0]!.id })).toHaveLength(1);
    const summaries = (await eventRows(svc)).map((event) => event.summary);
    expect(summaries.filter((summary) => summary?.endsWith('trailer fetch queued'))).toHaveLength(1);
    expect(summaries.filter((summary) => summary?.endsWith('its trailer is already on the way'))).toHaveLength(1);
  });

  it('an item that already has our trailer or its own gets no second download', async () => {
    const first = JSON.parse((await send(svc, 'radarr', download)).text) as { eventId: number };
    await settled(first.eventId);
    const [row] = await mediaRows(svc);
    await recordTrailer(svc, row!.id, `${library.movies}/Arrival (2016)/Arrival (2016) Bluray-1080p-trailer.mkv`);
    const upgrade = structuredClone(download);
    upgrade.isUpgrade = true;
    upgrade.movieFile.id = 999;
    const second = JSON.parse((await send(svc, 'radarr', upgrade)).text) as { eventId: number };
    expect((await settled(second.eventId)).summary).toBe('updated "Arrival" (2016); it already has our trailer');

    // A trailer the user had before (found by the library sync) is never replaced by a webhook.
    const db = svc.deps.database.db;
    await db.update(media).set({ trailerStatus: 'missing', externalTrailerPath: '/movies/Arrival (2016)/Arrival-trailer.mp4' }).where(eq(media.id, row!.id));
    await db.execute(sql`delete from trailers`);
    upgrade.movieFile.id = 1000;
    const third = JSON.parse((await send(svc, 'radarr', upgrade)).text) as { eventId: number };
    expect((await settled(third.eventId)).summary).toMatch(/it already has a trailer of its own/);
    expect(await jobsWith(svc, 'trailer-fetch', { mediaId: row!.id })).toHaveLength(1);
  });

  it(`the same body after ${DUPLICATE_WINDOW_SECONDS / 60} minutes is a new event (a second Test, a rename back)`, async () => {
    const test = fixture('radarr', 'webhook-test');
    const first = JSON.parse((await send(svc, 'radarr', test)).text) as { eventId: number };
    await svc.deps.database.db
      .update(webhookEvents)
      .set({ receivedAt: new Date(Date.now() - (DUPLICATE_WINDOW_SECONDS + 60) * 1000) })
      .where(eq(webhookEvents.id, first.eventId));
    const reply = await send(svc, 'radarr', test);
    expect(reply.status).toBe(200);
    const second = JSON.parse(reply.text) as { eventId: number; ok: boolean };
    expect(second.ok).toBe(true);
    expect(second.eventId).not.toBe(first.eventId);
    const events = await eventRows(svc);
    expect(events.map((event) => event.id)).toEqual([first.eventId, second.eventId]);
    expect(events[0]!.dedupeKey).toBe(`${events[1]!.dedupeKey}#${first.eventId}`);
    // Inside the window again: a duplicate of the new one.
    const third = JSON.parse((await send(svc, 'radarr', test)).text) as { eventId: number };
    expect(third.eventId).toBe(second.eventId);
  });
});
