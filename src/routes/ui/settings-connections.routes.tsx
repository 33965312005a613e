import { Hono, type Context } from 'hono';
import { idParamSchema } from '../../admin/admin-schemas.ts';
import { createConnection, deleteConnection, testStoredConnection, updateConnection, type ConnectionProblem } from '../../connections/connection-actions.ts';
import { createConnectionSchema, updateConnectionSchema } from '../../connections/connection-input.ts';
import { findConnection, isMaskedKey, listConnections, toConnectionView } from '../../connections/connection-store.ts';
import type { UiEnv } from '../../auth/ui-auth.ts';
import { enqueueSyncs } from '../../sync/reconcile.ts';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { ToastPartial } from '../../../views/components.tsx';
import { ConnectionCard, ConnectionsPage, EditConnectionPage, emptyConnectionForm, type ConnectionFormValues } from '../../../views/settings-connections.tsx';
import { chromeOf, sendError, sendFragment, sendPage } from './render.tsx';
import type { AssetUrls } from './static-assets.ts';

/** This page's own address as the browser sees it (a reverse proxy may say so in X-Forwarded-*), with URL_BASE. */
function publicOrigin(c: Context, urlBase: string): string {
  const url = new URL(c.req.url);
  const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() || url.protocol.replace(':', '');
  const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim() || c.req.header('host') || url.host;
  return `${proto}://${host}${urlBase}`;
}

/** The connection form as typed: repeated mapping inputs pair up by position; blank rows drop. */
async function connectionForm(c: Context): Promise<ConnectionFormValues> {
  const body = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
  const text = (key: string) => {
    const value = body[key];
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    return typeof last === 'string' ? last : '';
  };
  const list = (key: string) => {
    const value = body[key];
    return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => (typeof v === 'string' ? v : ''));
  };
  const remote = list('remotePrefix');
  const local = list('localPrefix');
  const pathMappings = remote
    .map((remotePrefix, i) => ({ remotePrefix: remotePrefix.trim(), localPrefix: (local[i] ?? '').trim() }))
    .filter((m) => m.remotePrefix !== '' || m.localPrefix !== '');
  return {
    name: text('name'),
    kind: text('kind') === 'sonarr' ? 'sonarr' : 'radarr',
    baseUrl: text('baseUrl'),
    apiKey: text('apiKey'),
    enabled: text('enabled') === 'true',
    previewOnly: text('previewOnly') === 'true',
    pathMappings,
  };
}

/** Zod issues keyed by their full path ("pathMappings.0.localPrefix"), first message each. */
function issueMap(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[issue.path.map(String).join('.') || '_form'] ??= issue.message;
  return errors;
}

function problemErrors(problem: ConnectionProblem): Record<string, string> {
  return problem.problem === 'duplicate-name' ? { name: problem.message } : { _form: problem.message };
}

/** Settings → Connections, built on the connections module's own schemas and actions. */
/** After a save: what the test run on save found, from the stored health (a 401 is not "Saved"). */
async function savedMessage(db: ServiceDeps['database']['db'], name: string): Promise<{ ok: boolean; text: string }> {
  const row = (await listConnections(db)).find((connection) => connection.name === name);
  const health = row?.health;
  if (!health) return { ok: true, text: `Saved "${name}". Press Test to check it, then set up the webhook shown on its card.` };
  if (!health.ok) return { ok: false, text: `Saved "${name}", but it does not work yet: ${health.message}` };
  return { ok: true, text: `Saved "${name}". ${health.message} Set up the webhook shown on its card.` };
}

export function connectionSettingsRoutes(deps: ServiceDeps, assets: AssetUrls): Hono<UiEnv> {
  const db = deps.database.db;
  const app = new Hono<UiEnv>();

  const listPage = async (
    c: Context<UiEnv>,
    form: ConnectionFormValues,
    errors: Record<string, string>,
    status: 200 | 409 | 422 = 200,
    message?: { ok: boolean; text: string },
  ) => {
    const connections = (await listConnections(db)).map(toConnectionView);
    return sendPage(c, <ConnectionsPage chrome={chromeOf(c, assets)} connections={connections} origin={publicOrigin(c, deps.env.URL_BASE)} form={form} errors={errors} message={message} />, status);
  };
  const idOf = (c: Context) => {
    const parsed = idParamSchema.safeParse(c.req.param('id'));
    return parsed.success ? parsed.data : null;
  };

  // The connection card's "Copy API key": the key goes to the clipboard without being in the page.
  // A POST (before the /:id routes; it carries the CSRF token and is never cached or prefetched).
  app.post('/settings/connections/api-key', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.text(deps.apiKey.current());
  });

  app.get('/settings/connections', async (c) => {
    const saved = c.req.query('saved');
    return listPage(c, emptyConnectionForm, {}, 200, saved ? await savedMessage(db, saved) : undefined);
  });

  app.post('/settings/connections', async (c) => {
    const form = await connectionForm(c);
    const parsed = createConnectionSchema.safeParse(form);
    if (!parsed.success) return listPage(c, form, issueMap(parsed.error.issues), 422);
    const created = await createConnection(deps, parsed.data);
    if (!created.ok) return listPage(c, form, problemErrors(created), 409);
    return c.redirect(`/settings/connections?saved=${encodeURIComponent(created.connection.name)}`, 303);
  });

  app.get('/settings/connections/:id', async (c) => {
    const id = idOf(c);
    const row = id === null ? undefined : await findConnection(db, id);
    if (!row) return sendError(c, assets, 404, 'There is no such connection.');
    const view = toConnectionView(row);
    const form: ConnectionFormValues = { name: view.name, kind: view.kind, baseUrl: view.baseUrl, apiKey: view.apiKey, enabled: view.enabled, previewOnly: view.previewOnly, pathMappings: view.pathMappings };
    return sendPage(c, <EditConnectionPage chrome={chromeOf(c, assets)} id={row.id} form={form} errors={{}} />);
  });

  app.post('/settings/connections/:id', async (c) => {
    const id = idOf(c);
    if (id === null) return sendError(c, assets, 404, 'There is no such connection.');
    const form = await connectionForm(c);
    const edit = (errors: Record<string, string>, status: 404 | 409 | 422) =>
      sendPage(c, <EditConnectionPage chrome={chromeOf(c, assets)} id={id} form={form} errors={errors} />, status);
    // A key shown masked and sent back unchanged keeps the stored key.
    const { apiKey, ...rest } = form;
    const parsed = updateConnectionSchema.safeParse(isMaskedKey(apiKey.trim()) ? rest : form);
    if (!parsed.success) return edit(issueMap(parsed.error.issues), 422);
    const updated = await updateConnection(deps, id, parsed.data);
    if (!updated.ok) return edit(problemErrors(updated), updated.problem === 'not-found' ? 404 : updated.problem === 'key-required' ? 422 : 409);
    return c.redirect(`/settings/connections?saved=${encodeURIComponent(updated.connection.name)}`, 303);
  });

  app.post('/settings/connections/:id/test', async (c) => {
    const id = idOf(c);
    const tested = id === null ? undefined : await testStoredConnection(deps, id);
    if (!tested) return sendError(c, assets, 404, 'There is no such connection.');
    const message = tested.result.ok ? tested.health.message : `Test failed: ${tested.result.message}`;
    return sendFragment(
      c,
      <>
        <ConnectionCard connection={toConnectionView(tested.connection)} origin={publicOrigin(c, deps.env.URL_BASE)} />
        <ToastPartial kind={tested.result.ok ? 'ok' : 'error'} message={message} />
      </>,
    );
  });

  // Reads the whole library from the Arr now (the same as POST /api/v1/sync?connectionId=).
  app.post('/settings/connections/:id/sync', async (c) => {
    const id = idOf(c);
    const row = id === null ? undefined : await findConnection(db, id);
    if (!row) return sendError(c, assets, 404, 'There is no such connection.');
    if (!row.enabled) return sendError(c, assets, 409, `"${row.name}" is disabled; enable it to sync.`);
    if (!deps.boss) return sendError(c, assets, 503, 'The job queue is not running; try again in a moment.');
    await enqueueSyncs({ database: deps.database, boss: deps.boss }, 'manual', [row.id]);
    return sendFragment(
      c,
      <>
        <ConnectionCard connection={toConnectionView(row)} origin={publicOrigin(c, deps.env.URL_BASE)} />
        <ToastPartial kind="ok" message={`Library sync queued for "${row.name}".`} />
      </>,
    );
  });

  app.post('/settings/connections/:id/delete', async (c) => {
    const id = idOf(c);
    const row = id === null ? undefined : await findConnection(db, id);
    if (id === null || !row || !(await deleteConnection(deps, id))) return sendError(c, assets, 404, 'There is no such connection.');
    return sendFragment(c, <ToastPartial kind="ok" message={`Deleted the connection "${row.name}".`} />);
  });

  return app;
}
