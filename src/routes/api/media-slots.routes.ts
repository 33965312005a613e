import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { idParamSchema } from '../../admin/admin-schemas.ts';
import type { ActionResult } from '../../admin/media-actions.ts';
import { deleteSlotFile, requestSlotFetch, slotBodySchema, slotFetchBodySchema } from '../../admin/slot-actions.ts';
import { listItemSlots } from '../../admin/slot-queries.ts';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { errorJson } from '../../http/errors.ts';
import { jsonBody, validated } from './json-request.ts';

function actionReply(c: Context, result: ActionResult) {
  if (!result.ok) return errorJson(c, result.status, result.error, result.message, result.issues ? { issues: result.issues } : {});
  return c.json({ ok: true, message: result.message, ...(result.jobId !== undefined ? { jobId: result.jobId } : {}) }, 202);
}

/** /api/v1/media/{id}/slots: every file slot of an item (issue #19), and fetch/replace/delete per slot. */
export function mediaSlotApiRoutes(deps: ServiceDeps): Hono {
  const db = deps.database.db;
  const actionDeps = { db, boss: deps.boss };
  const app = new Hono();
  const mediaId = validated('param', z.object({ id: idParamSchema }), 'media id');

  app.get('/api/v1/media/:id/slots', mediaId, async (c) => {
    const { id } = c.req.valid('param');
    const listed = await listItemSlots(db, id);
    if (!listed) return errorJson(c, 404, 'not_found', `No library item with id ${id}`);
    return c.json(listed);
  });

  app.post('/api/v1/media/:id/slots/fetch', mediaId, async (c) => {
    const { id } = c.req.valid('param');
    const body = await jsonBody(c, slotFetchBodySchema);
    if (!body.ok) return body.response;
    return actionReply(c, await requestSlotFetch(actionDeps, id, body.data));
  });

  app.post('/api/v1/media/:id/slots/delete', mediaId, async (c) => {
    const { id } = c.req.valid('param');
    const body = await jsonBody(c, slotBodySchema);
    if (!body.ok) return body.response;
    return actionReply(c, await deleteSlotFile(actionDeps, id, body.data));
  });

  return app;
}
