import type { Child, FC } from 'hono/jsx';
import type { SettingsView } from '../src/admin/settings-update.ts';
import { CheckboxField, CsrfInput, FormMessage, ListField, SelectField, TextField } from './components.tsx';
import { TrailerChoiceFields } from './settings-trailer-choice.tsx';

export type SettingsFormProps = {
  settings: SettingsView;
  csrfToken: string;
  errors?: Record<string, string>;
  saved?: string | undefined;
};

/** One settings form: posts to /settings/<section>, and the answer (saved, or the errors beside
 *  their fields) replaces the form in place. */
const SettingsForm: FC<{ section: string; csrfToken: string; errors: Record<string, string>; saved?: string | undefined; children?: Child }> = (props) => (
  <form class="settings-form" id={`settings-${props.section}`} method="post" action={`/settings/${props.section}`} hx-post={`/settings/${props.section}`} hx-swap="outerHTML">
    <CsrfInput token={props.csrfToken} />
    {props.children}
    <div class="form-footer">
      <FormMessage saved={props.saved} error={Object.keys(props.errors).length > 0 ? 'Some values need fixing; see the fields marked above.' : undefined} />
      <button type="submit" class="button primary">
        Save
      </button>
    </div>
  </form>
);

export const MediaSettingsForm: FC<SettingsFormProps> = ({ settings, csrfToken, errors = {}, saved }) => (
  <SettingsForm section="media" csrfToken={csrfToken} errors={errors} saved={saved}>
    <fieldset>
      <legend>Naming</legend>
      <SelectField
        name="trailerLayout"
        label="Where trailers go"
        value={settings.trailerLayout}
        error={errors['trailerLayout']}
        options={[
          { value: 'beside', label: 'Beside the movie: "<movie file>-trailer.mkv" (Plex, Jellyfin, Emby, Kodi)' },
          { value: 'trailers-folder', label: 'A "Trailers" folder in the movie folder (Plex, Jellyfin, Emby)' },
        ]}
      />
      <SelectField
        name="deletedTrailerPolicy"
        label="When you delete a trailer file"
        value={settings.deletedTrailerPolicy}
        error={errors['deletedTrailerPolicy']}
        options={[
          { value: 'respect', label: 'Respect it: do not fetch it again' },
          { value: 'refetch', label: 'Fetch it again at the next sync' },
        ]}
      />
    </fieldset>
    <fieldset>
      <legend>Sources</legend>
      <ListField name="preferredLanguages" label="Preferred languages" values={settings.preferredLanguages} error={errors['preferredLanguages']} hint="Language codes, one per line, best first (en, de, fr-CA…)." />
      <ListField name="excludeKeywords" label="Skip videos whose title has" values={settings.excludeKeywords} error={errors['excludeKeywords']} hint="One word or phrase per line, on top of the built-in list (reaction, review, fan made…)." />
      <ListField name="preferredChannels" label="Preferred channels" values={settings.preferredChannels} error={errors['preferredChannels']} hint="Channel names, one per line." />
      <TextField name="minDurationSeconds" label="Shortest length (seconds)" type="number" min={0} max={3600} value={settings.minDurationSeconds} error={errors['minDurationSeconds']} />
      <TextField name="maxDurationSeconds" label="Longest length (seconds)" type="number" min={10} max={3600} value={settings.maxDurationSeconds} error={errors['maxDurationSeconds']} />
      <TextField name="searchResultCount" label="Search results to rank" type="number" min={1} max={50} value={settings.searchResultCount} error={errors['searchResultCount']} />
      <TextField
        name="tmdbApiKey"
        label="TMDB API key"
        value={settings.tmdbApiKey}
        autocomplete="off"
        error={errors['tmdbApiKey']}
        hint="Optional: finds the official trailer through themoviedb.org. Shown masked; clear the field to remove it."
      />
    </fieldset>
    <TrailerChoiceFields settings={settings} errors={errors} />
  </SettingsForm>
);

export const DownloadsSettingsForm: FC<SettingsFormProps> = ({ settings, csrfToken, errors = {}, saved }) => (
  <SettingsForm section="downloads" csrfToken={csrfToken} errors={errors} saved={saved}>
    <fieldset>
      <legend>Backfill and schedule</legend>
      <SelectField
        name="backfillPolicy"
        label="Fetch trailers for existing items"
        value={settings.backfillPolicy}
        error={errors['backfillPolicy']}
        options={[
          { value: 'monitored', label: 'Monitored items' },
          { value: 'with-files', label: 'Items with a file on disk' },
          { value: 'all', label: 'Every item' },
        ]}
      />
      <TextField
        name="reconcileIntervalHours"
        label="Sync with Radarr/Sonarr every (hours)"
        type="number"
        min={0}
        max={168}
        value={settings.reconcileIntervalHours}
        error={errors['reconcileIntervalHours']}
        hint="Picks up anything a missed webhook would have told us. 0 turns the schedule off."
      />
    </fieldset>
    <fieldset>
      <legend>Downloads</legend>
      <TextField name="workerConcurrency" label="Parallel downloads" type="number" min={1} max={32} value={settings.workerConcurrency} error={errors['workerConcurrency']} hint="Empty: the WORKER_CONCURRENCY environment value. Applies after a restart." />
      <TextField name="ffmpegConcurrency" label="Parallel conversions" type="number" min={1} max={16} value={settings.ffmpegConcurrency} error={errors['ffmpegConcurrency']} hint="Empty: the FFMPEG_CONCURRENCY environment value. Applies after a restart." />
      <TextField name="maxFileSizeMb" label="Largest download (MB)" type="number" min={1} max={20000} value={settings.maxFileSizeMb} error={errors['maxFileSizeMb']} />
      <TextField name="downloadTimeoutSeconds" label="Give up a download after (seconds)" type="number" min={10} max={86400} value={settings.downloadTimeoutSeconds} error={errors['downloadTimeoutSeconds']} />
      <ListField name="ytdlpExtraArgs" label="Extra yt-dlp arguments" values={settings.ytdlpExtraArgs} error={errors['ytdlpExtraArgs']} hint="One argument per line (for example --extractor-args, then its value on the next line). Only options that shape the download are accepted: format sorting, rate, sleep and retries, proxy and geo, request headers, --extractor-args (the README lists them)." />
    </fieldset>
  </SettingsForm>
);

export const SecuritySettingsForm: FC<SettingsFormProps> = ({ settings, csrfToken, errors = {}, saved }) => (
  <SettingsForm section="security" csrfToken={csrfToken} errors={errors} saved={saved}>
    <CheckboxField
      name="authDisabledForLocalAddresses"
      label="No login from local addresses"
      checked={settings.authDisabledForLocalAddresses}
      error={errors['authDisabledForLocalAddresses']}
      hint="Like the Arr apps: visitors from this machine or the local network (10.x, 172.16–31.x, 192.168.x, fc00::/7) are signed in without a password."
    />
    <CheckboxField name="metricsWithoutApiKey" label="Metrics without API key" checked={settings.metricsWithoutApiKey} error={errors['metricsWithoutApiKey']} hint="Lets Prometheus read /metrics without the API key. Only on a network you trust." />
    <CheckboxField
      name="allowPrivateSourceUrls"
      label="Pasted links may name private addresses"
      checked={settings.allowPrivateSourceUrls}
      error={errors['allowPrivateSourceUrls']}
      hint="For self-hosted video sources: this machine, your network (10.x, 172.16–31.x, 192.168.x, fc00::/7) and names without a dot. Link-local addresses (169.254.x, fe80::) are never fetched."
    />
  </SettingsForm>
);
