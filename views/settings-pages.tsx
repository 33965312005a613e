import type { FC } from 'hono/jsx';
import type { SettingsView } from '../src/admin/settings-update.ts';
import { Card, CsrfInput, FormMessage, TextField } from './components.tsx';
import type { Chrome } from './layout.tsx';
import { DownloadsSettingsForm, MediaSettingsForm, SecuritySettingsForm } from './settings-forms.tsx';
import { SettingsLayout } from './settings-layout.tsx';

type SectionProps = { chrome: Chrome; settings: SettingsView; errors?: Record<string, string>; saved?: string | undefined };

export const MediaSettingsPage: FC<SectionProps> = ({ chrome, settings, errors, saved }) => (
  <SettingsLayout chrome={chrome} tab="media">
    <Card>
      <MediaSettingsForm settings={settings} csrfToken={chrome.csrfToken} errors={errors} saved={saved} />
    </Card>
  </SettingsLayout>
);

export const CookiesCard: FC<{ csrfToken: string; uploaded: boolean; error?: string | undefined; saved?: string | undefined }> = ({ csrfToken, uploaded, error, saved }) => (
  <Card title="Cookies for yt-dlp" id="cookies">
    <p class="muted">
      For videos that need a signed-in browser (age checks, "confirm you're not a bot"): export your YouTube cookies in the Netscape cookies.txt format and upload them here.
      They are stored in the data folder, readable only by Previewarr, and never shown again.
    </p>
    <p data-cookies={uploaded ? 'uploaded' : 'none'}>{uploaded ? 'A cookies file is uploaded.' : 'No cookies file.'}</p>
    <FormMessage saved={saved} error={error} />
    <form method="post" action="/settings/cookies" enctype="multipart/form-data" class="inline-form">
      <CsrfInput token={csrfToken} />
      <input type="file" name="cookies" accept=".txt,text/plain" required aria-label="cookies.txt file" />
      <button type="submit" class="button primary">
        Upload
      </button>
    </form>
    {uploaded ? (
      <form method="post" action="/settings/cookies/delete" class="inline-form">
        <CsrfInput token={csrfToken} />
        <button type="submit" class="button danger">
          Remove the cookies
        </button>
      </form>
    ) : null}
  </Card>
);

export const DownloadsSettingsPage: FC<SectionProps & { cookiesError?: string | undefined; cookiesSaved?: string | undefined }> = ({
  chrome,
  settings,
  errors,
  saved,
  cookiesError,
  cookiesSaved,
}) => (
  <SettingsLayout chrome={chrome} tab="downloads">
    <Card>
      <DownloadsSettingsForm settings={settings} csrfToken={chrome.csrfToken} errors={errors} saved={saved} />
    </Card>
    <CookiesCard csrfToken={chrome.csrfToken} uploaded={settings.cookiesFileUploaded} error={cookiesError} saved={cookiesSaved} />
  </SettingsLayout>
);

export const ApiKeyCard: FC<{ apiKey: string; pinnedByEnv: boolean; saved?: string | undefined; error?: string | undefined }> = ({ apiKey, pinnedByEnv, saved, error }) => (
  <section class="card" id="api-key">
    <header class="card-header">
      <h2>API key</h2>
    </header>
    <div class="card-body">
      <p class="muted">Radarr and Sonarr send it with every webhook (as the Password); scripts send it as X-Api-Key to /api/v1 (<a href="/settings/api-docs">browse the API</a>).</p>
      <div class="copy-field">
        <input id="api-key-value" type="text" readonly value={apiKey} aria-label="API key" />
        <button type="button" class="button" data-copy="#api-key-value">
          Copy
        </button>
      </div>
      <FormMessage saved={saved} error={error} />
      {pinnedByEnv ? (
        <p class="field-hint">Set by the API_KEY environment variable; change it there.</p>
      ) : (
        <button
          type="button"
          class="button danger"
          hx-post="/settings/api-key/regenerate"
          hx-target="#api-key"
          hx-swap="outerHTML"
          hx-confirm="Make a new API key? Radarr and Sonarr must then be given the new one."
        >
          Regenerate
        </button>
      )}
    </div>
  </section>
);

export const PasswordForm: FC<{ csrfToken: string; errors?: Record<string, string>; saved?: string | undefined }> = ({ csrfToken, errors = {}, saved }) => (
  <form class="settings-form" id="password-form" method="post" action="/settings/password" hx-post="/settings/password" hx-swap="outerHTML">
    <CsrfInput token={csrfToken} />
    <TextField name="current" label="Current password" type="password" autocomplete="current-password" error={errors['current']} />
    <TextField name="password" label="New password" type="password" autocomplete="new-password" error={errors['password']} hint="At least 10 characters." />
    <TextField name="confirm" label="Repeat the new password" type="password" autocomplete="new-password" error={errors['confirm']} />
    <div class="form-footer">
      <FormMessage saved={saved} error={errors['_form']} />
      <button type="submit" class="button primary">
        Change password
      </button>
    </div>
  </form>
);

export const GeneralSettingsPage: FC<{ chrome: Chrome; settings: SettingsView; apiKey: string; pinnedByEnv: boolean }> = ({ chrome, settings, apiKey, pinnedByEnv }) => (
  <SettingsLayout chrome={chrome} tab="general">
    <ApiKeyCard apiKey={apiKey} pinnedByEnv={pinnedByEnv} />
    <Card title="Sign-in">
      <SecuritySettingsForm settings={settings} csrfToken={chrome.csrfToken} />
    </Card>
    <Card title="Password">
      <PasswordForm csrfToken={chrome.csrfToken} />
    </Card>
  </SettingsLayout>
);
