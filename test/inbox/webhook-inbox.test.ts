// Group commit: webhooks that arrive while a transaction is being written share the next one.
// Spies count transactions (no timing); rows and jobs are read back from the database.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebhookAction } from '../../src/domain/event-action.ts';
import { createWebhookInbox, WRITERS, type IncomingWebhook } from '../../src/inbox/webhook-inbox.ts';
import { testBackend } from '../support/test-db.ts';
import type { TestService } from '../support/test-service.ts';
import { addConnection, clearLibraryRows, eventRows, fixture, jobsWith, send, startWebhookService } from './webhook-test-kit.ts';

// An import: a job once its connection is known, else kept until it is.
const download: WebhookAction = { type: 'ensure', priority: 'import', item: { kind: 'movie', arrId: 1, title: 'Group', folderPath: '/movies/Group' } };

function incoming(key: string, overrides: Partial<IncomingWebhook> = {}): IncomingWebhook {
  return {
    source: 'radarr',
    hint: null,
    instanceName: null,
    eventType: 'Download',
    dedupeKey: key,
    rawBody: JSON.stringify({ eventType: 'Download', key }),
    action: download,
    ...overrides,
  };
}

describe(`webhook group commit (${testBackend})`, () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startWebhookService('none');
    await addConnection(svc, { name: 'Radarr', kind: 'radarr' });
  });
  afterAll(async () => {
    await svc?.stop();
  });
  beforeEach(async () => {
    await clearLibraryRows(svc);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([
    { writers: 1, transactions: 2 },
    { writers: WRITERS, transactions: WRITERS + 1 },
  ])('with $writers writer(s), 30 webhooks at once: the first alone each, the rest together — 30 events, 30 jobs, $transactions transactions', async ({ writers, transactions }) => {
    const db = svc.deps.database.db;
    const inbox = createWebhookInbox(db, svc.boss, writers);
    const spy = vi.spyOn(db, 'transaction');
    const keys = Array.from({ length: 30 }, (_, i) => `radarr:batch-${i}`);
    const received = await Promise.all(keys.map((key) => inbox.receive(incoming(key))));

    expect(spy).toHaveBeenCalledTimes(transactions);
    expect(received.every((r) => !r.stored.duplicate && r.stored.state === 'received')).toBe(true);
    expect(received.every((r) => r.choice.connection?.name === 'Radarr')).toBe(true);
    const rows = await eventRows(svc);
    expect(rows.map((row) => row.dedupeKey).sort()).toEqual([...keys].sort());
    const idOf = new Map(rows.map((row) => [row.dedupeKey, row.id]));
    expect(received.map((r) => r.stored.eventId)).toEqual(keys.map((key) => idOf.get(key)));
    for (const row of rows) {
      expect((await jobsWith(svc, 'webhook-event', { eventId: row.id })).map((job) => job.data)).toEqual([{ eventId: row.id }]);
    }
  });

  it('equal keys in one batch are one event; a key stored before stays a duplicate of its event', async () => {
    const inbox = createWebhookInbox(svc.deps.database.db, svc.boss, 1);
    const earlier = await inbox.receive(incoming('radarr:earlier'));
    const [lead, ...batch] = await Promise.all(
      ['radarr:lead', 'radarr:same', 'radarr:same', 'radarr:earlier', 'radarr:same'].map((key) => inbox.receive(incoming(key))),
    );
    expect(lead!.stored.duplicate).toBe(false);
    const [first, second, old, third] = batch.map((r) => r.stored);
    expect(first).toMatchObject({ duplicate: false, state: 'received' });
    expect(second).toEqual({ ...first, duplicate: true });
    expect(third).toEqual({ ...first, duplicate: true });
    expect(old).toEqual({ eventId: earlier.stored.eventId, duplicate: true, state: 'received' });
    expect((await eventRows(svc)).map((row) => row.dedupeKey)).toEqual(['radarr:earlier', 'radarr:lead', 'radarr:same']);
    expect(await jobsWith(svc, 'webhook-event', { eventId: first!.eventId })).toHaveLength(1);
    expect(await jobsWith(svc, 'webhook-event', { eventId: earlier.stored.eventId })).toHaveLength(1);
  });

  it('one event the database refuses fails alone; the rest of its batch is stored', async () => {
    const inbox = createWebhookInbox(svc.deps.database.db, svc.boss, 1);
    const lead = inbox.receive(incoming('radarr:lead'));
    const settled = await Promise.allSettled([
      inbox.receive(incoming('radarr:good-1')),
      // Postgres text cannot hold a NUL character, so this row is refused by the database itself.
      inbox.receive(incoming('radarr:bad', { rawBody: 'nul \u0000 here' })),
      inbox.receive(incoming('radarr:good-2')),
    ]);
    await lead;
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await eventRows(svc)).map((row) => row.dedupeKey).sort()).toEqual(['radarr:good-1', 'radarr:good-2', 'radarr:lead']);
  });

  it('each webhook in a batch gets its own connection choice and reply', async () => {
    const sonarr = fixture('sonarr', 'webhook-download');
    const radarr = fixture('radarr', 'webhook-download');
    const replies = await Promise.all([send(svc, 'radarr', radarr), send(svc, 'sonarr', sonarr), send(svc, 'radarr', { ...radarr, instanceName: 'Another box' }, { query: '?connection=Elsewhere' })]);
    expect(replies.map((r) => r.status)).toEqual([202, 202, 202]);
    const bodies = replies.map((r) => JSON.parse(r.text) as { state: string; duplicate: boolean; message?: string });
    expect(bodies[0]).toMatchObject({ state: 'received', duplicate: false });
    expect(bodies[1]).toMatchObject({ state: 'needs-setup' });
    expect(bodies[1]!.message).toContain('no Sonarr connection is set up yet');
    expect(bodies[2]).toMatchObject({ state: 'needs-setup' });
    expect(bodies[2]!.message).toContain('no Radarr connection is named "Elsewhere"');
    const rows = await eventRows(svc);
    expect(rows.map((row) => row.state).sort()).toEqual(['needs-setup', 'needs-setup', 'received']);
  });
});
