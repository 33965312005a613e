import type { FC } from 'hono/jsx';
import type { connectionsHealth, QueueSummary } from '../src/admin/dashboard-queries.ts';
import type { EventListItem } from '../src/admin/events-queries.ts';
import { Card, StateBadge, TimeAgo } from './components.tsx';
import { Layout, type Chrome } from './layout.tsx';
import { HealthPanel } from './system.tsx';
import { ProcessSettingsWarning } from './process-settings-warning.tsx';
import type { SettingMismatch } from '../src/domain/setting-mismatch.ts';
import { MediaServersPanel } from './media-server-health.tsx';
import type { MediaServerView } from '../src/media-servers/media-server-store.ts';
import { CoolOffBanner, ProgressList, StatusCountsPanel, type LiveSnapshot } from './progress.tsx';

export type ConnectionHealthRow = Awaited<ReturnType<typeof connectionsHealth>>[number];

export type DashboardProps = LiveSnapshot & {
  chrome: Chrome;
  queue: QueueSummary;
  events: EventListItem[];
  connections: ConnectionHealthRow[];
  settingMismatches?: SettingMismatch[];
  mediaServers?: MediaServerView[];
};

const QUEUE_LABELS: Record<string, string> = {
  'trailer-fetch': 'Trailer downloads',
  'webhook-event': 'Webhook events',
  'library-sync': 'Library syncs',
  'trailer-rename': 'Renames',
  'trailer-delete': 'Deletions',
};

const QueuePanel: FC<{ queue: QueueSummary }> = ({ queue }) => (
  <Card title="Queue" id="queue">
    <table class="table compact">
      <thead>
        <tr>
          <th>Queue</th>
          <th class="num">Waiting</th>
          <th class="num">Running</th>
          <th class="num">Later</th>
          <th class="num">Failed</th>
        </tr>
      </thead>
      <tbody>
        {queue.queues.map((q) => (
          <tr data-queue={q.name}>
            <td>{QUEUE_LABELS[q.name] ?? q.name}</td>
            <td class="num" data-count="waiting">{q.waiting}</td>
            <td class="num" data-count="running">{q.running}</td>
            <td class="num" data-count="later">{q.later}</td>
            <td class="num" data-count="failed">{q.failed}</td>
          </tr>
        ))}
      </tbody>
    </table>
    {queue.upcoming.length > 0 ? (
      <>
        <h3 class="subheading">Next up</h3>
        <ul class="plain-list">
          {queue.upcoming.map((job) => (
            <li>
              <a href={`/library/${job.mediaId}`}>{job.title}</a> <span class="muted">({job.reason === 'user' ? 'you asked' : 'imported'})</span>
            </li>
          ))}
        </ul>
      </>
    ) : null}
  </Card>
);

const ConnectionsPanel: FC<{ connections: ConnectionHealthRow[] }> = ({ connections }) => (
  <Card title="Connections" id="connections-health" actions={<a href="/settings/connections">Manage</a>}>
    {connections.length === 0 ? (
      <p class="empty">
        No Radarr or Sonarr yet. <a href="/settings/connections">Add a connection</a> to start.
      </p>
    ) : (
      <ul class="health-list">
        {connections.map((conn) => {
          const state = !conn.enabled ? 'disabled' : !conn.health ? 'unknown' : conn.health.ok ? 'ok' : 'error';
          return (
            <li class={`health health-${state}`} data-connection={conn.name}>
              <span class="dot" aria-hidden="true" />
              <span class="health-name">{conn.name}</span>
              <span class="muted">{conn.kind === 'radarr' ? 'Radarr' : 'Sonarr'}</span>
              <span class="health-message">
                {state === 'disabled' ? 'Disabled' : conn.health ? conn.health.message : 'Not tested yet'}
              </span>
              <span class="muted">
                synced <TimeAgo date={conn.lastSyncAt} />
              </span>
            </li>
          );
        })}
      </ul>
    )}
  </Card>
);

const EventsPanel: FC<{ events: EventListItem[] }> = ({ events }) => (
  <Card title="Recent events" id="recent-events" actions={<a href="/events">All events</a>}>
    {events.length === 0 ? (
      <p class="empty">
        No webhooks received yet. <a href="/settings/connections">Set up the webhook</a> in Radarr and Sonarr.
      </p>
    ) : (
      <ul class="event-list">
        {events.map((event) => (
          <li>
            <StateBadge state={event.state} />
            <span class="event-type">{event.eventType}</span>
            <span class="muted">{event.instanceName ?? event.source}</span>
            <span class="event-summary">{event.summary ?? event.error ?? ''}</span>
            <TimeAgo date={event.receivedAt} />
          </li>
        ))}
      </ul>
    )}
  </Card>
);

export const DashboardPage: FC<DashboardProps> = (props) => (
  <Layout title="Dashboard" chrome={props.chrome} active="dashboard">
    <h1 class="page-title">Dashboard</h1>
    <CoolOffBanner status={props.coolOff} />
    <ProcessSettingsWarning mismatches={props.settingMismatches ?? []} />
    <StatusCountsPanel counts={props.counts} />
    <div class="grid">
      <Card title="Activity" id="activity" class="span-2">
        <div id="live-progress" hx-sse:connect="/live/dashboard">
          <ProgressList rows={props.progress} />
        </div>
      </Card>
      <QueuePanel queue={props.queue} />
      <ConnectionsPanel connections={props.connections} />
      <HealthPanel />
      <MediaServersPanel servers={props.mediaServers ?? []} />
      <EventsPanel events={props.events} />
    </div>
  </Layout>
);
