import type { FC } from 'hono/jsx';
import type { MediaDetail } from '../src/admin/media-queries.ts';
import { Card, TextField } from './components.tsx';

/**
 * Previewarr's monitor switch for this item and its exclusion, as in the Arr apps. Answers to its
 * buttons replace the card (htmx); without script the forms post and the page reloads.
 */
export const ItemControlCard: FC<{ detail: MediaDetail; error?: string | undefined; reason?: string | undefined }> = ({ detail, error, reason }) => {
  const item = detail.media;
  const base = `/library/${item.id}`;
  const htmx = { 'hx-target': '#item-control', 'hx-swap': 'outerHTML' };
  return (
    <Card title="Trailer monitoring" id="item-control">
      <p data-monitored={String(item.trailerMonitored)} data-excluded={item.excludedReason === null ? 'false' : 'true'}>
        {item.excludedReason !== null ? (
          <>
            <strong>Excluded</strong>: {item.excludedReason}. Nothing fetches a trailer for it until you include it again.
          </>
        ) : item.trailerMonitored ? (
          'Monitored: backfill and webhooks fetch its trailer.'
        ) : (
          <>
            <strong>Not monitored</strong>: backfill and webhooks leave it alone; “Fetch now” still works.
          </>
        )}
      </p>
      <div class="button-row">
        <form method="post" action={`${base}/monitor`} hx-post={`${base}/monitor`} {...htmx}>
          <input type="hidden" name="monitored" value={item.trailerMonitored ? 'false' : 'true'} />
          <button type="submit" class="button" data-action="monitor">
            {item.trailerMonitored ? 'Unmonitor' : 'Monitor'}
          </button>
        </form>
        {item.excludedReason !== null ? (
          <form method="post" action={`${base}/include`} hx-post={`${base}/include`} {...htmx}>
            <button type="submit" class="button" data-action="include">
              Include again
            </button>
          </form>
        ) : null}
      </div>
      {item.excludedReason === null ? (
        <form class="stacked-form" method="post" action={`${base}/exclude`} hx-post={`${base}/exclude`} {...htmx}>
          <TextField idPrefix="exclude-" name="reason" label="Exclude, because" value={reason ?? ''} error={error} placeholder="for example: no trailer wanted" />
          <div class="button-row">
            <button type="submit" class="button danger" data-action="exclude">
              Exclude
            </button>
          </div>
        </form>
      ) : null}
    </Card>
  );
};
