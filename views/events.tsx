import type { FC } from 'hono/jsx';
import type { EventsQuery } from '../src/admin/admin-schemas.ts';
import type { EventPage } from '../src/admin/events-queries.ts';
import { isRetryable } from '../src/inbox/event-retry.ts';
import { EVENT_STATE_LABELS, FilterSelect, FilterToolbar, Pagination, StateBadge, TimeAgo } from './components.tsx';
import { EventSummary, RetryButton } from './event-parts.tsx';
import { Layout, type Chrome } from './layout.tsx';

const STATES = ['received', 'processed', 'ignored', 'needs-setup', 'failed'] as const;

export function eventsHref(query: EventsQuery, page = query.page): string {
  const params = new URLSearchParams();
  if (query.state !== 'all') params.set('state', query.state);
  if (query.source !== 'all') params.set('source', query.source);
  if (query.q) params.set('q', query.q);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `/events?${text}` : '/events';
}

export const EventsResults: FC<{ page: EventPage; query: EventsQuery; csrfToken: string }> = ({ page, query, csrfToken }) => (
  <div id="events-results">
    {page.items.length === 0 ? (
      query.q || query.state !== 'all' || query.source !== 'all' ? (
        <p class="empty">No events match these filters.</p>
      ) : (
        <p class="empty">
          No webhooks received yet. Radarr and Sonarr send them once the webhook is set up: the steps are on each connection's card in{' '}
          <a href="/settings/connections">Settings → Connections</a>.
        </p>
      )
    ) : (
      <div class="table-wrap">
        <table class="table events-table stack-sm">
          <thead>
            <tr>
              <th>Received</th>
              <th>From</th>
              <th>Event</th>
              <th>State</th>
              <th>What happened</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((event) => (
              <tr data-event-id={String(event.id)} data-state={event.state}>
                <td>
                  <TimeAgo date={event.receivedAt} />
                </td>
                <td>
                  {event.connectionName ?? event.instanceName ?? '—'}
                  <div class="muted small">{event.source === 'radarr' ? 'Radarr' : 'Sonarr'}</div>
                </td>
                <td>{event.eventType}</td>
                <td>
                  <StateBadge state={event.state} />
                </td>
                <td>
                  <EventSummary event={event} />
                  {event.error ? <div class="error-text">{event.error}</div> : null}
                  {isRetryable(event) ? <RetryButton eventId={event.id} csrfToken={csrfToken} /> : null}
                  {event.state === 'needs-setup' ? (
                    <div class="hint">
                      No connection matches {event.instanceName ? `"${event.instanceName}"` : 'this instance'}.{' '}
                      <a href="/settings/connections">Add a connection</a>
                      {event.instanceName ? ` named "${event.instanceName}"` : ''} and it is processed then.
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
    <Pagination page={page.page} pages={page.pages} total={page.total} label="events" one="event" href={(n) => eventsHref(query, n)} />
  </div>
);

export const EventsPage: FC<{ chrome: Chrome; page: EventPage; query: EventsQuery }> = ({ chrome, page, query }) => (
  <Layout title="Events" chrome={chrome} active="events">
    <h1 class="page-title">Events</h1>
    <FilterToolbar id="events-filters" action="/events" results="events-results" q={query.q} placeholder="Filter by event, instance or summary">
      <FilterSelect name="state" label="State" value={query.state} allLabel="Any state" options={STATES.map((state) => [state, EVENT_STATE_LABELS[state] ?? state])} />
      <FilterSelect
        name="source"
        label="From"
        value={query.source}
        allLabel="Radarr and Sonarr"
        options={[
          ['radarr', 'Radarr'],
          ['sonarr', 'Sonarr'],
        ]}
      />
    </FilterToolbar>
    <EventsResults page={page} query={query} csrfToken={chrome.csrfToken} />
  </Layout>
);
