// Promise: the secrets the service holds — its API key, the Radarr/Sonarr keys, the TMDB key, the
// administrator's password and session cookie — never appear in its logs, in its API replies or
// in its pages, even when a request carries them in the URL or an Arr echoes its key back in an
// error. (The one place the service's own API key is shown, on purpose, is the signed-in
// "General" settings page, as in Radarr.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../../src/jobs/queues.ts';
import { webhookEventWorker } from '../../src/inbox/webhook-event-worker.ts';
import { syncJobWorkers } from '../../src/sync/sync-workers.ts';
import { arrFixture } from '../support/fake-arr-data.ts';
import { startFakeRadarr, type FakeArrServer } from '../support/fake-arr.ts';
import { postWebhook } from '../support/arr-webhook-client.ts';
import { testBackend } from '../support/test-db.ts';
import { startTestService, type TestService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';
import { ADMIN, appRoutes, createAdmin, type AdminSession } from './admin-session.ts';

const ARR_KEY = 'arrsecret0f1e2d3c4b5a69788796a5b4';
const TMDB_KEY = 'tmdbsecret9a8b7c6d5e4f30112233445566';

describe(`secrets stay secret (${testBackend})`, () => {
  let svc: TestService;
  let radarr: FakeArrServer;
  let admin: AdminSession;
  const replies: Array<{ what: string; text: string }> = [];

  beforeAll(async () => {
    radarr = await startFakeRadarr({ apiKey: ARR_KEY });
    svc = await startTestService({ workers: (deps) => [webhookEventWorker(deps), ...syncJobWorkers(deps)] });
    admin = await createAdmin(svc);
  });
  afterAll(async () => {
    await svc?.stop();
    await radarr?.close();
  });

  async function call(what: string, path: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(`${svc.url}${path}`, { redirect: 'manual', ...init });
    replies.push({ what: `${what}: ${init.method ?? 'GET'} ${path} → ${res.status}`, text: `${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${await res.clone().text()}` });
    return res;
  }
  const withKey = (extra: Record<string, string> = {}) => ({ 'X-Api-Key': svc.apiKey, 'Content-Type': 'application/json', ...extra });

  it('exercises every way a secret comes in, then finds none of them in logs, replies or pages', async () => {
    // Secrets arrive: the TMDB key, a connection with its Arr key (and an Arr that echoes it back
    // in its error bodies), webhooks with the API key in the URL and in Basic auth, a login.
    expect((await call('settings', '/api/v1/settings', { method: 'PUT', headers: withKey(), body: JSON.stringify({ tmdbApiKey: TMDB_KEY }) })).status).toBe(200);
    const created = await call('connection', '/api/v1/connections', {
      method: 'POST',
      headers: withKey(),
      body: JSON.stringify({ name: 'Radarr', kind: 'radarr', baseUrl: radarr.url, apiKey: ARR_KEY, pathMappings: [] }),
    });
    expect(created.status).toBeLessThan(300);
    const createdBody = (await created.json()) as { id?: number; connection?: { id: number } };
    const connectionId = createdBody.id ?? createdBody.connection?.id;
    expect(connectionId).toBeTypeOf('number');
    radarr.fail({ mode: 'status', status: 500 });
    await call('failing test', `/api/v1/connections/${connectionId}/test`, { method: 'POST', headers: withKey() });
    await call('failing unsaved test', '/api/v1/connections/test', {
      method: 'POST',
      headers: withKey(),
      body: JSON.stringify({ name: 'Other', kind: 'radarr', baseUrl: radarr.url, apiKey: ARR_KEY }),
    });
    await call('sync', '/api/v1/sync', { method: 'POST', headers: withKey() });
    // The sync meets the failing Arr too (its error lands on the connection and in the log).
    await waitFor(
      async () => (await svc.boss.findJobs(QUEUES.librarySync)).some((job) => job.state === 'retry' || job.state === 'failed' || job.state === 'completed'),
      { timeoutMs: 60_000, what: 'the sync against the failing Arr to finish its try' },
    );
    radarr.clearFailures();
    await call('sync ok', '/api/v1/sync', { method: 'POST', headers: withKey() });
    const body = arrFixture('radarr', 'webhook-test');
    for (const url of [`${svc.url}/webhooks/radarr?apikey=${svc.apiKey}`, `${svc.url}/webhooks/radarr?connection=Radarr&apikey=${svc.apiKey}`]) {
      const reply = await postWebhook(url, body, { app: 'radarr' });
      replies.push({ what: `webhook ${url}`, text: reply.text });
    }
    const basic = `Basic ${Buffer.from(`radarr:${svc.apiKey}`).toString('base64')}`;
    replies.push({ what: 'webhook basic', text: (await postWebhook(`${svc.url}/webhooks/radarr`, body, { app: 'radarr', headers: { Authorization: basic } })).text });
    await call('failed login', '/login', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `username=admin&password=${encodeURIComponent(ADMIN.password)}x` });
    await call('wrong key', `/api/v1/status?apikey=${svc.apiKey}x`);

    // Then everything that can be read: every GET route, as the admin's browser and with the key.
    for (const route of appRoutes(svc).filter((r) => r.method === 'GET' && !r.path.startsWith('/live/'))) {
      await call('browser', route.example, { headers: { Cookie: admin.cookie } });
      if (route.path.startsWith('/api/')) await call('api', route.example, { headers: withKey() });
    }

    const secrets: Record<string, string> = {
      'API key': svc.apiKey,
      'Radarr key': ARR_KEY,
      'TMDB key': TMDB_KEY,
      password: ADMIN.password,
      'session cookie': admin.sessionValue,
    };
    const leaks: string[] = [];
    const logText = svc.rawLogs.join('\n');
    for (const [name, value] of Object.entries(secrets)) {
      if (logText.includes(value)) leaks.push(`${name} in the log: …${logText.slice(Math.max(0, logText.indexOf(value) - 200), logText.indexOf(value) + 40)}…`);
      for (const reply of replies) {
        // The admin's own settings page shows the service's API key; nothing else may.
        if (name === 'API key' && reply.what.startsWith('browser: GET /settings/general ')) continue;
        if (reply.text.includes(value)) leaks.push(`${name} in ${reply.what}`);
      }
    }
    expect(leaks).toEqual([]);
    // The scan looked at real material: the log saw the requests and the pages were served.
    expect(svc.logs.filter((line) => line.msg === 'request').length).toBeGreaterThan(50);
    expect(replies.find((reply) => reply.what.startsWith('browser: GET /settings/general '))?.text).toContain(svc.apiKey);
    expect(replies.some((reply) => reply.what.startsWith('browser: GET /settings/connections ') && reply.text.includes('Radarr'))).toBe(true);
    expect(radarr.requests.some((request) => request.status === 500)).toBe(true);
  }, 180_000);
});
