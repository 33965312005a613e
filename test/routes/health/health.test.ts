import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '../../support/test-db.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';

describe(`health probes (${testBackend})`, () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ workers: () => [] });
  });
  afterAll(async () => {
    await svc?.stop();
  });

  it('/healthz answers 200 while the process lives', async () => {
    const res = await fetch(`${svc.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/ping answers like the Arr apps', async () => {
    const res = await fetch(`${svc.url}/ping`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'OK' });
  });

  it('/readyz answers 200 when the database answers and migrations are applied', async () => {
    const res = await fetch(`${svc.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok' } });
  });

  it('unknown routes and wrong methods get JSON 404 and 405', async () => {
    const missing = await fetch(`${svc.url}/no/such/page`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not_found' });
    const wrongMethod = await fetch(`${svc.url}/healthz`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, HEAD');
    expect(await wrongMethod.json()).toMatchObject({ error: 'method_not_allowed' });
  });

  it('pages carry security headers', async () => {
    const res = await fetch(`${svc.url}/healthz`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('logs each request without secrets', async () => {
    await fetch(`${svc.url}/readyz?apikey=${svc.apiKey}`);
    const line = svc.logs.find((entry) => entry.msg === 'request' && String(entry.url).includes('/readyz?apikey='));
    expect(line?.url).toContain('apikey=[redacted]');
    expect(svc.rawLogs.join('\n')).not.toContain(svc.apiKey);
  });

  // Last: it takes the database away from the running service.
  it('/readyz answers 503 naming the database when it is gone', async () => {
    await svc.boss.stop({ graceful: false, close: true });
    await svc.deps.database.close();
    const res = await fetch(`${svc.url}/readyz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { status: string; checks: { database: string } };
    expect(body.status).toBe('unavailable');
    expect(body.checks.database).toMatch(/^unavailable: /);
    // The process itself is still alive.
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
  });
});
