// /api/v1/mediaservers: list, get, create, update, delete, test (stored or not yet saved).
import { Hono, type Context } from 'hono';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { errorJson } from '../../http/errors.ts';
import { createMediaServer, deleteMediaServer, probeMediaServer, testStoredMediaServer, updateMediaServer, type ServerTest } from '../../media-servers/media-server-actions.ts';
import { createMediaServerSchema, updateMediaServerSchema } from '../../media-servers/media-server-input.ts';
import { findMediaServer, listMediaServers } from '../../media-servers/media-server-store.ts';
import { outboundDepsOf } from '../../outbound/outbound-deps.ts';
import { requireApiKeyOrSession } from './api-auth.ts';
import { z } from 'zod';
import { idParamSchema } from '../../admin/admin-schemas.ts';
import { jsonBody, jsonBodyLimit, MAX_API_BODY_BYTES, validated } from './json-request.ts';
import { mediaServerReply, targetProblemResponse } from './outbound-replies.ts';

const testReply = (test: ServerTest) =>
  test.ok ? { ok: true, serverName: test.identity.name, version: test.identity.version, message: test.health.message } : { ok: false, cause: test.cause, message: test.message };

export function mediaServerRoutes(deps: ServiceDeps): Hono {
  const out = outboundDepsOf(deps);
  const api = new Hono();
  const idParam = validated('param', z.object({ id: idParamSchema }), 'media server id');
  api.use('*', jsonBodyLimit(MAX_API_BODY_BYTES), requireApiKeyOrSession(deps.database.db, () => deps.apiKey.current()));
  const notFound = (c: Context, id: number) => errorJson(c, 404, 'not_found', `No media server with id ${id}.`);

  api.get('/', async (c) => c.json({ mediaServers: (await listMediaServers(out.db)).map(mediaServerReply) }));

  api.post('/', async (c) => {
    const input = await jsonBody(c, createMediaServerSchema, { what: 'media server' });
    if (!input.ok) return input.response;
    const created = await createMediaServer(out, input.data);
    return created.ok ? c.json({ mediaServer: mediaServerReply(created.server) }, 201) : targetProblemResponse(c, created);
  });

  api.post('/test', async (c) => {
    const input = await jsonBody(c, createMediaServerSchema, { what: 'media server' });
    if (!input.ok) return input.response;
    return c.json(testReply(await probeMediaServer(input.data)));
  });

  api.get('/:id', idParam, async (c) => {
    const { id } = c.req.valid('param');
    const row = await findMediaServer(out.db, id);
    return row ? c.json({ mediaServer: mediaServerReply(row) }) : notFound(c, id);
  });

  api.on(['PUT', 'PATCH'], '/:id', idParam, async (c) => {
    const { id } = c.req.valid('param');
    const input = await jsonBody(c, updateMediaServerSchema, { what: 'change' });
    if (!input.ok) return input.response;
    const updated = await updateMediaServer(out, id, input.data);
    return updated.ok ? c.json({ mediaServer: mediaServerReply(updated.server) }) : targetProblemResponse(c, updated);
  });

  api.delete('/:id', idParam, async (c) => {
    const { id } = c.req.valid('param');
    return (await deleteMediaServer(out, id)) ? c.body(null, 204) : notFound(c, id);
  });

  api.post('/:id/test', idParam, async (c) => {
    const { id } = c.req.valid('param');
    const tested = await testStoredMediaServer(out, id);
    return tested ? c.json({ ...testReply(tested.test), mediaServer: mediaServerReply(tested.server) }) : notFound(c, id);
  });

  const app = new Hono();
  app.route('/api/v1/mediaservers', api);
  return app;
}
