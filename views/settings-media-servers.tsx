import type { FC } from 'hono/jsx';
import { MEDIA_SERVER_LABELS } from '../src/media-servers/media-server-client.ts';
import type { MediaServerView } from '../src/media-servers/media-server-store.ts';
import { CheckboxField, CsrfInput, FormMessage, SelectField, TextField } from './components.tsx';
import type { Chrome } from './layout.tsx';
import { CardActions, HealthDot, HealthLine, healthState, MappingRows, type MappingRow } from './outbound-parts.tsx';
import { SettingsLayout } from './settings-layout.tsx';

export type MediaServerFormValues = { name: string; kind: string; baseUrl: string; token: string; enabled: boolean; skipIfTrailer: boolean; pathMappings: MappingRow[] };

export const emptyMediaServerForm: MediaServerFormValues = { name: '', kind: 'jellyfin', baseUrl: '', token: '', enabled: true, skipIfTrailer: false, pathMappings: [] };

export const MediaServerCard: FC<{ server: MediaServerView }> = ({ server }) => (
  <section class="card connection-card" id={`mediaserver-${server.id}`} data-mediaserver={server.name}>
    <header class="card-header">
      <h2>
        <HealthDot state={healthState(server.enabled, server.health)} />
        {server.name} <span class="muted small">{MEDIA_SERVER_LABELS[server.kind]}</span>
      </h2>
      <CardActions base="/settings/media-servers" id={server.id} name={server.name} enabled={server.enabled} what="mediaserver" />
      <a class="button small" href={`/settings/media-servers/${server.id}`}>
        Edit
      </a>
    </header>
    <div class="card-body">
      <HealthLine enabled={server.enabled} health={server.health} />
      <dl class="facts">
        <dt>Address</dt>
        <dd class="path">{server.baseUrl}</dd>
        <dt>{server.kind === 'plex' ? 'Token' : 'API key'}</dt>
        <dd class="path">{server.token}</dd>
        <dt>Skip items with a trailer</dt>
        <dd>{server.skipIfTrailer ? 'yes: items this server already lists a trailer for are not downloaded' : 'no'}</dd>
        <dt>Path mappings</dt>
        <dd>
          {server.pathMappings.length === 0 ? (
            <span class="muted">none (paths are the same there)</span>
          ) : (
            <ul class="plain-list">
              {server.pathMappings.map((m) => (
                <li class="path">
                  {m.localPrefix} → {m.remotePrefix}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
    </div>
  </section>
);

export const MediaServerForm: FC<{ values: MediaServerFormValues; errors: Record<string, string>; csrfToken: string; editId?: number | undefined }> = ({ values, errors, csrfToken, editId }) => (
  <form class="settings-form" id="mediaserver-form" method="post" action={editId ? `/settings/media-servers/${editId}` : '/settings/media-servers'}>
    <CsrfInput token={csrfToken} />
    <FormMessage error={errors['_form']} />
    <TextField name="name" label="Name" value={values.name} required error={errors['name']} />
    <SelectField
      name="kind"
      label="Server"
      value={values.kind}
      error={errors['kind']}
      options={[
        { value: 'plex', label: 'Plex' },
        { value: 'jellyfin', label: 'Jellyfin' },
        { value: 'emby', label: 'Emby' },
      ]}
    />
    <TextField name="baseUrl" label="Address" type="url" value={values.baseUrl} required placeholder="http://jellyfin:8096" error={errors['baseUrl']} />
    <TextField
      name="token"
      label="Token or API key"
      value={values.token}
      required
      autocomplete="off"
      error={errors['token']}
      hint="Plex: your X-Plex-Token. Jellyfin/Emby: Dashboard → API Keys → +."
    />
    <CheckboxField name="enabled" label="Enabled" checked={values.enabled} error={errors['enabled']} />
    <CheckboxField name="skipIfTrailer" label="Skip items this server already lists a trailer for" checked={values.skipIfTrailer} error={errors['skipIfTrailer']} />
    <MappingRows rows={values.pathMappings} remoteLabel="Path on the media server" errors={errors} />
    <div class="form-footer">
      {editId ? (
        <a class="button" href="/settings/media-servers">
          Cancel
        </a>
      ) : null}
      <button type="submit" class="button primary">
        {editId ? 'Save' : 'Add media server'}
      </button>
    </div>
  </form>
);

export const MediaServersPage: FC<{ chrome: Chrome; servers: MediaServerView[]; form: MediaServerFormValues; errors: Record<string, string>; message?: string | undefined }> = ({
  chrome,
  servers,
  form,
  errors,
  message,
}) => (
  <SettingsLayout chrome={chrome} tab="media-servers">
    {message ? <div class="banner ok">{message}</div> : null}
    <p class="lead">Plex, Jellyfin and Emby are told about each new, moved or deleted trailer, so it shows up without waiting for a library scan.</p>
    <div class="connection-list">
      {servers.map((server) => (
        <MediaServerCard server={server} />
      ))}
    </div>
    <details class="card add-connection" open={servers.length === 0 || Object.keys(errors).length > 0}>
      <summary class="card-header">
        <h2>Add a media server</h2>
      </summary>
      <div class="card-body">
        <MediaServerForm values={form} errors={errors} csrfToken={chrome.csrfToken} />
      </div>
    </details>
  </SettingsLayout>
);

export const EditMediaServerPage: FC<{ chrome: Chrome; id: number; form: MediaServerFormValues; errors: Record<string, string> }> = ({ chrome, id, form, errors }) => (
  <SettingsLayout chrome={chrome} tab="media-servers">
    <section class="card">
      <header class="card-header">
        <h2>Edit {form.name}</h2>
      </header>
      <div class="card-body">
        <MediaServerForm values={form} errors={errors} csrfToken={chrome.csrfToken} editId={id} />
      </div>
    </section>
  </SettingsLayout>
);
