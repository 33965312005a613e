import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../src/db/client.ts';
import { installErrorHandlers } from '../../../src/http/errors.ts';
import { QUEUES } from '../../../src/jobs/queues.ts';
import { arrFixture } from '../../support/fake-arr-data.ts';
import { startFakeRadarr, startFakeSonarr, type FakeArrServer } from '../../support/fake-arr.ts';
import { postWebhook } from '../../support/arr-webhook-client.ts';
import { testBackend } from '../../support/test-db.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';
import {
  connectionListReplySchema,
  connectionReplySchema,
  connectionTestReplySchema,
  createdConnectionReplySchema,
  rootFoldersReplySchema,
} from '../../../src/routes/api/connection-replies.ts';
import { connectionRoutes } from '../../../src/routes/api/connections.routes.ts';

describe(`/api/v1/connections (${testBackend})`, () => {
  let svc: TestService;
  let radarr: FakeArrServer;
  let sonarr: FakeArrServer;
  let mediaDir: string;

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${svc.url}${path}`, {
      method,
      headers: { 'X-Api-Key': svc.apiKey, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as any) : undefined, text };
  };
  const radarrBody = () => ({ name: 'Radarr', kind: 'radarr', baseUrl: `${radarr.url}/`, apiKey: radarr.apiKey });

  beforeAll(async () => {
    mediaDir = mkdtempSync(join(tmpdir(), 'previewarr-conn-media-'));
    radarr = await startFakeRadarr({ urlBase: '/radarr', apiKey: 'radarr-key-0123456789abcdef' });
    sonarr = await startFakeSonarr({ apiKey: 'sonarr-key-0123456789abcdef' });
    svc = await startTestService({ workers: () => [] });
  });
  afterAll(async () => {
    await svc?.stop();
    await radarr?.close();
    await sonarr?.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  it('refuses requests without the API key', async () => {
    for (const [method, path] of [['GET', '/api/v1/connections'], ['POST', '/api/v1/connections'], ['DELETE', '/api/v1/connections/1']]) {
      const res = await fetch(`${svc.url}${path}`, { method: method as string });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: 'unauthorized' });
    }
  });

  let radarrId: number;

  it('creates a connection: 201, key masked, URL normalised, first sync queued with it', async () => {
    const res = await call('POST', '/api/v1/connections', radarrBody());
    expect(res.status).toBe(201);
    const reply = createdConnectionReplySchema.parse(res.body);
    radarrId = reply.connection.id;
    expect(reply.connection).toMatchObject({
      name: 'Radarr',
      kind: 'radarr',
      baseUrl: radarr.url,
      apiKey: '••••cdef',
      enabled: true,
      pathMappings: [],
      lastSyncAt: null,
    });
    // Tested on save: the reply says whether it works, and the root folders are known already.
    expect(reply.check).toMatchObject({ ok: true, appName: 'Radarr', version: '6.0.3.10276' });
    expect(reply.connection.health).toMatchObject({ ok: true, instanceName: 'Radarr' });
    expect(reply.connection.rootFolders.map((folder) => folder.path)).toEqual(['/movies', '/movies-4k']);
    expect(res.text).not.toContain(radarr.apiKey);
    const [job] = await svc.boss.findJobs(QUEUES.librarySync, { id: reply.syncJobId! });
    expect(job?.data).toEqual({ connectionId: radarrId, reason: 'connection-added' });
    expect(job?.singletonKey).toBe(`connection:${radarrId}`);
    // The key itself is stored for the clients, of course.
    const [row] = rowsOf<{ api_key: string }>(await svc.deps.database.db.execute(sql`select api_key from connections where id = ${radarrId}`));
    expect(row?.api_key).toBe(radarr.apiKey);
  });

  it('lists and gets connections, always masked', async () => {
    const list = await call('GET', '/api/v1/connections');
    expect(list.status).toBe(200);
    const { connections } = connectionListReplySchema.parse(list.body);
    expect(connections.map((connection) => connection.name)).toEqual(['Radarr']);
    const one = await call('GET', `/api/v1/connections/${radarrId}`);
    expect(one.status).toBe(200);
    expect(connectionReplySchema.parse(one.body.connection).apiKey).toBe('••••cdef');
    expect(list.text + one.text).not.toContain(radarr.apiKey);
  });

  it('answers 409 for a duplicate name, ignoring case', async () => {
    const res = await call('POST', '/api/v1/connections', { ...radarrBody(), name: 'RADARR' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: 'duplicate_name', issues: [{ path: 'name' }] });
  });

  it('answers 400 naming each bad field', async () => {
    const cases: Array<[unknown, string, RegExp]> = [
      [{ ...radarrBody(), name: '' }, 'name', /must not be empty/],
      [{ ...radarrBody(), kind: 'lidarr' }, 'kind', /radarr.*sonarr/],
      [{ ...radarrBody(), baseUrl: 'radarr:7878' }, 'baseUrl', /http/],
      [{ ...radarrBody(), baseUrl: 'ftp://radarr' }, 'baseUrl', /http/],
      [{ ...radarrBody(), baseUrl: 'http://user:secret@radarr:7878' }, 'baseUrl', /user name or password/],
      [{ ...radarrBody(), baseUrl: 'http://radarr:7878/api/v3' }, 'baseUrl', /without \/api\/v3/],
      [{ ...radarrBody(), apiKey: '' }, 'apiKey', /must not be empty/],
      [{ ...radarrBody(), apiKey: 'has space' }, 'apiKey', /without spaces/],
      [{ ...radarrBody(), enabled: 'yes' }, 'enabled', /true or false/],
      [{ ...radarrBody(), pathMappings: [{ remotePrefix: '/movies', localPrefix: 'relative/dir' }] }, 'pathMappings.0', /not an absolute path/],
      [{ ...radarrBody(), pathMappings: [{ remotePrefix: 'movies', localPrefix: '/data' }] }, 'pathMappings.0', /not an absolute path/],
      [{ ...radarrBody(), pathMappings: [{ remotePrefix: '/m', localPrefix: '/data/../etc' }] }, 'pathMappings.0', /'\.\.'/],
      [
        { ...radarrBody(), pathMappings: [{ remotePrefix: '/m', localPrefix: '/a' }, { remotePrefix: '/m/', localPrefix: '/b' }] },
        'pathMappings.1.remotePrefix',
        /mapped twice/,
      ],
      [{ ...radarrBody(), surprise: 1 }, '', /surprise/],
      [{ kind: 'radarr' }, 'name', /is required/],
    ];
    for (const [body, path, message] of cases) {
      const res = await call('POST', '/api/v1/connections', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toBe('invalid_request');
      const issue = (res.body.issues as Array<{ path: string; message: string }>).find((entry) => entry.path === path);
      expect(issue?.message, `${path} in ${JSON.stringify(res.body)}`).toMatch(message);
    }
    const notJson = await call('POST', '/api/v1/connections', '{"name": ');
    expect(notJson).toMatchObject({ status: 400, body: { error: 'invalid_json' } });
    const wrongType = await call('POST', '/api/v1/connections', 'name=x', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(wrongType).toMatchObject({ status: 415, body: { error: 'unsupported_content_type' } });
    const huge = await call('POST', '/api/v1/connections', { ...radarrBody(), name: 'x'.repeat(70_000) });
    expect(huge.status).toBe(413);
    const rows = rowsOf(await svc.deps.database.db.execute(sql`select id from connections`));
    expect(rows).toHaveLength(1);
  });

  it('answers 400 for a bad id and 404 for an unknown one', async () => {
    for (const [method, path] of [['GET', '/api/v1/connections/abc'], ['DELETE', '/api/v1/connections/-1'], ['POST', '/api/v1/connections/1.5/test']]) {
      const res = await call(method as string, path as string);
      expect(res.status, path).toBe(400);
      expect(res.body.error).toBe('invalid_request');
    }
    for (const [method, path] of [['GET', '/api/v1/connections/999'], ['DELETE', '/api/v1/connections/999'], ['POST', '/api/v1/connections/999/test'], ['GET', '/api/v1/connections/999/rootfolders']]) {
      const res = await call(method as string, path as string);
      expect(res.status, path).toBe(404);
      expect(res.body.error).toBe('not_found');
    }
    const update = await call('PUT', '/api/v1/connections/999', { enabled: false });
    expect(update.status).toBe(404);
  });

  it('tests a connection: version and instance, stored as health with root folders', async () => {
    const res = await call('POST', `/api/v1/connections/${radarrId}/test`);
    expect(res.status).toBe(200);
    expect(connectionTestReplySchema.parse(res.body)).toMatchObject({ ok: true, appName: 'Radarr', version: '6.0.3.10276', instanceName: 'Radarr' });
    expect(res.body.connection.health).toMatchObject({ ok: true, version: '6.0.3.10276', instanceName: 'Radarr' });
    expect(res.body.connection.rootFolders.map((folder: { path: string }) => folder.path)).toEqual(['/movies', '/movies-4k']);
    expect(res.text).not.toContain(radarr.apiKey);
  });

  it('updates: a masked key keeps the stored one, mappings re-map root folders, kind cannot change', async () => {
    const mapped = await call('PATCH', `/api/v1/connections/${radarrId}`, {
      apiKey: '••••cdef',
      pathMappings: [{ remotePrefix: '/movies', localPrefix: mediaDir }],
    });
    expect(mapped.status).toBe(200);
    expect(mapped.body.connection.rootFolders).toEqual([
      expect.objectContaining({ path: '/movies', localPath: mediaDir }),
      expect.objectContaining({ path: '/movies-4k', localPath: null }),
    ]);
    // Unchanged address and key: the last test still holds.
    expect(mapped.body.connection.health?.ok).toBe(true);
    const folders = await call('GET', `/api/v1/connections/${radarrId}/rootfolders`);
    expect(rootFoldersReplySchema.parse(folders.body).unmapped).toEqual(['/movies-4k']);

    const kind = await call('PUT', `/api/v1/connections/${radarrId}`, { kind: 'sonarr' });
    expect(kind).toMatchObject({ status: 400, body: { issues: [{ path: 'kind' }] } });

    // A new key is tested in the same reply: a wrong one shows the 401, not a plain "saved".
    const rekeyed = await call('PUT', `/api/v1/connections/${radarrId}`, { apiKey: 'a-new-key-that-is-wrong' });
    expect(rekeyed.body.connection).toMatchObject({ apiKey: '••••rong', health: { ok: false } });
    expect(rekeyed.body.check).toMatchObject({ ok: false, cause: 'unauthorized', message: expect.stringMatching(/API key rejected \(HTTP 401\)/) });
    expect(rekeyed.body.syncJobId).toBeUndefined();
    expect(rekeyed.text).not.toContain('a-new-key-that-is-wrong');
    const failed = await call('POST', `/api/v1/connections/${radarrId}/test`);
    expect(failed.body).toMatchObject({ ok: false, cause: 'unauthorized' });
    expect(failed.body.connection.health).toMatchObject({ ok: false });
    expect(failed.body.message).toMatch(/API key rejected \(HTTP 401\)/);
    expect(failed.text).not.toContain('a-new-key-that-is-wrong');
    // Fixing the key works at once and starts a sync.
    const fixed = await call('PUT', `/api/v1/connections/${radarrId}`, { apiKey: radarr.apiKey });
    expect(fixed.body.check).toMatchObject({ ok: true });
    const [sync] = await svc.boss.findJobs(QUEUES.librarySync, { id: fixed.body.syncJobId });
    expect(sync?.data).toEqual({ connectionId: radarrId, reason: 'manual' });
  });

  it('stores ranking overrides per connection (an anime instance) and refuses bad ones by field', async () => {
    const overrides = { languageMode: 'original-subtitled', preferredLanguages: ['ja', 'en'], channelAllowlist: ['Crunchyroll'], searchQueryTemplate: '{original_title} {year} PV' };
    const saved = await call('PATCH', `/api/v1/connections/${radarrId}`, { rankingOverrides: overrides });
    expect(saved.status).toBe(200);
    expect(saved.body.connection.rankingOverrides).toEqual(overrides);
    expect((await call('GET', `/api/v1/connections/${radarrId}`)).body.connection.rankingOverrides).toEqual(overrides);
    const bad = await call('PATCH', `/api/v1/connections/${radarrId}`, { rankingOverrides: { searchQueryTemplate: '{director} trailer', shell: '$(id)' } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('must contain {title} or {original_title}');
    expect(bad.text).toContain('shell');
    const cleared = await call('PATCH', `/api/v1/connections/${radarrId}`, { rankingOverrides: {} });
    expect(cleared.body.connection.rankingOverrides).toEqual({});
  });

  it('refreshes root folders from the Arr on request, and says why when it cannot', async () => {
    radarr.rootFolders = [...radarr.rootFolders, { id: 3, path: `${mediaDir}`, accessible: true, freeSpace: 1 }];
    const fresh = await call('GET', `/api/v1/connections/${radarrId}/rootfolders?refresh=true`);
    expect(fresh.status).toBe(200);
    // A folder the Arr reports at a path that exists here needs no mapping.
    expect(fresh.body.rootFolders.at(-1)).toMatchObject({ path: mediaDir, localPath: mediaDir });
    radarr.fail({ mode: 'status', status: 401, times: 1 });
    const refused = await call('GET', `/api/v1/connections/${radarrId}/rootfolders?refresh=1`);
    expect(refused.status).toBe(502);
    expect(refused.body).toMatchObject({ error: 'arr_request_failed', issues: [{ path: 'cause', message: 'unauthorized' }] });
  });

  it('tests unsaved settings without storing anything, and tells Radarr from Sonarr', async () => {
    const sonarrAsRadarr = await call('POST', '/api/v1/connections/test', { name: 'x', kind: 'radarr', baseUrl: sonarr.url, apiKey: sonarr.apiKey });
    expect(sonarrAsRadarr.body).toMatchObject({ ok: false, cause: 'wrong-app' });
    expect(sonarrAsRadarr.body.message).toMatch(/answers as Sonarr/);
    const good = await call('POST', '/api/v1/connections/test', { name: 'x', kind: 'sonarr', baseUrl: sonarr.url, apiKey: sonarr.apiKey });
    expect(good.body).toMatchObject({ ok: true, appName: 'Sonarr' });
    const closed = await startFakeSonarr();
    const deadUrl = closed.url;
    await closed.close();
    const unreachable = await call('POST', '/api/v1/connections/test', { name: 'x', kind: 'sonarr', baseUrl: deadUrl, apiKey: 'k' });
    expect(unreachable.body).toMatchObject({ ok: false, cause: 'unreachable' });
    expect(unreachable.body.message).toMatch(/cannot connect \(ECONNREFUSED\)/);
    // https:// to a plain-HTTP Arr: the handshake fails, and the message says where to look.
    const tls = await call('POST', '/api/v1/connections/test', { name: 'x', kind: 'sonarr', baseUrl: sonarr.url.replace('http:', 'https:'), apiKey: sonarr.apiKey });
    expect(tls.body).toMatchObject({ ok: false, cause: 'tls' });
    expect(tls.body.message).toMatch(/http vs https/);
    const rows = rowsOf(await svc.deps.database.db.execute(sql`select id from connections`));
    expect(rows).toHaveLength(1);
  });

  it('reports timeouts and garbage replies as their own causes', async () => {
    // Route group built directly so the Arr deadline can be short.
    const app = connectionRoutes(svc.deps, { arr: { timeoutMs: 300, retries: 0 } });
    installErrorHandlers(app, svc.deps.logger);
    const test = async () => {
      const res = await app.request(`/api/v1/connections/${radarrId}/test`, { method: 'POST', headers: { 'X-Api-Key': svc.apiKey } });
      return (await res.json()) as { ok: boolean; cause?: string; message?: string };
    };
    radarr.fail({ mode: 'delay', ms: 2_000, times: 1 });
    expect(await test()).toMatchObject({ ok: false, cause: 'timeout' });
    radarr.fail({ mode: 'garbage', times: 1 });
    expect(await test()).toMatchObject({ ok: false, cause: 'unexpected-reply' });
    radarr.fail({ mode: 'html', times: 1 });
    const html = await test();
    expect(html).toMatchObject({ ok: false, cause: 'unexpected-reply' });
    expect(html.message).toMatch(/HTML page: check the URL base/);
  });

  it('hands webhooks that arrived before the connection existed over to it', async () => {
    const webhook = await postWebhook(`${svc.url}/webhooks/sonarr?apikey=${svc.apiKey}`, arrFixture('sonarr', 'webhook-download'), { app: 'sonarr' });
    expect(webhook.status).toBeLessThan(300);
    const waiting = rowsOf<{ id: number }>(await svc.deps.database.db.execute(sql`select id from webhook_events where state = 'needs-setup'`));
    expect(waiting).toHaveLength(1);
    const created = await call('POST', '/api/v1/connections', { name: 'Sonarr', kind: 'sonarr', baseUrl: sonarr.url, apiKey: sonarr.apiKey });
    expect(created.status).toBe(201);
    expect(created.body.pendingEventsQueued).toBe(1);
    const jobs = await svc.boss.findJobs(QUEUES.webhookEvent, { data: { eventId: Number(waiting[0]?.id) } });
    expect(jobs).toHaveLength(1);
  });

  it('never writes an Arr API key to the log', () => {
    const log = svc.rawLogs.join('\n');
    expect(log).toContain('/api/v1/connections');
    for (const key of [radarr.apiKey, sonarr.apiKey, 'a-new-key-that-is-wrong']) expect(log).not.toContain(key);
  });

  it('deletes a connection with its library rows (files are never touched)', async () => {
    const created = await call('POST', '/api/v1/connections', { name: 'Sonarr 2', kind: 'sonarr', baseUrl: sonarr.url, apiKey: sonarr.apiKey, enabled: false });
    expect(created.status).toBe(201);
    // A disabled connection is not synced.
    expect(created.body.syncJobId).toBeNull();
    const id = created.body.connection.id as number;
    await svc.deps.database.db.execute(
      sql`insert into media (connection_id, arr_id, kind, title, folder_path) values (${id}, 1, 'series', 'Show', ${mediaDir})`,
    );
    // Switching it on queues the sync it missed.
    const enabled = await call('PATCH', `/api/v1/connections/${id}`, { enabled: true });
    expect(enabled.body.connection.enabled).toBe(true);
    expect(await svc.boss.findJobs(QUEUES.librarySync, { data: { connectionId: id } })).toEqual([
      expect.objectContaining({ data: { connectionId: id, reason: 'manual' } }),
    ]);
    const deleted = await call('DELETE', `/api/v1/connections/${id}`);
    expect(deleted.status).toBe(204);
    expect((await call('GET', `/api/v1/connections/${id}`)).status).toBe(404);
    expect(rowsOf(await svc.deps.database.db.execute(sql`select id from media where connection_id = ${id}`))).toHaveLength(0);
  });
});
