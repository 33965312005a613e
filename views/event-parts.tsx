// Parts of an Events row: what happened (with the next try of an event that waits) and the Retry
// button of an event that failed or waits.
import type { FC } from 'hono/jsx';
import type { EventListItem } from '../src/admin/events-queries.ts';
import { CsrfInput } from './components.tsx';
import { isoTime, relativeTime } from './format.ts';

/** "waiting: <why>, next try at …" for an event that waits; else its summary. */
export const EventSummary: FC<{ event: Pick<EventListItem, 'state' | 'summary' | 'nextTryAt'> }> = ({ event }) => {
  const summary = event.summary ?? '';
  if (event.state !== 'received' || event.nextTryAt === null) return <>{summary}</>;
  const why = summary.startsWith('waiting') ? summary : `waiting: ${summary}`;
  return (
    <span class="event-waiting">
      {why}, next try at{' '}
      <time datetime={isoTime(event.nextTryAt)} title={relativeTime(event.nextTryAt)}>
        {isoTime(event.nextTryAt)?.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}
      </time>
    </span>
  );
};

export const RetryButton: FC<{ eventId: number; csrfToken: string }> = ({ eventId, csrfToken }) => (
  <form method="post" action={`/events/${eventId}/retry`} class="inline-form">
    <CsrfInput token={csrfToken} />
    <button type="submit" class="button small" data-action="retry-event">
      Retry now
    </button>
  </form>
);
