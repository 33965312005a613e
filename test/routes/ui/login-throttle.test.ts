// Who the login throttle and "no login from local addresses" believe a client is: the socket
// peer, unless it is a reverse proxy listed in TRUSTED_PROXIES. Guesses count per client and per
// account, so changing X-Forwarded-For or addresses gets no extra tries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../../../src/db/schema/index.ts';
import { writeSettings } from '../../../src/db/settings-store.ts';
import { ADMIN, createAdmin, postLogin } from '../../guarantees/admin-session.ts';
import { testBackend } from '../../support/test-db.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';

const forwardedFor = (i: number) => ({ 'x-forwarded-for': `203.0.113.${i}` });

describe(`login throttle without trusted proxies (${testBackend})`, () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ workers: () => [] });
    await createAdmin(svc);
  });
  afterAll(async () => {
    await svc?.stop();
  });
  const sessionCount = async () => (await svc.deps.database.db.select({ id: sessions.id }).from(sessions)).length;

  it('a changing X-Forwarded-For does not reset the count, and a locked account refuses even the right password', async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 12; i++) statuses.push((await postLogin(svc, { username: ADMIN.username, password: `wrong ${i}` }, forwardedFor(i))).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((status) => status === 429)).toBe(true);
    const right = await postLogin(svc, ADMIN, forwardedFor(99));
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('"no login from local addresses" is not fooled by a header naming a local client, and reuses one session', async () => {
    await writeSettings(svc.deps.database.db, { authDisabledForLocalAddresses: true });
    // Cookie-less visitors (health probes, scripts) share one session instead of a row each.
    const before = await sessionCount();
    for (let i = 0; i < 40; i++) expect((await fetch(`${svc.url}/`, { redirect: 'manual' })).status).toBe(200);
    expect((await sessionCount()) - before).toBe(1);
    // The peer is local here; a header may only take local trust away, never grant it.
    expect((await fetch(`${svc.url}/`, { redirect: 'manual', headers: { 'x-forwarded-for': '8.8.8.8, 127.0.0.1' } })).status).toBe(303);
    expect((await fetch(`${svc.url}/`, { redirect: 'manual', headers: { 'x-forwarded-for': '192.168.1.5' } })).status).toBe(200);
    await writeSettings(svc.deps.database.db, { authDisabledForLocalAddresses: false });
  });
});

describe(`login throttle behind a trusted proxy (${testBackend})`, () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ workers: () => [], env: { TRUSTED_PROXIES: '127.0.0.1, ::1' } });
    await createAdmin(svc);
  });
  afterAll(async () => {
    await svc?.stop();
  });

  it('counts each forwarded client on its own: one locked client does not lock out another', async () => {
    for (let i = 1; i <= 5; i++) expect((await postLogin(svc, { username: `guess${i}`, password: 'wrong' }, forwardedFor(1))).status).toBe(401);
    expect((await postLogin(svc, { username: 'guess6', password: 'wrong' }, forwardedFor(1))).status).toBe(429);
    expect((await postLogin(svc, ADMIN, forwardedFor(2))).status).toBe(303);
  });

  it('"no login from local addresses" reads the client the proxy names', async () => {
    await writeSettings(svc.deps.database.db, { authDisabledForLocalAddresses: true });
    expect((await fetch(`${svc.url}/`, { redirect: 'manual', headers: { 'x-forwarded-for': '198.51.100.7' } })).status).toBe(303);
    expect((await fetch(`${svc.url}/`, { redirect: 'manual', headers: { 'x-forwarded-for': '192.168.1.5' } })).status).toBe(200);
    await writeSettings(svc.deps.database.db, { authDisabledForLocalAddresses: false });
  });
});
