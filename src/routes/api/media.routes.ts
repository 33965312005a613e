import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { blocklistBodySchema, chooseBodySchema, fetchBodySchema, idParamSchema, mediaListQuerySchema, sourceUrlBodySchema, videoIdSchema } from '../../admin/admin-schemas.ts';
import { blocklistVideo, chooseCandidate, deleteOwnTrailer, requestTrailerFetch, setUserSourceUrl, unblockVideo, type ActionResult } from '../../admin/media-actions.ts';
import { getMediaDetail, listMedia } from '../../admin/media-queries.ts';
import { fileResponse, ownedTrailerFile } from '../../admin/trailer-file.ts';
import type { AppDeps } from '../../http/app-deps.ts';
import { errorJson } from '../../http/errors.ts';
import { checked, jsonBody } from './api-request.ts';

function actionReply(c: Context, result: ActionResult, okStatus: 200 | 202) {
  if (!result.ok) return errorJson(c, result.status, result.error, result.message);
  return c.json({ ok: true, message: result.message, ...(result.jobId !== undefined ? { jobId: result.jobId } : {}) }, okStatus);
}

/** /api/v1/media: the library, one item, and every action the item page offers. */
export function mediaApiRoutes(deps: AppDeps): Hono {
  const db = deps.database.db;
  const actionDeps = { db, boss: deps.boss };
  const app = new Hono();

  const idOf = (c: Context) => checked(c, idParamSchema, c.req.param('id'), 'media id');

  app.get('/api/v1/media', async (c) => {
    const query = checked(c, mediaListQuerySchema, c.req.query(), 'query');
    if (!query.ok) return query.response;
    return c.json(await listMedia(db, query.data));
  });

  app.get('/api/v1/media/:id', async (c) => {
    const id = idOf(c);
    if (!id.ok) return id.response;
    const detail = await getMediaDetail(db, id.data);
    if (!detail) return errorJson(c, 404, 'not_found', `No library item with id ${id.data}`);
    return c.json(detail);
  });

  app.get('/api/v1/media/:id/candidates', async (c) => {
    const id = idOf(c);
    if (!id.ok) return id.response;
    const detail = await getMediaDetail(db, id.data);
    if (!detail) return errorJson(c, 404, 'not_found', `No library item with id ${id.data}`);
    const blocked = new Set(detail.blocklist.map((b) => b.videoId));
    return c.json({ candidates: detail.candidates.map((candidate) => ({ ...candidate, blocklisted: blocked.has(candidate.videoId) })), blocklist: detail.blocklist });
  });

  app.post('/api/v1/media/:id/fetch', async (c) => {
    const id = idOf(c);
    if (!id.ok) return id.response;
    const body = await jsonBody(c, fetchBodySchema, { emptyAs: {} });
    if (!body.ok) return body.response;
    return actionReply(c, await requestTrailerFetch(actionDeps, id.data, { force: body.data.force }), 202);
  });

  app.post('/api/v1/media/:id/choose', async (c) => {
    const id = idOf(c);
    if (!id.ok) return id.response;
    const body = await jsonBody(c, chooseBodySchema);
    if (!body.ok) return body.response;
    return actionReply(c, await chooseCandidate(actionDeps, id.data, body.data.videoId), 202);
  });

  app.put('/api/v1/media/:id/source-url', async (c) => {
    const id = idOf(c);
    if (!id.ok) return id.response;
    const body = await jsonBody(c, sourceUrlBodySchema);
    if (!body.ok) return body.response;
    return actionReply(c, await setUserSourceUrl(actionDeps, id.data, body.data.url), body.data.url === null ? 200 : 202);
  });

  app.delete('/api/v1/media/:id/trailer', async (c) => {
    const id = idOf(c);
    if (!id.ok) return id.response;
    return actionReply(c, await deleteOwnTrailer(actionDeps, id.data), 202);
  });

  app.post('/api/v1/media/:id/blocklist', async (c) => {
    const id = idOf(c);
    if (!id.ok) return id.response;
    const body = await jsonBody(c, blocklistBodySchema);
    if (!body.ok) return body.response;
    return actionReply(c, await blocklistVideo(actionDeps, id.data, body.data.videoId, body.data.reason), 200);
  });

  app.delete('/api/v1/media/:id/blocklist/:videoId', async (c) => {
    const params = checked(c, z.object({ id: idParamSchema, videoId: videoIdSchema }), c.req.param(), 'path');
    if (!params.ok) return params.response;
    return actionReply(c, await unblockVideo(actionDeps, params.data.id, params.data.videoId), 200);
  });

  // The placed trailer file (with Range), like the item page's player.
  app.get('/api/v1/media/:id/trailer', async (c) => {
    const id = idOf(c);
    if (!id.ok) return id.response;
    const file = await ownedTrailerFile(db, id.data);
    if (!file) return errorJson(c, 404, 'not_found', 'This item has no trailer file placed by Previewarr.');
    return fileResponse(file, c.req.header('range'), c.req.method);
  });

  return app;
}
