// /api/v1/connections: list, get, create, update, delete, test, root folders, preview (API key or signed-in session).
import { Hono, type Context } from 'hono';
import type { ArrCallOptions } from '../../connections/arr-clients.ts';
import {
  createConnection,
  deleteConnection,
  refreshRootFolders,
  testStoredConnection,
  updateConnection,
  type ConnectionProblem,
} from '../../connections/connection-actions.ts';
import { createConnectionSchema, updateConnectionSchema } from '../../connections/connection-input.ts';
import { probeConnection, type ConnectionProbe } from '../../connections/connection-probe.ts';
import { findConnection, listConnections } from '../../connections/connection-store.ts';
import type { RootFolderInfo } from '../../db/schema/connections.ts';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { errorJson } from '../../http/errors.ts';
import {
  connectionListReplySchema,
  connectionReply,
  connectionTestReplySchema,
  createdConnectionReplySchema,
  previewActionReplySchema,
  previewReplySchema,
  rootFoldersReplySchema,
} from './connection-replies.ts';
import { previewListing } from '../../admin/preview-queries.ts';
import { downloadPreviewed, runPreview } from '../../connections/preview-actions.ts';
import { requireApiKeyOrSession } from './api-auth.ts';
import { z } from 'zod';
import { idParamSchema } from '../../admin/admin-schemas.ts';
import { jsonBody, jsonBodyLimit, MAX_API_BODY_BYTES, validated } from './json-request.ts';

export type ConnectionRoutesOptions = {
  /** Deadline and retries of the Arr calls a request makes (tests shorten them). */
  arr?: ArrCallOptions;
};

export function connectionRoutes(deps: ServiceDeps, options: ConnectionRoutesOptions = {}): Hono {
  const api = new Hono();
  const connectionId = validated('param', z.object({ id: idParamSchema }), 'connection id');
  api.use('*', jsonBodyLimit(MAX_API_BODY_BYTES), requireApiKeyOrSession(deps.database.db, () => deps.apiKey.current()));

  api.get('/', async (c) => {
    const rows = await listConnections(deps.database.db);
    return c.json(connectionListReplySchema.parse({ connections: rows.map(connectionReply) }));
  });

  api.post('/', async (c) => {
    const input = await jsonBody(c, createConnectionSchema, { what: 'connection' });
    if (!input.ok) return input.response;
    const created = await createConnection(deps, input.data, options.arr);
    if (!created.ok) return problemResponse(c, created);
    const body = {
      connection: connectionReply(created.connection),
      syncJobId: created.syncJobId,
      pendingEventsQueued: created.pendingEventsQueued,
      ...(created.check ? { check: testReply(created.check) } : {}),
    };
    return c.json(createdConnectionReplySchema.parse(body), 201);
  });

  // Try settings before saving them: the same checks as the Test button, nothing stored.
  api.post('/test', async (c) => {
    const input = await jsonBody(c, createConnectionSchema, { what: 'connection' });
    if (!input.ok) return input.response;
    return c.json(testReply(await probeConnection(input.data, options.arr)));
  });

  api.get('/:id', connectionId, async (c) => {
    const id = { data: c.req.valid('param').id };
    const row = await findConnection(deps.database.db, id.data);
    return row ? c.json({ connection: connectionReply(row) }) : notFound(c, id.data);
  });

  const update = async (c: Context) => {
    const id = { data: Number(c.req.param('id')) };
    const input = await jsonBody(c, updateConnectionSchema, { what: 'change' });
    if (!input.ok) return input.response;
    const updated = await updateConnection(deps, id.data, input.data, options.arr);
    if (!updated.ok) return problemResponse(c, updated);
    return c.json({
      connection: connectionReply(updated.connection),
      ...(updated.check ? { check: testReply(updated.check) } : {}),
      ...(updated.syncJobId !== undefined ? { syncJobId: updated.syncJobId } : {}),
      ...(updated.previewFetchesQueued !== undefined ? { previewFetchesQueued: updated.previewFetchesQueued } : {}),
    });
  };
  api.put('/:id', connectionId, update);
  api.patch('/:id', connectionId, update);

  api.delete('/:id', connectionId, async (c) => {
    const id = { data: c.req.valid('param').id };
    return (await deleteConnection(deps, id.data)) ? c.body(null, 204) : notFound(c, id.data);
  });

  api.post('/:id/test', connectionId, async (c) => {
    const id = { data: c.req.valid('param').id };
    const tested = await testStoredConnection(deps, id.data, options.arr);
    if (!tested) return notFound(c, id.data);
    return c.json({ ...testReply(tested), connection: connectionReply(tested.connection) });
  });

  api.get('/:id/rootfolders', connectionId, async (c) => {
    const id = { data: c.req.valid('param').id };
    const row = await findConnection(deps.database.db, id.data);
    if (!row) return notFound(c, id.data);
    if (!['1', 'true', 'yes'].includes(c.req.query('refresh') ?? '')) return c.json(rootFoldersReply(row.rootFolders));
    const refreshed = await refreshRootFolders(deps, row, options.arr);
    // The request was fine; the Arr behind it failed: a gateway error naming the cause.
    if (!refreshed.ok) return errorJson(c, 502, 'arr_request_failed', refreshed.message, { issues: [{ path: 'cause', message: refreshed.cause }] });
    return c.json(rootFoldersReply(refreshed.rootFolders));
  });

  // Preview mode: what would be downloaded, a new preview run, and "switch off and download".
  api.get('/:id/preview', connectionId, async (c) => {
    const id = c.req.valid('param').id;
    const row = await findConnection(deps.database.db, id);
    if (!row) return notFound(c, id);
    const listing = await previewListing(deps.database.db, row);
    const wouldDownload = listing.wouldDownload.map((item) => ({ ...item, previewedAt: item.previewedAt.toISOString() }));
    return c.json(previewReplySchema.parse({ ...listing, wouldDownload }));
  });

  api.post('/:id/preview', connectionId, async (c) => {
    const result = await runPreview(deps, c.req.valid('param').id);
    if (!result.ok) return errorJson(c, result.status, result.error, result.message);
    return c.json(previewActionReplySchema.parse(result), 202);
  });

  api.post('/:id/preview/download', connectionId, async (c) => {
    const result = await downloadPreviewed(deps, c.req.valid('param').id);
    if (!result.ok) return errorJson(c, result.status, result.error, result.message);
    return c.json(previewActionReplySchema.parse(result));
  });

  const app = new Hono();
  app.route('/api/v1/connections', api);
  return app;
}

function testReply(probe: ConnectionProbe) {
  const { result } = probe;
  if (!result.ok) return connectionTestReplySchema.parse({ ok: false, cause: result.cause, message: result.message });
  return connectionTestReplySchema.parse({
    ok: true,
    appName: result.appName,
    version: result.version,
    instanceName: result.instanceName,
    ...(probe.rootFolders ? { rootFolders: probe.rootFolders } : {}),
    ...(probe.rootFoldersError ? { rootFoldersError: probe.rootFoldersError } : {}),
  });
}

function rootFoldersReply(rootFolders: readonly RootFolderInfo[]) {
  return rootFoldersReplySchema.parse({
    rootFolders,
    unmapped: rootFolders.filter((folder) => folder.localPath === null).map((folder) => folder.path),
  });
}

function notFound(c: Context, id: number): Response {
  return errorJson(c, 404, 'not_found', `No connection with id ${id}.`);
}

function problemResponse(c: Context, problem: ConnectionProblem): Response {
  if (problem.problem === 'not-found') return errorJson(c, 404, 'not_found', problem.message);
  if (problem.problem === 'duplicate-name') {
    return errorJson(c, 409, 'duplicate_name', problem.message, { issues: [{ path: 'name', message: 'is already used by another connection' }] });
  }
  if (problem.problem === 'key-required') return errorJson(c, 400, 'invalid_request', problem.message, { issues: [{ path: 'apiKey', message: 'is required when baseUrl moves to another host' }] });
  return errorJson(c, 400, 'invalid_request', problem.message, { issues: [{ path: 'kind', message: 'cannot be changed' }] });
}
