import type { FC } from 'hono/jsx';
import type { ProfileRow } from '../src/db/schema/index.ts';
import { CsrfInput } from './components.tsx';
import type { Chrome } from './layout.tsx';
import { ProfileForm, type ConnectionChoice, type ProfileFormValues } from './profile-form.tsx';
import { SettingsLayout } from './settings-layout.tsx';
import { KIND_LABELS, LANGUAGE_RULE_LABELS } from './slot-labels.ts';

export type { ProfileFormValues } from './profile-form.tsx';

/** One line under a profile's name: what it fetches, for which items, how. */
function profileSummary(profile: ProfileRow, connections: ConnectionChoice[]): string {
  const parts = [KIND_LABELS[profile.kind], profile.scope === 'season' ? 'per season' : 'per item', LANGUAGE_RULE_LABELS[profile.languageRule] ?? profile.languageRule];
  if (profile.subtitles) parts.push(`subtitles ${profile.subtitles.languages.join(', ')}${profile.subtitles.automatic ? ' + automatic' : ''}`);
  const { mediaKinds, connectionIds, tags } = profile.appliesTo;
  if (mediaKinds.length === 1) parts.push(mediaKinds[0] === 'movie' ? 'movies only' : 'series only');
  if (connectionIds.length > 0) parts.push(connectionIds.map((id) => connections.find((c) => c.id === id)?.name ?? `#${id}`).join(', '));
  if (tags.length > 0) parts.push(`tags ${tags.join(', ')}`);
  parts.push(profile.kind === 'theme-music' ? 'MP3' : `${profile.container} · ${profile.videoCodec}/${profile.audioCodec} · ${profile.maxHeight}p`);
  return parts.join(' · ');
}

export const ProfilesPage: FC<{
  chrome: Chrome;
  profiles: ProfileRow[];
  connections: ConnectionChoice[];
  newForm: ProfileFormValues;
  formOf: (profile: ProfileRow) => ProfileFormValues;
  errors: Record<string, string>;
  /** The profile whose form has the errors (absent: the new-profile form). */
  errorsFor?: number | undefined;
  /** What was typed into that profile's form, shown again instead of the stored values. */
  editForm?: ProfileFormValues | undefined;
  message?: string | undefined;
}> = ({ chrome, profiles, connections, newForm, formOf, errors, errorsFor, editForm, message }) => (
  <SettingsLayout chrome={chrome} tab="profiles">
    {message ? <div class="banner ok">{message}</div> : null}
    <p class="lead">
      A profile says what to fetch for which items (a trailer, a featurette, theme music…) and what the file looks like. Every enabled profile that applies to an item gives it one more file,
      or one per season.
    </p>
    <p class="lead" id="default-profile-note">
      Each item's main trailer is made with the <strong>default</strong> profile; the other enabled profiles add their own files beside it.
    </p>
    <div class="profile-list">
      {profiles.map((profile) => (
        <details class="card" id={`profile-${profile.id}`} open={errorsFor === profile.id}>
          <summary class="card-header">
            <h2>
              {profile.name} {profile.isDefault ? <span class="badge status-have">default</span> : null}
              {profile.enabled ? null : <span class="badge status-skipped">disabled</span>}
            </h2>
            <span class="muted">{profileSummary(profile, connections)}</span>
          </summary>
          <div class="card-body">
            <ProfileForm
              values={errorsFor === profile.id && editForm ? editForm : formOf(profile)}
              errors={errorsFor === profile.id ? errors : {}}
              csrfToken={chrome.csrfToken}
              connections={connections}
              editId={profile.id}
            />
            {profile.isDefault ? null : (
              <form method="post" action={`/settings/profiles/${profile.id}/delete`} class="inline-form">
                <CsrfInput token={chrome.csrfToken} />
                <button type="submit" class="button small danger">
                  Delete this profile
                </button>
                <span class="muted">Only a profile without files on disk can be deleted; disable it to keep its files.</span>
              </form>
            )}
          </div>
        </details>
      ))}
    </div>
    <details class="card" id="profile-new" open={profiles.length === 0 || (errorsFor === undefined && Object.keys(errors).length > 0)}>
      <summary class="card-header">
        <h2>Add a profile</h2>
      </summary>
      <div class="card-body">
        <ProfileForm values={newForm} errors={errorsFor === undefined ? errors : {}} csrfToken={chrome.csrfToken} connections={connections} />
      </div>
    </details>
  </SettingsLayout>
);
