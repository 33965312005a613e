import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import { blocklistBodySchema, chooseBodySchema, idParamSchema, sourceUrlSchema } from '../../admin/admin-schemas.ts';
import { blocklistVideo, chooseCandidate, deleteOwnTrailer, requestTrailerFetch, setUserSourceUrl, unblockVideo, type ActionResult } from '../../admin/media-actions.ts';
import { getMediaDetail, mediaListItem, type MediaDetail } from '../../admin/media-queries.ts';
import { listItemSlots } from '../../admin/slot-queries.ts';
import { fileResponse, ownedTrailerFile } from '../../admin/trailer-file.ts';
import type { UiEnv } from '../../auth/ui-auth.ts';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { QUEUES } from '../../jobs/queues.ts';
import { ToastPartial } from '../../../views/components.tsx';
import { MediaRow } from '../../../views/library.tsx';
import { CandidatesCard } from '../../../views/media-candidates.tsx';
import { SlotsCard } from '../../../views/media-slots.tsx';
import { AttemptsCard, ItemStatus, MediaItemPage, SourceUrlForm } from '../../../views/media-item.tsx';
import { chromeOf, formFields, sendError, sendFragment, sendPage } from './render.tsx';
import type { AssetUrls } from './static-assets.ts';

/** One item: its page, the live status card, the actions on it, and its trailer file. */
export function itemRoutes(deps: ServiceDeps, assets: AssetUrls): Hono<UiEnv> {
  const db = deps.database.db;
  const actionDeps = { db, boss: deps.boss };
  const app = new Hono<UiEnv>();

  const idOf = (c: Context) => {
    const parsed = idParamSchema.safeParse(c.req.param('id'));
    return parsed.success ? parsed.data : null;
  };
  const missing = (c: Context) => sendError(c, assets, 404, 'There is no such item in the library.');

  /** A deletion of this item's trailer is waiting or running: the status card keeps polling. */
  const deletionPending = async (id: number) => {
    if (!deps.boss) return false;
    const jobs = await deps.boss.findJobs(QUEUES.trailerDelete, { data: { mediaId: id }, limit: 50 });
    return jobs.some((job) => job.state === 'created' || job.state === 'retry' || job.state === 'active');
  };

  /** The status card (plus the lists it changes) with a toast saying what happened. */
  /** After an action: the part of the page it changed, re-rendered, and a toast saying what happened. */
  const answer = async (c: Context, id: number, result: ActionResult, part: (detail: MediaDetail) => Promise<Child>) => {
    if (!result.ok) return sendError(c, assets, result.status, result.message);
    const detail = await getMediaDetail(db, id);
    if (!detail) return missing(c);
    return sendFragment(
      c,
      <>
        {await part(detail)}
        <ToastPartial kind="ok" message={result.message} />
      </>,
    );
  };
  const statusAnswer = (c: Context, id: number, result: ActionResult) =>
    answer(c, id, result, async (detail) => <ItemStatus detail={detail} busy={await deletionPending(id)} />);
  const candidatesAnswer = (c: Context, id: number, result: ActionResult) => answer(c, id, result, async (detail) => <CandidatesCard detail={detail} />);

  app.get('/library/:id', async (c) => {
    const id = idOf(c);
    const detail = id === null ? null : await getMediaDetail(db, id);
    if (!detail) return missing(c);
    const slots = (await listItemSlots(db, detail.media.id))?.slots ?? [];
    return sendPage(c, <MediaItemPage chrome={chromeOf(c, assets)} detail={detail} slots={slots} busy={await deletionPending(detail.media.id)} />);
  });

  // Polled by the status card while work runs; the last answer also refreshes the lists below.
  app.get('/library/:id/status', async (c) => {
    const id = idOf(c);
    const detail = id === null ? null : await getMediaDetail(db, id);
    if (!detail) return missing(c);
    const busy = await deletionPending(detail.media.id);
    const settled = !busy && detail.media.trailerStatus !== 'queued' && detail.media.trailerStatus !== 'downloading';
    const slots = settled ? ((await listItemSlots(db, detail.media.id))?.slots ?? []) : [];
    return sendFragment(
      c,
      <>
        <ItemStatus detail={detail} busy={busy} />
        {settled ? (
          <>
            <hx-partial hx-target="#candidates" hx-swap="outerHTML">
              <CandidatesCard detail={detail} />
            </hx-partial>
            <hx-partial hx-target="#attempts" hx-swap="outerHTML">
              <AttemptsCard detail={detail} />
            </hx-partial>
            <hx-partial hx-target="#slots" hx-swap="outerHTML">
              <SlotsCard mediaId={detail.media.id} title={detail.media.title} removed={detail.media.removedAt !== null} slots={slots} />
            </hx-partial>
          </>
        ) : null}
      </>,
    );
  });

  app.post('/library/:id/fetch', async (c) => {
    const id = idOf(c);
    if (id === null) return missing(c);
    const fields = await formFields(c);
    const result = await requestTrailerFetch(actionDeps, id, { force: fields['force'] === 'true' });
    if (fields['view'] !== 'row') return statusAnswer(c, id, result);
    if (!result.ok) return sendError(c, assets, result.status, result.message);
    const item = await mediaListItem(db, id);
    if (!item) return missing(c);
    return sendFragment(
      c,
      <>
        <MediaRow item={item} />
        <ToastPartial kind="ok" message={result.message} />
      </>,
    );
  });

  app.post('/library/:id/choose', async (c) => {
    const id = idOf(c);
    if (id === null) return missing(c);
    const parsed = chooseBodySchema.safeParse({ videoId: (await formFields(c))['videoId'] });
    if (!parsed.success) return sendError(c, assets, 400, 'Choose a video from the list.');
    return statusAnswer(c, id, await chooseCandidate(actionDeps, id, parsed.data.videoId));
  });

  app.post('/library/:id/delete-trailer', async (c) => {
    const id = idOf(c);
    if (id === null) return missing(c);
    return statusAnswer(c, id, await deleteOwnTrailer(actionDeps, id));
  });

  app.post('/library/:id/blocklist', async (c) => {
    const id = idOf(c);
    if (id === null) return missing(c);
    const fields = await formFields(c);
    const parsed = blocklistBodySchema.safeParse({ videoId: fields['videoId'] });
    if (!parsed.success) return sendError(c, assets, 400, 'Choose a video from the list.');
    return candidatesAnswer(c, id, await blocklistVideo(actionDeps, id, parsed.data.videoId));
  });

  app.post('/library/:id/unblock', async (c) => {
    const id = idOf(c);
    if (id === null) return missing(c);
    const parsed = chooseBodySchema.safeParse({ videoId: (await formFields(c))['videoId'] });
    if (!parsed.success) return sendError(c, assets, 400, 'Choose a video from the list.');
    return candidatesAnswer(c, id, await unblockVideo(actionDeps, id, parsed.data.videoId));
  });

  // The pasted-link form: errors beside the field (422, swapped into the form), success updates
  // the form and, through a partial, the status card.
  app.post('/library/:id/source-url', async (c) => {
    const id = idOf(c);
    const detail = id === null ? null : await getMediaDetail(db, id);
    if (id === null || !detail) return missing(c);
    const fields = await formFields(c);
    const raw = fields['forget'] === 'true' ? '' : (fields['url']?.trim() ?? '');
    const parsed = raw === '' ? { success: true as const, data: null } : sourceUrlSchema.safeParse(raw);
    const token = c.get('session').csrfToken;
    if (!parsed.success) {
      return sendFragment(c, <SourceUrlForm detail={detail} csrfToken={token} value={raw} error={parsed.error.issues[0]?.message} />, 422);
    }
    const result = await setUserSourceUrl(actionDeps, id, parsed.data);
    if (!result.ok && result.status === 400) return sendFragment(c, <SourceUrlForm detail={detail} csrfToken={token} value={raw} error={result.message} />, 422);
    if (!result.ok) return sendError(c, assets, result.status, result.message);
    const fresh = (await getMediaDetail(db, id)) ?? detail;
    return sendFragment(
      c,
      <>
        <SourceUrlForm detail={fresh} csrfToken={token} saved={result.message} />
        <hx-partial hx-target="#item-status" hx-swap="outerHTML">
          <ItemStatus detail={fresh} />
        </hx-partial>
        <ToastPartial kind="ok" message={result.message} />
      </>,
    );
  });

  // Only a file this service wrote (recorded in `trailers`), with Range support for seeking.
  const serveTrailer = async (c: Context) => {
    const id = idOf(c);
    const file = id === null ? null : await ownedTrailerFile(db, id);
    if (!file) return c.json({ error: 'not_found', message: 'This item has no trailer file placed by Previewarr.' }, 404);
    return fileResponse(file, c.req.header('range'), c.req.method);
  };
  app.get('/library/:id/trailer', serveTrailer);
  return app;
}
