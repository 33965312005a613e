// /api/v1/notifications: list, get, create, update, delete, test (stored or not yet saved).
import { Hono, type Context } from 'hono';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { errorJson } from '../../http/errors.ts';
import {
  createNotificationTarget,
  deleteNotificationTarget,
  sendTestMessage,
  testStoredNotificationTarget,
  updateNotificationTarget,
} from '../../notifications/notification-actions.ts';
import { createNotificationSchema, updateNotificationSchema } from '../../notifications/notification-input.ts';
import { findNotificationTarget, listNotificationTargets } from '../../notifications/notification-store.ts';
import { outboundDepsOf } from '../../outbound/outbound-deps.ts';
import { requireApiKeyOrSession } from './api-auth.ts';
import { z } from 'zod';
import { idParamSchema } from '../../admin/admin-schemas.ts';
import { jsonBody, jsonBodyLimit, MAX_API_BODY_BYTES, validated } from './json-request.ts';
import { notificationReply, targetProblemResponse } from './outbound-replies.ts';

export function notificationRoutes(deps: ServiceDeps): Hono {
  const out = outboundDepsOf(deps);
  const api = new Hono();
  const idParam = validated('param', z.object({ id: idParamSchema }), 'notification target id');
  api.use('*', jsonBodyLimit(MAX_API_BODY_BYTES), requireApiKeyOrSession(deps.database.db, () => deps.apiKey.current()));
  const notFound = (c: Context, id: number) => errorJson(c, 404, 'not_found', `No notification target with id ${id}.`);

  api.get('/', async (c) => c.json({ notifications: (await listNotificationTargets(out.db)).map(notificationReply) }));

  api.post('/', async (c) => {
    const input = await jsonBody(c, createNotificationSchema, { what: 'notification target' });
    if (!input.ok) return input.response;
    const created = await createNotificationTarget(out, input.data);
    return created.ok ? c.json({ notification: notificationReply(created.target) }, 201) : targetProblemResponse(c, created);
  });

  api.post('/test', async (c) => {
    const input = await jsonBody(c, createNotificationSchema, { what: 'notification target' });
    if (!input.ok) return input.response;
    return c.json(await sendTestMessage(input.data));
  });

  api.get('/:id', idParam, async (c) => {
    const { id } = c.req.valid('param');
    const row = await findNotificationTarget(out.db, id);
    return row ? c.json({ notification: notificationReply(row) }) : notFound(c, id);
  });

  api.on(['PUT', 'PATCH'], '/:id', idParam, async (c) => {
    const { id } = c.req.valid('param');
    const input = await jsonBody(c, updateNotificationSchema, { what: 'change' });
    if (!input.ok) return input.response;
    const updated = await updateNotificationTarget(out, id, input.data);
    return updated.ok ? c.json({ notification: notificationReply(updated.target) }) : targetProblemResponse(c, updated);
  });

  api.delete('/:id', idParam, async (c) => {
    const { id } = c.req.valid('param');
    return (await deleteNotificationTarget(out, id)) ? c.body(null, 204) : notFound(c, id);
  });

  api.post('/:id/test', idParam, async (c) => {
    const { id } = c.req.valid('param');
    const tested = await testStoredNotificationTarget(out, id);
    return tested ? c.json({ ...tested.test, notification: notificationReply(tested.target) }) : notFound(c, id);
  });

  const app = new Hono();
  app.route('/api/v1/notifications', api);
  return app;
}
