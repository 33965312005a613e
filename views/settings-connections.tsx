import type { FC } from 'hono/jsx';
import type { ConnectionView } from '../src/connections/connection-store.ts';
import { CheckboxField, CsrfInput, FormMessage, SelectField, TextField, TimeAgo } from './components.tsx';
import { formatBytes } from './format.ts';
import type { Chrome } from './layout.tsx';
import { SettingsLayout } from './settings-layout.tsx';
import { WebhookHelp } from './webhook-help.tsx';

export type ConnectionFormValues = {
  name: string;
  kind: 'radarr' | 'sonarr';
  baseUrl: string;
  apiKey: string;
  enabled: boolean;
  previewOnly: boolean;
  pathMappings: Array<{ remotePrefix: string; localPrefix: string }>;
};

export const emptyConnectionForm: ConnectionFormValues = { name: '', kind: 'radarr', baseUrl: '', apiKey: '', enabled: true, previewOnly: false, pathMappings: [] };

/** The URL to paste into Radarr/Sonarr (Settings → Connect → + → Webhook). */
export function webhookUrl(origin: string, connection: Pick<ConnectionView, 'kind' | 'name'>): string {
  return `${origin}/webhooks/${connection.kind}?connection=${encodeURIComponent(connection.name)}`;
}

export const ConnectionCard: FC<{ connection: ConnectionView; origin: string }> = ({ connection, origin }) => {
  const state = !connection.enabled ? 'disabled' : !connection.health ? 'unknown' : connection.health.ok ? 'ok' : 'error';
  return (
    <section class="card connection-card" id={`connection-${connection.id}`} data-connection={connection.name}>
      <header class="card-header">
        <h2>
          <span class={`health health-${state}`}>
            <span class="dot" aria-hidden="true" />
          </span>
          {connection.name} <span class="muted small">{connection.kind === 'radarr' ? 'Radarr' : 'Sonarr'}</span>
        </h2>
        <div class="card-actions">
          <button
            type="button"
            class="button small"
            hx-post={`/settings/connections/${connection.id}/test`}
            hx-disable="this"
            hx-target={`#connection-${connection.id}`}
            hx-swap="outerHTML"
            data-action="test"
          >
            Test
          </button>
          <button
            type="button"
            class="button small"
            hx-post={`/settings/connections/${connection.id}/sync`}
            hx-disable="this"
            hx-target={`#connection-${connection.id}`}
            hx-swap="outerHTML"
            disabled={!connection.enabled}
            data-action="sync"
          >
            Sync now
          </button>
          {connection.previewOnly ? (
            <a class="button small" href={`/settings/connections/${connection.id}/preview`} data-action="preview">
              Preview
            </a>
          ) : null}
          <a class="button small" href={`/settings/connections/${connection.id}`}>
            Edit
          </a>
          <button
            type="button"
            class="button small danger"
            hx-post={`/settings/connections/${connection.id}/delete`}
            hx-target={`#connection-${connection.id}`}
            hx-swap="delete"
            hx-confirm={`Delete the connection "${connection.name}"? Its library records go too; no files are touched.`}
          >
            Delete
          </button>
        </div>
      </header>
      <div class="card-body">
        {connection.previewOnly ? (
          <p class="banner warning preview-only" data-preview-only="true">
            <strong>Preview only — nothing is downloaded.</strong> Items are searched and ranked; <a href={`/settings/connections/${connection.id}/preview`}>see what would be downloaded</a>.
          </p>
        ) : null}
        <p class="health-message" data-health={state}>
          {connection.health ? connection.health.message : connection.enabled ? 'Not tested yet: press Test.' : 'Disabled.'}
          {connection.health ? (
            <span class="muted">
              {' '}
              (checked <TimeAgo date={connection.health.checkedAt} />)
            </span>
          ) : null}
        </p>
        <dl class="facts">
          <dt>Address</dt>
          <dd class="path">{connection.baseUrl}</dd>
          <dt>API key</dt>
          <dd class="path">{connection.apiKey}</dd>
          <dt>Last sync</dt>
          <dd>
            <TimeAgo date={connection.lastSyncAt} />
          </dd>
          <dt>Path mappings</dt>
          <dd>
            {connection.pathMappings.length === 0 ? (
              <span class="muted">none (paths are the same here)</span>
            ) : (
              <ul class="plain-list">
                {connection.pathMappings.map((m) => (
                  <li class="path">
                    {m.remotePrefix} → {m.localPrefix}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
        {connection.rootFolders.length > 0 ? (
          <table class="table compact">
            <thead>
              <tr>
                <th>Root folder</th>
                <th>Here</th>
                <th class="num hide-sm">Free</th>
              </tr>
            </thead>
            <tbody>
              {connection.rootFolders.map((folder) => (
                <tr class={folder.localPath ? undefined : 'warning-row'}>
                  <td class="path">{folder.path}</td>
                  <td class="path">{folder.localPath ?? <strong>not visible here: add a path mapping</strong>}</td>
                  <td class="num hide-sm">{formatBytes(folder.freeSpace)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <WebhookHelp id={connection.id} kind={connection.kind} name={connection.name} url={webhookUrl(origin, connection)} />
      </div>
    </section>
  );
};

export const ConnectionForm: FC<{ values: ConnectionFormValues; errors: Record<string, string>; csrfToken: string; editId?: number | undefined }> = ({
  values,
  errors,
  csrfToken,
  editId,
}) => {
  const rows = [...values.pathMappings, { remotePrefix: '', localPrefix: '' }, { remotePrefix: '', localPrefix: '' }];
  return (
    <form class="settings-form" id="connection-form" method="post" action={editId ? `/settings/connections/${editId}` : '/settings/connections'}>
      <CsrfInput token={csrfToken} />
      <FormMessage error={errors['_form']} />
      <TextField name="name" label="Name" value={values.name} required error={errors['name']} hint="Radarr/Sonarr's instance name (Settings → General) lets webhooks find this connection." />
      {editId ? (
        <input type="hidden" name="kind" value={values.kind} />
      ) : (
        <SelectField
          name="kind"
          label="App"
          value={values.kind}
          error={errors['kind']}
          options={[
            { value: 'radarr', label: 'Radarr (movies)' },
            { value: 'sonarr', label: 'Sonarr (series)' },
          ]}
        />
      )}
      <TextField name="baseUrl" label="Address" type="url" value={values.baseUrl} required placeholder="http://radarr:7878" error={errors['baseUrl']} hint="With the URL base, if you set one (http://host:7878/radarr)." />
      <TextField name="apiKey" label="API key" value={values.apiKey} required autocomplete="off" error={errors['apiKey']} hint="Radarr/Sonarr: Settings → General → API Key." />
      <CheckboxField name="enabled" label="Enabled" checked={values.enabled} error={errors['enabled']} />
      <CheckboxField
        name="previewOnly"
        label="Preview only (dry run)"
        checked={values.previewOnly}
        error={errors['previewOnly']}
        hint="Search and rank as usual and list what would be downloaded, but download nothing. Switching it off downloads what the preview found."
      />
      <fieldset>
        <legend>Path mappings</legend>
        <p class="field-hint">Only when Radarr/Sonarr see the media under another path than Previewarr does (for example /data/movies there, /movies here).</p>
        {errors['pathMappings'] ? <p class="field-error">{errors['pathMappings']}</p> : null}
        {rows.map((row, index) => (
          <div class="mapping-row">
            <input type="text" name="remotePrefix" value={row.remotePrefix} placeholder="Path in Radarr/Sonarr" aria-label={`Mapping ${index + 1}: path in Radarr/Sonarr`} />
            <span aria-hidden="true">→</span>
            <input type="text" name="localPrefix" value={row.localPrefix} placeholder="Path here" aria-label={`Mapping ${index + 1}: path here`} />
            {errors[`pathMappings.${index}.remotePrefix`] || errors[`pathMappings.${index}.localPrefix`] || errors[`pathMappings.${index}`] ? (
              <p class="field-error">{errors[`pathMappings.${index}.remotePrefix`] ?? errors[`pathMappings.${index}.localPrefix`] ?? errors[`pathMappings.${index}`]}</p>
            ) : null}
          </div>
        ))}
      </fieldset>
      <div class="form-footer">
        {editId ? (
          <a class="button" href="/settings/connections">
            Cancel
          </a>
        ) : null}
        <button type="submit" class="button primary">
          {editId ? 'Save' : 'Add connection'}
        </button>
      </div>
    </form>
  );
};

export const ConnectionsPage: FC<{
  chrome: Chrome;
  connections: ConnectionView[];
  origin: string;
  form: ConnectionFormValues;
  errors: Record<string, string>;
  message?: { ok: boolean; text: string } | undefined;
}> = ({ chrome, connections, origin, form, errors, message }) => (
  <SettingsLayout chrome={chrome} tab="connections">
    {message ? <div class={`banner ${message.ok ? 'ok' : 'error'}`} data-saved={message.ok ? 'works' : 'fails'}>{message.text}</div> : null}
    {connections.length === 0 ? <p class="lead">Connect Previewarr to Radarr and/or Sonarr: it reads their library and places trailers beside the files.</p> : null}
    <div class="connection-list">
      {connections.map((connection) => (
        <ConnectionCard connection={connection} origin={origin} />
      ))}
    </div>
    <details class="card add-connection" open={connections.length === 0 || Object.keys(errors).length > 0}>
      <summary class="card-header">
        <h2>Add a connection</h2>
      </summary>
      <div class="card-body">
        <ConnectionForm values={form} errors={errors} csrfToken={chrome.csrfToken} />
      </div>
    </details>
  </SettingsLayout>
);

export const EditConnectionPage: FC<{ chrome: Chrome; id: number; form: ConnectionFormValues; errors: Record<string, string> }> = ({ chrome, id, form, errors }) => (
  <SettingsLayout chrome={chrome} tab="connections">
    <section class="card">
      <header class="card-header">
        <h2>Edit {form.name}</h2>
      </header>
      <div class="card-body">
        <ConnectionForm values={form} errors={errors} csrfToken={chrome.csrfToken} editId={id} />
      </div>
    </section>
  </SettingsLayout>
);
