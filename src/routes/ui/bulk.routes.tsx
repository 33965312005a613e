import { Hono } from 'hono';
import { bulkRequestSchema, bulkSummary, runBulk } from '../../admin/bulk-actions.ts';
import type { UiEnv } from '../../auth/ui-auth.ts';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { ToastPartial } from '../../../views/components.tsx';
import { sendError, sendFragment } from './render.tsx';
import type { AssetUrls } from './static-assets.ts';

/** The library's bulk bar: `ids` repeated (one per ticked row) and one `action`. */
export function bulkRoutes(deps: ServiceDeps, assets: AssetUrls): Hono<UiEnv> {
  const app = new Hono<UiEnv>();
  app.post('/library/bulk', async (c) => {
    const body = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
    const ids = body['ids'] === undefined ? [] : Array.isArray(body['ids']) ? body['ids'] : [body['ids']];
    const parsed = bulkRequestSchema.safeParse({ action: body['action'], ids });
    if (!parsed.success) return sendError(c, assets, 400, parsed.error.issues[0]?.message ?? 'Choose an action and some items.');
    const outcome = await runBulk({ db: deps.database.db, boss: deps.boss }, parsed.data.action, parsed.data.ids);
    const summary = bulkSummary(outcome);
    return sendFragment(
      c,
      <>
        <span data-done={String(outcome.done.length)} data-refused={String(outcome.refused.length)}>
          {summary}
        </span>
        <ToastPartial kind={outcome.refused.length > 0 && outcome.done.length === 0 ? 'error' : 'ok'} message={summary} />
      </>,
    );
  });
  return app;
}
