import type { FC } from 'hono/jsx';
import { notificationEvents, notificationKinds } from '../src/db/schema/outbound.ts';
import { EVENT_LABELS } from '../src/notifications/notification-event.ts';
import type { NotificationView } from '../src/notifications/notification-store.ts';
import { TARGETS } from '../src/notifications/targets/index.ts';
import { CheckboxField, CsrfInput, FormMessage, SelectField, TextField } from './components.tsx';
import type { Chrome } from './layout.tsx';
import { CardActions, HealthDot, HealthLine, healthState } from './outbound-parts.tsx';
import { SettingsLayout } from './settings-layout.tsx';

export type NotificationFormValues = { name: string; kind: string; url: string; secret: string; recipient: string; events: string[]; enabled: boolean };

export const emptyNotificationForm: NotificationFormValues = {
  name: '',
  kind: 'discord',
  url: '',
  secret: '',
  recipient: '',
  events: ['trailer-placed', 'needs-attention', 'connection-failing', 'connection-recovered'],
  enabled: true,
};

export const NotificationCard: FC<{ target: NotificationView }> = ({ target }) => (
  <section class="card connection-card" id={`notification-${target.id}`} data-notification={target.name}>
    <header class="card-header">
      <h2>
        <HealthDot state={healthState(target.enabled, target.health)} />
        {target.name} <span class="muted small">{TARGETS[target.kind].label}</span>
      </h2>
      <CardActions base="/settings/notifications" id={target.id} name={target.name} enabled={target.enabled} what="notification" />
      <a class="button small" href={`/settings/notifications/${target.id}`}>
        Edit
      </a>
    </header>
    <div class="card-body">
      <HealthLine enabled={target.enabled} health={target.health} />
      <dl class="facts">
        <dt>Address</dt>
        <dd class="path">{target.url}</dd>
        {target.secret ? (
          <>
            <dt>{TARGETS[target.kind].secretLabel}</dt>
            <dd class="path">{target.secret}</dd>
          </>
        ) : null}
        {target.recipient ? (
          <>
            <dt>{TARGETS[target.kind].recipientLabel ?? 'Recipient'}</dt>
            <dd class="path">{target.recipient}</dd>
          </>
        ) : null}
        <dt>Events</dt>
        <dd>{target.events.length === 0 ? <span class="muted">none</span> : target.events.map((event) => EVENT_LABELS[event]).join(', ')}</dd>
      </dl>
    </div>
  </section>
);

const kindHelp = notificationKinds.map((kind) => `${TARGETS[kind].label}: ${TARGETS[kind].urlHint}`).join(' ');

export const NotificationForm: FC<{ values: NotificationFormValues; errors: Record<string, string>; csrfToken: string; editId?: number | undefined }> = ({ values, errors, csrfToken, editId }) => (
  <form class="settings-form" id="notification-form" method="post" action={editId ? `/settings/notifications/${editId}` : '/settings/notifications'}>
    <CsrfInput token={csrfToken} />
    <FormMessage error={errors['_form']} />
    <TextField name="name" label="Name" value={values.name} required error={errors['name']} />
    <SelectField name="kind" label="Service" value={values.kind} error={errors['kind']} options={notificationKinds.map((kind) => ({ value: kind, label: TARGETS[kind].label }))} />
    <TextField name="url" label="Address" type="url" value={values.url} placeholder="https://discord.com/api/webhooks/…" error={errors['url']} hint={kindHelp} />
    <TextField
      name="secret"
      label="Token"
      value={values.secret}
      autocomplete="off"
      error={errors['secret']}
      hint="Telegram: bot token. Gotify/Pushover: application token. ntfy/Apprise/webhook: optional bearer token. Discord: leave empty (it is part of the webhook URL)."
    />
    <TextField name="recipient" label="Recipient" value={values.recipient} error={errors['recipient']} hint="Telegram: chat id. Pushover: user key. Apprise: tag (optional)." />
    <fieldset>
      <legend>Events</legend>
      {errors['events'] ? <p class="field-error">{errors['events']}</p> : null}
      <div class="checkbox-grid">
        {notificationEvents.map((event) => (
          <label class="checkbox">
            <input type="checkbox" name="events" value={event} checked={values.events.includes(event)} /> {EVENT_LABELS[event]}
          </label>
        ))}
      </div>
      <p class="field-hint">During bulk work (a backfill, a big sync) several events arrive as one summary.</p>
    </fieldset>
    <CheckboxField name="enabled" label="Enabled" checked={values.enabled} error={errors['enabled']} />
    <div class="form-footer">
      {editId ? (
        <a class="button" href="/settings/notifications">
          Cancel
        </a>
      ) : null}
      <button type="submit" class="button primary">
        {editId ? 'Save' : 'Add notification'}
      </button>
    </div>
  </form>
);

export const NotificationsPage: FC<{ chrome: Chrome; targets: NotificationView[]; form: NotificationFormValues; errors: Record<string, string>; message?: string | undefined }> = ({
  chrome,
  targets,
  form,
  errors,
  message,
}) => (
  <SettingsLayout chrome={chrome} tab="notifications">
    {message ? <div class="banner ok">{message}</div> : null}
    <p class="lead">Tell people when trailers arrive, when something needs a look, and when a connection fails.</p>
    <div class="connection-list">
      {targets.map((target) => (
        <NotificationCard target={target} />
      ))}
    </div>
    <details class="card add-connection" open={targets.length === 0 || Object.keys(errors).length > 0}>
      <summary class="card-header">
        <h2>Add a notification</h2>
      </summary>
      <div class="card-body">
        <NotificationForm values={form} errors={errors} csrfToken={chrome.csrfToken} />
      </div>
    </details>
  </SettingsLayout>
);

export const EditNotificationPage: FC<{ chrome: Chrome; id: number; form: NotificationFormValues; errors: Record<string, string> }> = ({ chrome, id, form, errors }) => (
  <SettingsLayout chrome={chrome} tab="notifications">
    <section class="card">
      <header class="card-header">
        <h2>Edit {form.name}</h2>
      </header>
      <div class="card-body">
        <NotificationForm values={form} errors={errors} csrfToken={chrome.csrfToken} editId={id} />
      </div>
    </section>
  </SettingsLayout>
);
