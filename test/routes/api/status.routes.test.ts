import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookEvents } from '../../../src/db/schema/index.ts';
import { writeInternal } from '../../../src/db/settings-store.ts';
import { seedConnection, seedMedia } from '../../ui/seed.ts';
import { apiClient, type ApiInit } from '../../ui/api-client.ts';
import { testBackend } from '../../support/test-db.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';

describe(`/api/v1 status, events and API key (${testBackend})`, () => {
  let svc: TestService;
  const api = (path: string, init?: ApiInit) => apiClient(svc)(path, init);

  beforeAll(async () => {
    svc = await startTestService({ workers: () => [] });
  });
  afterAll(async () => {
    await svc?.stop();
  });

  it('counts items per trailer status (items gone from the Arr not counted) and reports a cool-off', async () => {
    const db = svc.deps.database.db;
    const conn = await seedConnection(db);
    for (const trailerStatus of ['have', 'have', 'missing', 'needs-attention', 'external', 'no-trailer-yet', 'preview'] as const) await seedMedia(db, conn.id, { trailerStatus });
    await seedMedia(db, conn.id, { trailerStatus: 'have', removedAt: new Date() });
    await writeInternal(db, 'rateLimit', { until: Date.now() + 120_000, level: 2, reason: 'HTTP 429', updatedAt: Date.now() });

    const res = await api('/api/v1/status');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, any>;
    // "No trailer yet" (an unreleased film) is counted apart, never as needing attention; a
    // previewed item (its connection only previews) apart too, never as having a trailer.
    expect(body['counts']).toEqual({ have: 2, missing: 1, queued: 0, downloading: 0, 'needs-attention': 1, external: 1, skipped: 0, 'no-trailer-yet': 1, preview: 1, total: 7 });
    expect(body['rateLimit']).toMatchObject({ coolingOff: true, level: 2, reason: 'HTTP 429' });
    expect(body['queue'].queues.map((q: { name: string }) => q.name)).toContain('trailer-fetch');
    expect(body['connections']).toMatchObject([{ name: conn.name, kind: 'radarr' }]);
    expect(JSON.stringify(body)).not.toContain(conn.apiKey);
  });

  it('lists webhook events newest first, filtered by state and source', async () => {
    const db = svc.deps.database.db;
    await db.insert(webhookEvents).values([
      { source: 'radarr', eventType: 'Download', dedupeKey: 'e1', rawBody: '{}', state: 'processed', summary: 'queued trailer' },
      { source: 'sonarr', eventType: 'Download', dedupeKey: 'e2', rawBody: '{}', state: 'needs-setup', instanceName: 'Sonarr 4K', summary: 'no connection matches' },
      { source: 'radarr', eventType: 'Grab', dedupeKey: 'e3', rawBody: '{}', state: 'ignored' },
    ]);
    const all = (await (await api('/api/v1/events')).json()) as { total: number; items: Array<{ eventType: string }> };
    expect(all.total).toBe(3);
    const setup = (await (await api('/api/v1/events?state=needs-setup')).json()) as { items: Array<{ instanceName: string; connectionName: string | null }> };
    expect(setup.items).toEqual([expect.objectContaining({ instanceName: 'Sonarr 4K', connectionName: null })]);
    const radarr = (await (await api('/api/v1/events?source=radarr&q=grab')).json()) as { items: Array<{ eventType: string }> };
    expect(radarr.items.map((e) => e.eventType)).toEqual(['Grab']);
    const bad = await api('/api/v1/events?state=weird');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_request', issues: [{ path: 'state' }] });
  });

  it('the API key pinned by API_KEY cannot be regenerated (409)', async () => {
    const res = await api('/api/v1/apikey/regenerate', { method: 'POST' });
    expect(res.status).toBe(409);
    expect((await api('/api/v1/status')).status).toBe(200);
  });

  it('a stored API key is regenerated: the new one works at once, the old one no longer', async () => {
    const own = await startTestService({ workers: () => [], env: { API_KEY: '' } });
    try {
      const old = own.deps.apiKey.current();
      const res = await fetch(`${own.url}/api/v1/apikey/regenerate`, { method: 'POST', headers: { 'x-api-key': old } });
      expect(res.status).toBe(200);
      const { apiKey } = (await res.json()) as { apiKey: string };
      expect(apiKey).toMatch(/^[0-9a-f]{32}$/);
      expect(apiKey).not.toBe(old);
      expect((await fetch(`${own.url}/api/v1/status`, { headers: { 'x-api-key': old } })).status).toBe(401);
      expect((await fetch(`${own.url}/api/v1/status`, { headers: { 'x-api-key': apiKey } })).status).toBe(200);
    } finally {
      await own.stop();
    }
  });
});
