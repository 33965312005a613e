import type { FC } from 'hono/jsx';
import { MEDIA_SERVER_LABELS } from '../src/media-servers/media-server-client.ts';
import type { MediaServerView } from '../src/media-servers/media-server-store.ts';
import { Card, TimeAgo } from './components.tsx';
import { healthState } from './outbound-parts.tsx';

/** Dashboard: each media server's state after its last refresh or Test. */
export const MediaServersPanel: FC<{ servers: MediaServerView[] }> = ({ servers }) => (
  <Card title="Media servers" id="media-servers-health" actions={<a href="/settings/media-servers">Manage</a>}>
    {servers.length === 0 ? (
      <p class="empty">
        No Plex, Jellyfin or Emby yet. <a href="/settings/media-servers">Add one</a> so new trailers show up at once.
      </p>
    ) : (
      <ul class="health-list">
        {servers.map((server) => {
          const state = healthState(server.enabled, server.health);
          return (
            <li class={`health health-${state}`} data-mediaserver={server.name}>
              <span class="dot" aria-hidden="true" />
              <span class="health-name">{server.name}</span>
              <span class="muted">{MEDIA_SERVER_LABELS[server.kind]}</span>
              <span class="health-message">{state === 'disabled' ? 'Disabled' : server.health ? server.health.message : 'Not tested yet'}</span>
              <span class="muted">{server.health ? <TimeAgo date={server.health.checkedAt} /> : null}</span>
            </li>
          );
        })}
      </ul>
    )}
  </Card>
);
