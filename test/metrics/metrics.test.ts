/**
 * GET /metrics scraped after a webhook-driven download: a Radarr import webhook → inbox job →
 * trailer pipeline (real yt-dlp and ffmpeg against the local clip server) → trailer on disk; then
 * the scrape shows the webhook, the download and the conversion with their durations, the job
 * queues, the cool-off and the connection's health. Needs the API key unless opened in settings.
 */
import { eq } from 'drizzle-orm';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerApp } from '../../src/app/worker-app.ts';
import { openDatabase } from '../../src/db/client.ts';
import { runMigrations } from '../../src/db/migrate.ts';
import { metricsRoutes } from '../../src/routes/metrics/metrics.routes.ts';
import { connections, media } from '../../src/db/schema/index.ts';
import { createAdmin } from '../guarantees/admin-session.ts';
import { startClipServer, type ClipServer } from '../support/clip-server.ts';
import { arrFixture } from '../support/fake-arr-data.ts';
import { postWebhook } from '../support/arr-webhook-client.ts';
import { createTestDatabase, testBackend } from '../support/test-db.ts';
import { startTestService, type TestService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';

/** The value of one sample (`name{labels} value`), or undefined when the scrape lacks it. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) return Number(match[3]);
  }
  return undefined;
}

describe(`/metrics after a webhook-driven download (${testBackend})`, () => {
  let svc: TestService;
  let clips: ClipServer;
  let dir: string;
  const trailerFile = () => join(dir, 'Arrival (2016)', 'Arrival (2016) Bluray-1080p-trailer.mkv');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'previewarr-metrics-'));
    mkdirSync(join(dir, 'Arrival (2016)'));
    clips = await startClipServer();
    svc = await startTestService({ env: { TRAILER_URL_TEMPLATE: clips.urlTemplate, WORKER_CONCURRENCY: '1', LOG_LEVEL: 'warn' } });
    const db = svc.deps.database.db;
    const [row] = await db
      .insert(connections)
      .values({
        name: 'Radarr',
        kind: 'radarr',
        baseUrl: 'http://127.0.0.1:9',
        apiKey: 'radarr-key-metrics',
        pathMappings: [{ remotePrefix: '/movies', localPrefix: dir }],
        health: { ok: true, checkedAt: new Date().toISOString(), message: 'Connected' },
      })
      .returning({ id: connections.id });
    // As the library sync leaves it: known with Radarr's trailer id (served by the clip server).
    await db.insert(media).values({ connectionId: row!.id, arrId: 57, kind: 'movie', title: 'Arrival', year: 2016, folderPath: '/movies/Arrival (2016)', youTubeTrailerId: 'metricsclip01' });
  }, 120_000);

  afterAll(async () => {
    await svc?.stop();
    await clips?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const scrape = (headers: Record<string, string> = { 'X-Api-Key': svc.apiKey }) => fetch(`${svc.url}/metrics`, { headers });

  it('counts the webhook, the download and the conversion with their durations', async () => {
    const refused = await postWebhook(`${svc.url}/webhooks/radarr`, arrFixture('radarr', 'webhook-download'), { headers: { 'X-Api-Key': 'wrong-key-0123456789' } });
    expect(refused.status).toBe(401);
    const reply = await postWebhook(`${svc.url}/webhooks/radarr`, arrFixture('radarr', 'webhook-download'), { headers: { 'X-Api-Key': svc.apiKey } });
    expect(reply.status).toBe(202);
    const db = svc.deps.database.db;
    await waitFor(async () => (await db.select().from(media).where(eq(media.arrId, 57)))[0]?.trailerStatus === 'have', { timeoutMs: 120_000, intervalMs: 200, what: 'the trailer of Arrival' });
    expect(existsSync(trailerFile())).toBe(true);

    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    // The stored event reaches "processed" just after its job finishes: wait for it in the scrape.
    await waitFor(async () => sample(await (await scrape()).text(), 'previewarr_webhooks_total', { source: 'radarr', event: 'Download', outcome: 'processed' }) === 1, { what: 'the processed webhook in /metrics' });
    expect(sample(text, 'previewarr_webhook_requests_total', { source: 'radarr', status: '202' })).toBe(1);
    expect(sample(text, 'previewarr_webhook_requests_total', { source: 'radarr', status: '401' })).toBe(1);
    expect(sample(text, 'previewarr_download_duration_seconds_count', { outcome: 'succeeded' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'previewarr_download_duration_seconds_sum', { outcome: 'succeeded' })).toBeGreaterThan(0);
    expect(sample(text, 'previewarr_conversion_duration_seconds_count', { outcome: 'succeeded' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'previewarr_download_attempts', { outcome: 'succeeded' })).toBe(1);
    expect(sample(text, 'previewarr_media', { status: 'have' })).toBe(1);
    expect(sample(text, 'previewarr_jobs', { queue: 'trailer-fetch', state: 'active' })).toBe(0);
    expect(sample(text, 'previewarr_jobs', { queue: 'webhook-event', state: 'failed' })).toBe(0);
    expect(sample(text, 'previewarr_youtube_cooloff_seconds')).toBe(0);
    expect(sample(text, 'previewarr_youtube_cooloff_level')).toBe(0);
    expect(sample(text, 'previewarr_connection_up', { connection: 'Radarr', kind: 'radarr' })).toBe(1);
    expect(sample(text, 'previewarr_process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).not.toContain(svc.apiKey);
    expect(text).not.toContain('radarr-key-metrics');
  });

  it('is served by a ROLE=worker process beside its probes, with the same key rule', async () => {
    const worker = createWorkerApp(svc.deps);
    expect((await worker.request('/metrics')).status).toBe(401);
    const res = await worker.request('/metrics', { headers: { 'X-Api-Key': svc.apiKey } });
    expect(res.status).toBe(200);
    expect(sample(await res.text(), 'previewarr_media', { status: 'have' })).toBe(1);
    expect((await worker.request('/healthz')).status).toBe(200);
  });

  it('needs the API key (header, Bearer or Basic password) unless opened in settings', async () => {
    const refused = await scrape({});
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: 'unauthorized' });
    expect((await scrape({ 'X-Api-Key': 'wrong-key-0123456789' })).status).toBe(401);
    expect((await scrape({ Authorization: `Bearer ${svc.apiKey}` })).status).toBe(200);
    expect((await scrape({ Authorization: `Basic ${Buffer.from(`prometheus:${svc.apiKey}`).toString('base64')}` })).status).toBe(200);

    const opened = await fetch(`${svc.url}/api/v1/settings`, {
      method: 'PUT',
      headers: { 'X-Api-Key': svc.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ metricsWithoutApiKey: true }),
    });
    expect(opened.status).toBe(200);
    expect((await scrape({})).status).toBe(200);

    // Settings → General: the form's unticked box (its hidden field sends "false") closes it again.
    const admin = await createAdmin(svc);
    const general = await (await fetch(`${svc.url}/settings/general`, { headers: { Cookie: admin.cookie } })).text();
    expect(general).toMatch(/type="checkbox" name="metricsWithoutApiKey" value="true" checked/);
    const form = await fetch(`${svc.url}/settings/security`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: admin.cookie },
      body: new URLSearchParams({ _csrf: admin.csrfToken, authDisabledForLocalAddresses: 'false', metricsWithoutApiKey: 'false' }),
    });
    expect(form.status).toBe(200);
    expect((await scrape({})).status).toBe(401);
  });

  it('answers 503 (never 500, never open) while the database is unreachable', async () => {
    const database = await createTestDatabase('metrics-down');
    try {
      const handle = await openDatabase({ databaseUrl: database.env['DATABASE_URL'], dataDir: database.env['DATA_DIR'] ?? dir });
      await runMigrations(handle);
      await handle.close();
      const app = metricsRoutes({ database: handle, boss: null, apiKey: svc.deps.apiKey });
      expect((await app.request('/metrics')).status).toBe(401);
      const res = await app.request('/metrics', { headers: { 'X-Api-Key': svc.apiKey } });
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ error: 'unavailable' });
    } finally {
      await database.drop();
    }
  });
});
