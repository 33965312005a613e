import { Hono, type Context } from 'hono';
import { idParamSchema } from '../../admin/admin-schemas.ts';
import { excludeItem, excludeReasonSchema, includeItem, setTrailerMonitored } from '../../admin/item-control.ts';
import type { ActionResult } from '../../admin/media-actions.ts';
import { getMediaDetail } from '../../admin/media-queries.ts';
import type { UiEnv } from '../../auth/ui-auth.ts';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { ToastPartial } from '../../../views/components.tsx';
import { ItemControlCard } from '../../../views/item-control.tsx';
import { formFields, sendError, sendFragment } from './render.tsx';
import type { AssetUrls } from './static-assets.ts';

/** Monitor / unmonitor / exclude / include one item: each answers with the card and a toast. */
export function itemControlRoutes(deps: ServiceDeps, assets: AssetUrls): Hono<UiEnv> {
  const db = deps.database.db;
  const app = new Hono<UiEnv>();
  const idOf = (c: Context) => {
    const parsed = idParamSchema.safeParse(c.req.param('id'));
    return parsed.success ? parsed.data : null;
  };
  const card = async (c: Context, id: number | null, result: ActionResult | null, form: { error?: string; reason?: string } = {}) => {
    const detail = id === null ? null : await getMediaDetail(db, id);
    if (!detail) return sendError(c, assets, 404, 'There is no such item in the library.');
    if (result && !result.ok) return sendError(c, assets, result.status, result.message);
    return sendFragment(
      c,
      <>
        <ItemControlCard detail={detail} error={form.error} reason={form.reason} />
        {result ? <ToastPartial kind="ok" message={result.message} /> : null}
      </>,
      form.error ? 422 : 200,
    );
  };

  app.post('/library/:id/monitor', async (c) => {
    const id = idOf(c);
    const value = (await formFields(c))['monitored'];
    if (value !== 'true' && value !== 'false') return sendError(c, assets, 400, 'monitored must be true or false.');
    return card(c, id, id === null ? null : await setTrailerMonitored(db, id, value === 'true'));
  });

  app.post('/library/:id/exclude', async (c) => {
    const id = idOf(c);
    const raw = (await formFields(c))['reason'] ?? '';
    const parsed = excludeReasonSchema.safeParse(raw);
    if (!parsed.success) return card(c, id, null, { error: parsed.error.issues[0]?.message ?? 'Say why', reason: raw });
    return card(c, id, id === null ? null : await excludeItem(db, id, parsed.data));
  });

  app.post('/library/:id/include', async (c) => {
    const id = idOf(c);
    return card(c, id, id === null ? null : await includeItem(db, id));
  });
  return app;
}
