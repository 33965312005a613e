// A hostile review's findings on /api/v1/connections and /api/v1/sync: the stored Radarr/Sonarr
// key never follows a base URL to another host, an answer that is not the Arr's JSON is described
// and never quoted, and a signed-in browser session may use these routes like every JSON route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findConnection } from '../../../src/connections/connection-store.ts';
import { installErrorHandlers } from '../../../src/http/errors.ts';
import { connectionRoutes } from '../../../src/routes/api/connections.routes.ts';
import { createAdmin, type AdminSession } from '../../guarantees/admin-session.ts';
import { startFakeRadarr, type FakeArrServer } from '../../support/fake-arr.ts';
import { testBackend } from '../../support/test-db.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';

describe(`/api/v1/connections against a hostile caller (${testBackend})`, () => {
  let svc: TestService;
  let radarr: FakeArrServer;
  let attacker: FakeArrServer;
  let admin: AdminSession;
  let id: number;

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${svc.url}${path}`, {
      method,
      headers: { 'X-Api-Key': svc.apiKey, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    radarr = await startFakeRadarr({ apiKey: 'radarr-key-0123456789abcdef' });
    attacker = await startFakeRadarr({ apiKey: 'attacker-key-0123456789abcdef' });
    svc = await startTestService({ workers: () => [] });
    admin = await createAdmin(svc);
    const created = await call('POST', '/api/v1/connections', { name: 'Radarr', kind: 'radarr', baseUrl: radarr.url, apiKey: radarr.apiKey });
    expect(created.status).toBe(201);
    id = created.body.connection.id;
  });
  afterAll(async () => {
    await svc?.stop();
    await radarr?.close();
    await attacker?.close();
  });

  it('a base URL on another host needs the key again; the stored key is never sent there', async () => {
    for (const body of [{ baseUrl: attacker.url }, { baseUrl: attacker.url, apiKey: '••••cdef' }]) {
      const moved = await call('PATCH', `/api/v1/connections/${id}`, body);
      expect(moved.status).toBe(400);
      expect(moved.body.issues).toEqual([{ path: 'apiKey', message: expect.stringContaining('another host') }]);
    }
    expect((await call('POST', `/api/v1/connections/${id}/test`)).status).toBe(200);
    expect(attacker.requests).toHaveLength(0);
    expect((await findConnection(svc.deps.database.db, id))?.baseUrl).toBe(radarr.url);
    // The same host with another URL base keeps the key; a new host with its key is fine.
    expect((await call('PATCH', `/api/v1/connections/${id}`, { baseUrl: `${radarr.url}/radarr` })).status).toBe(200);
    expect((await call('PATCH', `/api/v1/connections/${id}`, { baseUrl: attacker.url, apiKey: attacker.apiKey })).status).toBe(200);
  });

  it('describes a reply that is not the Arr JSON instead of quoting it', async () => {
    const app = connectionRoutes(svc.deps, { arr: { timeoutMs: 2_000, retries: 0 } });
    installErrorHandlers(app, svc.deps.logger);
    const test = async () => {
      const res = await app.request(`/api/v1/connections/${id}/test`, { method: 'POST', headers: { 'X-Api-Key': svc.apiKey } });
      return (await res.json()) as { ok: boolean; message: string };
    };
    attacker.fail({ mode: 'html', times: 1 });
    const html = await test();
    expect(html.message).toContain('an HTML page');
    expect(html.message).not.toContain('<');
    // The fake's error body echoes the key it received: none of it may be quoted.
    attacker.fail({ mode: 'status', status: 500, times: 1 });
    const failed = await test();
    expect(failed.message).toMatch(/HTTP 500 \(a JSON body of \d+ bytes\)$/);
    expect(failed.message).not.toContain('{');
    const stored = await findConnection(svc.deps.database.db, id);
    expect(stored?.health?.message).not.toContain('{');
  });

  it('a signed-in browser session (with its CSRF token) uses /api/v1/connections and /api/v1/sync like the other JSON routes', async () => {
    const session = { Cookie: admin.cookie };
    expect((await fetch(`${svc.url}/api/v1/connections`, { headers: session })).status).toBe(200);
    const sync = (headers: Record<string, string>) => fetch(`${svc.url}/api/v1/sync`, { method: 'POST', headers: { ...session, ...headers } });
    expect((await sync({})).status).toBe(403);
    expect((await sync({ 'X-CSRF-Token': admin.csrfToken })).status).toBe(202);
    const patch = await fetch(`${svc.url}/api/v1/connections/${id}`, {
      method: 'PATCH',
      headers: { ...session, 'X-CSRF-Token': admin.csrfToken, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Radarr 4K' }),
    });
    expect(patch.status).toBe(200);
  });
});
