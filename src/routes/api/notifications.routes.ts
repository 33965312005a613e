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
import { apiBodyLimit, parseId, parseJsonBody } from './json-request.ts';
import { notificationReply, targetProblemResponse } from './outbound-replies.ts';

export function notificationRoutes(deps: ServiceDeps): Hono {
  const out = outboundDepsOf(deps);
  const api = new Hono();
  api.use('*', apiBodyLimit, requireApiKeyOrSession(deps.database.db, () => deps.apiKey.current()));
  const notFound = (c: Context, id: number) => errorJson(c, 404, 'not_found', `No notification target with id ${id}.`);

  api.get('/', async (c) => c.json({ notifications: (await listNotificationTargets(out.db)).map(notificationReply) }));

  api.post('/', async (c) => {
    const input = await parseJsonBody(c, createNotificationSchema, 'notification target');
    if (!input.ok) return input.response;
    const created = await createNotificationTarget(out, input.data);
    return created.ok ? c.json({ notification: notificationReply(created.target) }, 201) : targetProblemResponse(c, created);
  });

  api.post('/test', async (c) => {
    const input = await parseJsonBody(c, createNotificationSchema, 'notification target');
    if (!input.ok) return input.response;
    return c.json(await sendTestMessage(input.data));
  });

  api.get('/:id', async (c) => {
    const id = parseId(c, c.req.param('id'), 'id');
    if (!id.ok) return id.response;
    const row = await findNotificationTarget(out.db, id.data);
    return row ? c.json({ notification: notificationReply(row) }) : notFound(c, id.data);
  });

  const update = async (c: Context) => {
    const id = parseId(c, c.req.param('id'), 'id');
    if (!id.ok) return id.response;
    const input = await parseJsonBody(c, updateNotificationSchema, 'change');
    if (!input.ok) return input.response;
    const updated = await updateNotificationTarget(out, id.data, input.data);
    return updated.ok ? c.json({ notification: notificationReply(updated.target) }) : targetProblemResponse(c, updated);
  };
  api.put('/:id', update);
  api.patch('/:id', update);

  api.delete('/:id', async (c) => {
    const id = parseId(c, c.req.param('id'), 'id');
    if (!id.ok) return id.response;
    return (await deleteNotificationTarget(out, id.data)) ? c.body(null, 204) : notFound(c, id.data);
  });

  api.post('/:id/test', async (c) => {
    const id = parseId(c, c.req.param('id'), 'id');
    if (!id.ok) return id.response;
    const tested = await testStoredNotificationTarget(out, id.data);
    return tested ? c.json({ ...tested.test, notification: notificationReply(tested.target) }) : notFound(c, id.data);
  });

  const app = new Hono();
  app.route('/api/v1/notifications', api);
  return app;
}
