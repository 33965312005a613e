import { Hono, type Context } from 'hono';
import { idParamSchema } from '../../admin/admin-schemas.ts';
import type { ActionResult } from '../../admin/media-actions.ts';
import { deleteSlotFile, requestSlotFetch, slotFetchBodySchema } from '../../admin/slot-actions.ts';
import { getMediaDetail } from '../../admin/media-queries.ts';
import { listItemSlots } from '../../admin/slot-queries.ts';
import type { UiEnv } from '../../auth/ui-auth.ts';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { QUEUES } from '../../jobs/queues.ts';
import { ToastPartial } from '../../../views/components.tsx';
import { SlotsCard } from '../../../views/media-slots.tsx';
import { formFields, sendError, sendFragment } from './render.tsx';
import type { AssetUrls } from './static-assets.ts';

/** The item page's Files section: polled while a slot works, and the per-slot actions. */
export function itemSlotRoutes(deps: ServiceDeps, assets: AssetUrls): Hono<UiEnv> {
  const db = deps.database.db;
  const actionDeps = { db, boss: deps.boss };
  const app = new Hono<UiEnv>();
  const missing = (c: Context) => sendError(c, assets, 404, 'There is no such item in the library.');
  const idOf = (c: Context) => {
    const parsed = idParamSchema.safeParse(c.req.param('id'));
    return parsed.success ? parsed.data : null;
  };

  /** A deletion of this item's files waits or runs: the card keeps polling until it is done. */
  const deletionPending = async (id: number) => {
    if (!deps.boss) return false;
    const jobs = await deps.boss.findJobs(QUEUES.trailerDelete, { data: { mediaId: id }, limit: 50 });
    return jobs.some((job) => job.state === 'created' || job.state === 'retry' || job.state === 'active');
  };

  const card = async (c: Context, id: number, result?: ActionResult) => {
    if (result && !result.ok) return sendError(c, assets, result.status, result.message);
    const detail = await getMediaDetail(db, id);
    const listed = await listItemSlots(db, id);
    if (!detail || !listed) return missing(c);
    return sendFragment(
      c,
      <>
        <SlotsCard mediaId={id} title={detail.media.title} removed={detail.media.removedAt !== null} slots={listed.slots} busy={await deletionPending(id)} />
        {result ? <ToastPartial kind="ok" message={result.message} /> : null}
      </>,
    );
  };

  /** The form's text → the API's slot body (season empty: the whole item). */
  const slotBody = async (c: Context) => {
    const fields = await formFields(c);
    const number = (text: string | undefined) => (text !== undefined && /^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : text);
    const season = fields['season']?.trim();
    return slotFetchBodySchema.safeParse({
      profileId: number(fields['profileId']),
      ...(season ? { season: number(season) } : {}),
      replace: fields['replace'] === 'true',
    });
  };

  app.get('/library/:id/slots', async (c) => {
    const id = idOf(c);
    return id === null ? missing(c) : card(c, id);
  });

  app.post('/library/:id/slots/fetch', async (c) => {
    const id = idOf(c);
    if (id === null) return missing(c);
    const body = await slotBody(c);
    if (!body.success) return sendError(c, assets, 400, 'Choose a file slot of this item.');
    return card(c, id, await requestSlotFetch(actionDeps, id, body.data));
  });

  app.post('/library/:id/slots/delete', async (c) => {
    const id = idOf(c);
    if (id === null) return missing(c);
    const body = await slotBody(c);
    if (!body.success) return sendError(c, assets, 400, 'Choose a file slot of this item.');
    const { replace: _replace, ...slot } = body.data;
    return card(c, id, await deleteSlotFile(actionDeps, id, slot));
  });

  return app;
}
