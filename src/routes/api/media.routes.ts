import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { blocklistBodySchema, chooseBodySchema, fetchBodySchema, idParamSchema, mediaListQuerySchema, sourceUrlBodySchema, videoIdSchema } from '../../admin/admin-schemas.ts';
import { blocklistVideo, chooseCandidate, deleteOwnTrailer, requestTrailerFetch, setUserSourceUrl, unblockVideo, type ActionResult } from '../../admin/media-actions.ts';
import { getMediaDetail, listMedia } from '../../admin/media-queries.ts';
import { fileResponse, ownedTrailerFile } from '../../admin/trailer-file.ts';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { errorJson } from '../../http/errors.ts';
import { jsonBody, validated } from './json-request.ts';

function actionReply(c: Context, result: ActionResult, okStatus: 200 | 202) {
  if (!result.ok) return errorJson(c, result.status, result.error, result.message, result.issues ? { issues: result.issues } : {});
  return c.json({ ok: true, message: result.message, ...(result.jobId !== undefined ? { jobId: result.jobId } : {}) }, okStatus);
}

/** /api/v1/media: the library, one item, and every action the item page offers. */
export function mediaApiRoutes(deps: ServiceDeps): Hono {
  const db = deps.database.db;
  const actionDeps = { db, boss: deps.boss };
  const app = new Hono();

  const mediaId = validated('param', z.object({ id: idParamSchema }), 'media id');

  app.get('/api/v1/media', validated('query', mediaListQuerySchema, 'query'), async (c) => c.json(await listMedia(db, c.req.valid('query'))));

  app.get('/api/v1/media/:id', mediaId, async (c) => {
    const { id } = c.req.valid('param');
    const detail = await getMediaDetail(db, id);
    if (!detail) return errorJson(c, 404, 'not_found', `No library item with id ${id}`);
    return c.json(detail);
  });

  app.get('/api/v1/media/:id/candidates', mediaId, async (c) => {
    const { id } = c.req.valid('param');
    const detail = await getMediaDetail(db, id);
    if (!detail) return errorJson(c, 404, 'not_found', `No library item with id ${id}`);
    const blocked = new Set(detail.blocklist.map((b) => b.videoId));
    return c.json({ candidates: detail.candidates.map((candidate) => ({ ...candidate, blocklisted: blocked.has(candidate.videoId) })), blocklist: detail.blocklist });
  });

  app.post('/api/v1/media/:id/fetch', mediaId, async (c) => {
    const { id } = c.req.valid('param');
    const body = await jsonBody(c, fetchBodySchema, { emptyAs: {} });
    if (!body.ok) return body.response;
    return actionReply(c, await requestTrailerFetch(actionDeps, id, { force: body.data.force }), 202);
  });

  app.post('/api/v1/media/:id/choose', mediaId, async (c) => {
    const { id } = c.req.valid('param');
    const body = await jsonBody(c, chooseBodySchema);
    if (!body.ok) return body.response;
    return actionReply(c, await chooseCandidate(actionDeps, id, body.data.videoId), 202);
  });

  app.put('/api/v1/media/:id/source-url', mediaId, async (c) => {
    const { id } = c.req.valid('param');
    const body = await jsonBody(c, sourceUrlBodySchema);
    if (!body.ok) return body.response;
    return actionReply(c, await setUserSourceUrl(actionDeps, id, body.data.url), body.data.url === null ? 200 : 202);
  });

  app.delete('/api/v1/media/:id/trailer', mediaId, async (c) => {
    const { id } = c.req.valid('param');
    return actionReply(c, await deleteOwnTrailer(actionDeps, id), 202);
  });

  app.post('/api/v1/media/:id/blocklist', mediaId, async (c) => {
    const { id } = c.req.valid('param');
    const body = await jsonBody(c, blocklistBodySchema);
    if (!body.ok) return body.response;
    return actionReply(c, await blocklistVideo(actionDeps, id, body.data.videoId, body.data.reason), 200);
  });

  app.delete('/api/v1/media/:id/blocklist/:videoId', validated('param', z.object({ id: idParamSchema, videoId: videoIdSchema }), 'path'), async (c) => {
    const { id, videoId } = c.req.valid('param');
    return actionReply(c, await unblockVideo(actionDeps, id, videoId), 200);
  });

  // The placed trailer file (with Range), like the item page's player.
  app.get('/api/v1/media/:id/trailer', mediaId, async (c) => {
    const { id } = c.req.valid('param');
    const file = await ownedTrailerFile(db, id);
    if (!file) return errorJson(c, 404, 'not_found', 'This item has no trailer file placed by Previewarr.');
    return fileResponse(file, c.req.header('range'), c.req.method);
  });

  return app;
}
