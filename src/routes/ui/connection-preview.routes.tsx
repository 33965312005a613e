// The Preview page of one connection (/settings/connections/{id}/preview): what its preview run
// would download, what has nothing acceptable, "Run preview" and "Switch off preview and download".
import { Hono, type Context } from 'hono';
import { idParamSchema } from '../../admin/admin-schemas.ts';
import { previewListing } from '../../admin/preview-queries.ts';
import { isHtmxRequest, type UiEnv } from '../../auth/ui-auth.ts';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { findConnection } from '../../connections/connection-store.ts';
import { downloadPreviewed, runPreview, type PreviewActionResult } from '../../connections/preview-actions.ts';
import { PreviewPage } from '../../../views/connection-preview.tsx';
import { chromeOf, sendError, sendPage } from './render.tsx';
import type { AssetUrls } from './static-assets.ts';

const NO_SUCH = 'There is no such connection.';

/** After an action, back to the page (a full load for htmx too), saying what happened. */
function backToPage(c: Context, id: number, done: 'run' | 'download', queued?: number): Response {
  const location = `/settings/connections/${id}/preview?done=${done}${queued !== undefined ? `&queued=${queued}` : ''}`;
  if (isHtmxRequest(c)) {
    c.header('HX-Redirect', location);
    return c.body(null, 200);
  }
  return c.redirect(location, 303);
}

function doneMessage(done: string | undefined, queued: string | undefined): string | undefined {
  if (done === 'run') return 'Preview started: the library is read and every item without a trailer is ranked. Nothing is downloaded. Reload to see the results.';
  const n = Number(queued);
  if (done === 'download' && Number.isInteger(n) && n >= 0) return `Preview is off: ${n === 1 ? '1 trailer download' : `${n} trailer downloads`} queued.`;
  return undefined;
}

export function connectionPreviewRoutes(deps: ServiceDeps, assets: AssetUrls): Hono<UiEnv> {
  const db = deps.database.db;
  const app = new Hono<UiEnv>();
  const idOf = (c: Context) => {
    const parsed = idParamSchema.safeParse(c.req.param('id'));
    return parsed.success ? parsed.data : null;
  };
  const failed = (c: Context, result: Extract<PreviewActionResult, { ok: false }>) => sendError(c, assets, result.status, result.message);

  app.get('/settings/connections/:id/preview', async (c) => {
    const id = idOf(c);
    const row = id === null ? undefined : await findConnection(db, id);
    if (!row) return sendError(c, assets, 404, NO_SUCH);
    const listing = await previewListing(db, row);
    return sendPage(c, <PreviewPage chrome={chromeOf(c, assets)} listing={listing} message={doneMessage(c.req.query('done'), c.req.query('queued'))} />);
  });

  app.post('/settings/connections/:id/preview/run', async (c) => {
    const id = idOf(c);
    if (id === null) return sendError(c, assets, 404, NO_SUCH);
    const result = await runPreview(deps, id);
    return result.ok ? backToPage(c, id, 'run') : failed(c, result);
  });

  app.post('/settings/connections/:id/preview/download', async (c) => {
    const id = idOf(c);
    if (id === null) return sendError(c, assets, 404, NO_SUCH);
    const result = await downloadPreviewed(deps, id);
    return result.ok ? backToPage(c, id, 'download', result.fetchesQueued ?? 0) : failed(c, result);
  });

  return app;
}
