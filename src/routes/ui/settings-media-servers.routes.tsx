// Settings → Media servers: list, add, Test, enable/disable, delete (htmx card swaps).
import { Hono, type Context } from 'hono';
import { idParamSchema } from '../../admin/admin-schemas.ts';
import type { ServiceDeps } from '../../app/service-deps.ts';
import type { UiEnv } from '../../auth/ui-auth.ts';
import { createMediaServer, deleteMediaServer, testStoredMediaServer, updateMediaServer } from '../../media-servers/media-server-actions.ts';
import { createMediaServerSchema, updateMediaServerSchema } from '../../media-servers/media-server-input.ts';
import { findMediaServer, listMediaServers, toMediaServerView } from '../../media-servers/media-server-store.ts';
import { outboundDepsOf } from '../../outbound/outbound-deps.ts';
import { ToastPartial } from '../../../views/components.tsx';
import { EditMediaServerPage, emptyMediaServerForm, MediaServerCard, MediaServersPage, type MediaServerFormValues } from '../../../views/settings-media-servers.tsx';
import { issueMap, mappingRows, readForm } from './outbound-form.ts';
import { chromeOf, sendError, sendFragment, sendPage } from './render.tsx';
import type { AssetUrls } from './static-assets.ts';

export function mediaServerSettingsRoutes(deps: ServiceDeps, assets: AssetUrls): Hono<UiEnv> {
  const out = outboundDepsOf(deps);
  const app = new Hono<UiEnv>();
  const idOf = (c: Context) => {
    const parsed = idParamSchema.safeParse(c.req.param('id'));
    return parsed.success ? parsed.data : null;
  };
  const page = async (c: Context<UiEnv>, form: MediaServerFormValues, errors: Record<string, string>, status: 200 | 409 | 422 = 200, message?: string) =>
    sendPage(c, <MediaServersPage chrome={chromeOf(c, assets)} servers={(await listMediaServers(out.db)).map(toMediaServerView)} form={form} errors={errors} message={message} />, status);

  app.get('/settings/media-servers', (c) => {
    const saved = c.req.query('saved');
    return page(c, emptyMediaServerForm, {}, 200, saved ? `Saved "${saved}". Press Test to check it.` : undefined);
  });

  const formOf = async (c: Context): Promise<MediaServerFormValues> => {
    const f = await readForm(c);
    return { name: f.text('name'), kind: f.text('kind'), baseUrl: f.text('baseUrl'), token: f.text('token'), enabled: f.flag('enabled'), skipIfTrailer: f.flag('skipIfTrailer'), pathMappings: mappingRows(f) };
  };

  app.post('/settings/media-servers', async (c) => {
    const form = await formOf(c);
    const parsed = createMediaServerSchema.safeParse(form);
    // A refused form never shows the token it was sent back.
    const shown = { ...form, token: '' };
    if (!parsed.success) return page(c, shown, issueMap(parsed.error.issues), 422);
    const created = await createMediaServer(out, parsed.data);
    if (!created.ok) return page(c, shown, { [created.field ?? '_form']: created.message }, 409);
    return c.redirect(`/settings/media-servers?saved=${encodeURIComponent(created.server.name)}`, 303);
  });

  app.get('/settings/media-servers/:id', async (c) => {
    const id = idOf(c);
    const row = id === null ? undefined : await findMediaServer(out.db, id);
    if (!row) return sendError(c, assets, 404, 'There is no such media server.');
    const { id: _id, health: _health, createdAt: _created, updatedAt: _updated, ...form } = toMediaServerView(row);
    return sendPage(c, <EditMediaServerPage chrome={chromeOf(c, assets)} id={row.id} form={form} errors={{}} />);
  });

  // The token shown masked and sent back unchanged keeps the stored one (same address only).
  app.post('/settings/media-servers/:id', async (c) => {
    const id = idOf(c);
    if (id === null) return sendError(c, assets, 404, 'There is no such media server.');
    const form = await formOf(c);
    const edit = (errors: Record<string, string>, status: 404 | 409 | 422) =>
      sendPage(c, <EditMediaServerPage chrome={chromeOf(c, assets)} id={id} form={{ ...form, token: '' }} errors={errors} />, status);
    const parsed = updateMediaServerSchema.safeParse(form);
    if (!parsed.success) return edit(issueMap(parsed.error.issues), 422);
    const updated = await updateMediaServer(out, id, parsed.data);
    if (!updated.ok) return edit({ [updated.field ?? '_form']: updated.message }, updated.problem === 'not-found' ? 404 : updated.problem === 'duplicate-name' ? 409 : 422);
    return c.redirect(`/settings/media-servers?saved=${encodeURIComponent(updated.server.name)}`, 303);
  });

  app.post('/settings/media-servers/:id/test', async (c) => {
    const id = idOf(c);
    const tested = id === null ? undefined : await testStoredMediaServer(out, id);
    if (!tested) return sendError(c, assets, 404, 'There is no such media server.');
    const { test } = tested;
    const message = test.ok ? test.health.message : `Test failed: ${test.message}`;
    return sendFragment(
      c,
      <>
        <MediaServerCard server={toMediaServerView(tested.server)} />
        <ToastPartial kind={test.ok ? 'ok' : 'error'} message={message} />
      </>,
    );
  });

  app.post('/settings/media-servers/:id/:toggle{enable|disable}', async (c) => {
    const id = idOf(c);
    const updated = id === null ? undefined : await updateMediaServer(out, id, { enabled: c.req.param('toggle') === 'enable' });
    if (!updated?.ok) return sendError(c, assets, 404, 'There is no such media server.');
    return sendFragment(c, <MediaServerCard server={toMediaServerView(updated.server)} />);
  });

  app.post('/settings/media-servers/:id/delete', async (c) => {
    const id = idOf(c);
    const row = id === null ? undefined : await findMediaServer(out.db, id);
    if (id === null || !row || !(await deleteMediaServer(out, id))) return sendError(c, assets, 404, 'There is no such media server.');
    return sendFragment(c, <ToastPartial kind="ok" message={`Deleted the media server "${row.name}".`} />);
  });

  return app;
}
