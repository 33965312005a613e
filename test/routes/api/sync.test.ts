import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertConnection } from '../../../src/connections/connection-store.ts';
import { QUEUES } from '../../../src/jobs/queues.ts';
import { testBackend } from '../../support/test-db.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';
import { syncReplySchema } from '../../../src/routes/api/sync.routes.ts';

describe(`POST /api/v1/sync (${testBackend})`, () => {
  let svc: TestService;
  const ids: Record<string, number> = {};
  const post = async (query = '', key: string | null = svc.apiKey) => {
    const res = await fetch(`${svc.url}/api/v1/sync${query}`, { method: 'POST', headers: key === null ? {} : { 'X-Api-Key': key } });
    return { status: res.status, body: (await res.json()) as any };
  };
  const syncJobs = async () => svc.boss.findJobs<{ connectionId: number; reason: string }>(QUEUES.librarySync, { limit: 100 });

  beforeAll(async () => {
    svc = await startTestService({ workers: () => [] });
    const db = svc.deps.database.db;
    for (const [name, kind, enabled] of [['Radarr', 'radarr', true], ['Sonarr', 'sonarr', true], ['Old Radarr', 'radarr', false]] as const) {
      ids[name] = (await insertConnection(db, { name, kind, baseUrl: 'http://127.0.0.1:9', apiKey: 'key', enabled })).id;
    }
  });
  afterAll(async () => {
    await svc?.stop();
  });

  it('needs the API key', async () => {
    expect((await post('', null)).status).toBe(401);
    expect((await post('', 'wrong-key-0123456789')).status).toBe(401);
    expect(await syncJobs()).toEqual([]);
  });

  it('rejects a bad connection id with 400, an unknown one with 404, a disabled one with 409', async () => {
    expect(await post('?connectionId=abc')).toMatchObject({ status: 400, body: { error: 'invalid_request', issues: [{ path: 'connectionId' }] } });
    expect(await post('?connectionId=0')).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(await post('?connectionId=999')).toMatchObject({ status: 404, body: { error: 'not_found' } });
    expect(await post(`?connectionId=${ids['Old Radarr']}`)).toMatchObject({ status: 409, body: { error: 'connection_disabled' } });
    expect(await syncJobs()).toEqual([]);
  });

  it('queues a manual sync of one connection', async () => {
    const res = await post(`?connectionId=${ids['Sonarr']}`);
    expect(res.status).toBe(202);
    const body = syncReplySchema.parse(res.body);
    expect(body.queued).toEqual([{ connectionId: ids['Sonarr'], name: 'Sonarr', jobId: expect.any(String) }]);
    const jobs = await syncJobs();
    expect(jobs.map((job) => job.data)).toEqual([{ connectionId: ids['Sonarr'], reason: 'manual' }]);
  });

  it('without a connection id, queues every enabled connection', async () => {
    const res = await post();
    expect(res.status).toBe(202);
    const body = syncReplySchema.parse(res.body);
    expect(body.queued.map((entry) => entry.name)).toEqual(['Radarr', 'Sonarr']);
    expect(body.message).toBe('Library sync queued for "Radarr", "Sonarr".');
    const queued = (await syncJobs()).map((job) => job.data.connectionId).sort();
    expect(queued).toEqual([ids['Radarr'], ids['Sonarr'], ids['Sonarr']].sort());
  });
});
