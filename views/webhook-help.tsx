import type { FC } from 'hono/jsx';

// How to point Radarr/Sonarr at Previewarr, in the words of their own Settings → Connect →
// Webhook form (Radarr v5, Sonarr v4). The README's table says the same; keep them in step.

export const WEBHOOK_TRIGGERS: Record<'radarr' | 'sonarr', readonly string[]> = {
  radarr: ['On File Import', 'On File Upgrade', 'On Rename', 'On Movie Added', 'On Movie Delete'],
  sonarr: ['On File Import', 'On File Upgrade', 'On Import Complete', 'On Rename', 'On Series Add', 'On Series Delete'],
};

const appName = (kind: 'radarr' | 'sonarr') => (kind === 'radarr' ? 'Radarr' : 'Sonarr');

/** A read-only field with a Copy button (views/static/app.js does the copying). */
export const CopyField: FC<{ id: string; value: string; label: string }> = ({ id, value, label }) => (
  <div class="copy-field">
    <input id={id} type="text" readonly value={value} aria-label={label} />
    <button type="button" class="button small" data-copy={`#${id}`}>
      Copy
    </button>
  </div>
);

/**
 * The steps of a connection card. The API key is not in the page (it is shown only on
 * Settings → General): the button asks for it when clicked and puts it on the clipboard.
 */
export const WebhookHelp: FC<{ id: number; kind: 'radarr' | 'sonarr'; name: string; url: string }> = ({ id, kind, name, url }) => (
  <div class="webhook-help">
    <h3 class="subheading">Set up the webhook in {appName(kind)}</h3>
    <ol class="steps">
      <li>In {appName(kind)}: Settings → Connect → + → Webhook, Name “Previewarr”.</li>
      <li>
        Tick <span class="triggers">{WEBHOOK_TRIGGERS[kind].join(', ')}</span>. Other triggers are logged and ignored.
      </li>
      <li>
        <label for={`webhook-${id}`}>Webhook URL</label> (use the host name {appName(kind)} reaches Previewarr by, if it differs from this page's):
        <CopyField id={`webhook-${id}`} value={url} label={`Webhook URL for ${name}`} />
      </li>
      <li>
        Method POST, Username empty, Password: Previewarr's API key{' '}
        <button type="button" class="button small" data-copy-url="/settings/connections/api-key" data-action="copy-api-key">
          Copy API key
        </button>
      </li>
    </ol>
  </div>
);
