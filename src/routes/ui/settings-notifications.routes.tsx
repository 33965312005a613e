// Settings → Notifications: list, add, Test, enable/disable, delete (htmx card swaps).
import { Hono, type Context } from 'hono';
import { idParamSchema } from '../../admin/admin-schemas.ts';
import type { ServiceDeps } from '../../app/service-deps.ts';
import type { UiEnv } from '../../auth/ui-auth.ts';
import { createNotificationTarget, deleteNotificationTarget, testStoredNotificationTarget, updateNotificationTarget } from '../../notifications/notification-actions.ts';
import { createNotificationSchema, updateNotificationSchema } from '../../notifications/notification-input.ts';
import { findNotificationTarget, listNotificationTargets, toNotificationView } from '../../notifications/notification-store.ts';
import { outboundDepsOf } from '../../outbound/outbound-deps.ts';
import { ToastPartial } from '../../../views/components.tsx';
import { EditNotificationPage, emptyNotificationForm, NotificationCard, NotificationsPage, type NotificationFormValues } from '../../../views/settings-notifications.tsx';
import { issueMap, readForm } from './outbound-form.ts';
import { chromeOf, sendError, sendFragment, sendPage } from './render.tsx';
import type { AssetUrls } from './static-assets.ts';

export function notificationSettingsRoutes(deps: ServiceDeps, assets: AssetUrls): Hono<UiEnv> {
  const out = outboundDepsOf(deps);
  const app = new Hono<UiEnv>();
  const idOf = (c: Context) => {
    const parsed = idParamSchema.safeParse(c.req.param('id'));
    return parsed.success ? parsed.data : null;
  };
  const page = async (c: Context<UiEnv>, form: NotificationFormValues, errors: Record<string, string>, status: 200 | 409 | 422 = 200, message?: string) =>
    sendPage(c, <NotificationsPage chrome={chromeOf(c, assets)} targets={(await listNotificationTargets(out.db)).map(toNotificationView)} form={form} errors={errors} message={message} />, status);

  app.get('/settings/notifications', (c) => {
    const saved = c.req.query('saved');
    return page(c, emptyNotificationForm, {}, 200, saved ? `Saved "${saved}". Press Test to send a test message.` : undefined);
  });

  const formOf = async (c: Context): Promise<NotificationFormValues> => {
    const f = await readForm(c);
    return { name: f.text('name'), kind: f.text('kind'), url: f.text('url'), secret: f.text('secret'), recipient: f.text('recipient'), events: f.list('events'), enabled: f.flag('enabled') };
  };

  app.post('/settings/notifications', async (c) => {
    const form = await formOf(c);
    const parsed = createNotificationSchema.safeParse(form);
    // A refused form never shows the secret (nor a Discord URL, which holds one) it was sent.
    const shown = { ...form, secret: '', url: form.kind === 'discord' ? '' : form.url };
    if (!parsed.success) return page(c, shown, issueMap(parsed.error.issues), 422);
    const created = await createNotificationTarget(out, parsed.data);
    if (!created.ok) return page(c, shown, { [created.field ?? '_form']: created.message }, 409);
    return c.redirect(`/settings/notifications?saved=${encodeURIComponent(created.target.name)}`, 303);
  });

  app.get('/settings/notifications/:id', async (c) => {
    const id = idOf(c);
    const row = id === null ? undefined : await findNotificationTarget(out.db, id);
    if (!row) return sendError(c, assets, 404, 'There is no such notification target.');
    const { id: _id, health: _health, createdAt: _created, updatedAt: _updated, ...form } = toNotificationView(row);
    return sendPage(c, <EditNotificationPage chrome={chromeOf(c, assets)} id={row.id} form={form} errors={{}} />);
  });

  // A secret shown masked and sent back unchanged keeps the stored one (same address only); an
  // empty one too, for kinds where it is optional and the form shows none.
  app.post('/settings/notifications/:id', async (c) => {
    const id = idOf(c);
    if (id === null) return sendError(c, assets, 404, 'There is no such notification target.');
    const form = await formOf(c);
    const edit = (errors: Record<string, string>, status: 404 | 409 | 422) =>
      sendPage(c, <EditNotificationPage chrome={chromeOf(c, assets)} id={id} form={{ ...form, secret: '' }} errors={errors} />, status);
    const { secret, ...rest } = form;
    const parsed = updateNotificationSchema.safeParse(secret.trim() === '' ? rest : form);
    if (!parsed.success) return edit(issueMap(parsed.error.issues), 422);
    const updated = await updateNotificationTarget(out, id, parsed.data);
    if (!updated.ok) return edit({ [updated.field ?? '_form']: updated.message }, updated.problem === 'not-found' ? 404 : updated.problem === 'duplicate-name' ? 409 : 422);
    return c.redirect(`/settings/notifications?saved=${encodeURIComponent(updated.target.name)}`, 303);
  });

  app.post('/settings/notifications/:id/test', async (c) => {
    const id = idOf(c);
    const tested = id === null ? undefined : await testStoredNotificationTarget(out, id);
    if (!tested) return sendError(c, assets, 404, 'There is no such notification target.');
    return sendFragment(
      c,
      <>
        <NotificationCard target={toNotificationView(tested.target)} />
        <ToastPartial kind={tested.test.ok ? 'ok' : 'error'} message={tested.test.message} />
      </>,
    );
  });

  app.post('/settings/notifications/:id/:toggle{enable|disable}', async (c) => {
    const id = idOf(c);
    const updated = id === null ? undefined : await updateNotificationTarget(out, id, { enabled: c.req.param('toggle') === 'enable' });
    if (!updated?.ok) return sendError(c, assets, 404, 'There is no such notification target.');
    return sendFragment(c, <NotificationCard target={toNotificationView(updated.target)} />);
  });

  app.post('/settings/notifications/:id/delete', async (c) => {
    const id = idOf(c);
    const row = id === null ? undefined : await findNotificationTarget(out.db, id);
    if (id === null || !row || !(await deleteNotificationTarget(out, id))) return sendError(c, assets, 404, 'There is no such notification target.');
    return sendFragment(c, <ToastPartial kind="ok" message={`Deleted the notification "${row.name}".`} />);
  });

  return app;
}
