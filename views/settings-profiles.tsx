import type { FC } from 'hono/jsx';
import type { ProfileRow } from '../src/db/schema/index.ts';
import { AUDIO_CODECS, CONTAINERS, HWACCELS, PRESETS, VIDEO_CODECS } from '../src/media-tools/convert-plan.ts';
import { CheckboxField, CsrfInput, FormMessage, SelectField, TextField } from './components.tsx';
import type { Chrome } from './layout.tsx';
import { SettingsLayout } from './settings-layout.tsx';

/** A profile as the form shows it; a number that did not parse comes back as the text typed. */
export type ProfileFormValues = Pick<ProfileRow, 'name' | 'container' | 'videoCodec' | 'audioCodec' | 'preset' | 'hwaccel' | 'isDefault'> & {
  crf: number | string;
  maxHeight: number | string;
};

const options = (values: readonly string[]) => values.map((value) => ({ value, label: value }));

const HEIGHTS = ['2160', '1440', '1080', '720', '480'];

export const ProfileForm: FC<{ values: ProfileFormValues; errors: Record<string, string>; csrfToken: string; editId?: number | undefined }> = ({
  values,
  errors,
  csrfToken,
  editId,
}) => {
  // One page holds a form per profile: field ids carry the profile so labels point at their own.
  const idPrefix = `profile-${editId ?? 'new'}-`;
  const heights = HEIGHTS.includes(String(values.maxHeight)) ? HEIGHTS : [String(values.maxHeight), ...HEIGHTS];
  return (
    <form class="settings-form profile-form" method="post" action={editId ? `/settings/profiles/${editId}` : '/settings/profiles'}>
      <CsrfInput token={csrfToken} />
      <FormMessage error={errors['_form']} />
      <TextField idPrefix={idPrefix} name="name" label="Name" value={values.name} required error={errors['name']} />
      <SelectField idPrefix={idPrefix} name="container" label="Container" value={values.container} options={options(CONTAINERS)} error={errors['container']} />
      <SelectField idPrefix={idPrefix} name="videoCodec" label="Video codec" value={values.videoCodec} options={options(VIDEO_CODECS)} error={errors['videoCodec']} />
      <SelectField idPrefix={idPrefix} name="audioCodec" label="Audio codec" value={values.audioCodec} options={options(AUDIO_CODECS)} error={errors['audioCodec']} />
      <SelectField
        idPrefix={idPrefix}
        name="maxHeight"
        label="Largest picture"
        value={String(values.maxHeight)}
        options={heights.map((h) => ({ value: h, label: `${h}p` }))}
        error={errors['maxHeight']}
      />
      <TextField
        idPrefix={idPrefix}
        name="crf"
        label="Quality (CRF, lower is better)"
        type="number"
        min={0}
        max={63}
        value={values.crf}
        error={errors['crf']}
        hint="Used only when a download has to be converted; 18–24 looks good for h264."
      />
      <SelectField idPrefix={idPrefix} name="preset" label="Encoder speed" value={values.preset} options={options(PRESETS)} error={errors['preset']} />
      <SelectField idPrefix={idPrefix} name="hwaccel" label="Hardware encoder" value={values.hwaccel} options={options(HWACCELS)} error={errors['hwaccel']} />
      <CheckboxField idPrefix={idPrefix} name="isDefault" label="Default profile" checked={values.isDefault} error={errors['isDefault']} />
      <div class="form-footer">
        <button type="submit" class="button primary">
          {editId ? 'Save' : 'Add profile'}
        </button>
      </div>
    </form>
  );
};

export const ProfilesPage: FC<{
  chrome: Chrome;
  profiles: ProfileRow[];
  newForm: ProfileFormValues;
  errors: Record<string, string>;
  /** The profile whose form has the errors (absent: the new-profile form). */
  errorsFor?: number | undefined;
  /** What was typed into that profile's form, shown again instead of the stored values. */
  editForm?: ProfileFormValues | undefined;
  message?: string | undefined;
}> = ({ chrome, profiles, newForm, errors, errorsFor, editForm, message }) => (
  <SettingsLayout chrome={chrome} tab="profiles">
    {message ? <div class="banner ok">{message}</div> : null}
    <p class="lead">A profile says what a placed trailer looks like. Downloads that already match are only remuxed (lossless, seconds); others are converted.</p>
    <p class="lead" id="default-profile-note">
      Every trailer is made with the <strong>default</strong> profile; the others are kept so you can switch by making one of them the default.
    </p>
    <div class="profile-list">
      {profiles.map((profile) => (
        <details class="card" id={`profile-${profile.id}`} open={errorsFor === profile.id}>
          <summary class="card-header">
            <h2>
              {profile.name} {profile.isDefault ? <span class="badge status-have">default</span> : null}
            </h2>
            <span class="muted">
              {profile.container} · {profile.videoCodec}/{profile.audioCodec} · {profile.maxHeight}p · CRF {profile.crf}
            </span>
          </summary>
          <div class="card-body">
            <ProfileForm values={errorsFor === profile.id && editForm ? editForm : profile} errors={errorsFor === profile.id ? errors : {}} csrfToken={chrome.csrfToken} editId={profile.id} />
            {profile.isDefault ? null : (
              <form method="post" action={`/settings/profiles/${profile.id}/delete`} class="inline-form">
                <CsrfInput token={chrome.csrfToken} />
                <button type="submit" class="button small danger">
                  Delete this profile
                </button>
              </form>
            )}
          </div>
        </details>
      ))}
    </div>
    <details class="card" open={profiles.length === 0 || (errorsFor === undefined && Object.keys(errors).length > 0)}>
      <summary class="card-header">
        <h2>Add a profile</h2>
      </summary>
      <div class="card-body">
        <ProfileForm values={newForm} errors={errorsFor === undefined ? errors : {}} csrfToken={chrome.csrfToken} />
      </div>
    </details>
  </SettingsLayout>
);
