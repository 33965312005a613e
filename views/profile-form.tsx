import type { FC } from 'hono/jsx';
import { profileLanguageRules, type ProfileRow } from '../src/db/schema/index.ts';
import { EXTRA_KINDS } from '../src/domain/extra-kinds.ts';
import { AUDIO_CODECS, CONTAINERS, HWACCELS, PRESETS, VIDEO_CODECS } from '../src/media-tools/convert-plan.ts';
import { CheckboxField, CsrfInput, FormMessage, SelectField, TextField } from './components.tsx';
import { KIND_LABELS, LANGUAGE_RULE_LABELS, LANGUAGE_RULE_MEANINGS } from './slot-labels.ts';

/**
 * A profile as the form shows it: numbers that did not parse, subtitle languages and tags as the
 * text typed, the ticked boxes of "applies to".
 */
export type ProfileFormValues = Pick<ProfileRow, 'name' | 'container' | 'videoCodec' | 'audioCodec' | 'preset' | 'hwaccel' | 'isDefault' | 'kind' | 'scope' | 'languageRule' | 'enabled'> & {
  crf: number | string;
  maxHeight: number | string;
  subtitleLanguages: string;
  subtitleAutomatic: boolean;
  mediaKinds: string[];
  connectionIds: string[];
  tags: string;
};

export type ConnectionChoice = { id: number; name: string; kind: 'radarr' | 'sonarr' };

const options = (values: readonly string[]) => values.map((value) => ({ value, label: value }));

const HEIGHTS = ['2160', '1440', '1080', '720', '480'];

/** Ticked boxes of one list field, labelled as a group, its error beside it like any field. */
const CheckboxGroup: FC<{ idPrefix: string; name: string; label: string; choices: Array<{ value: string; label: string }>; checked: readonly string[]; error?: string | undefined; hint?: string }> = ({
  idPrefix,
  name,
  label,
  choices,
  checked,
  error,
  hint,
}) => {
  const id = `${idPrefix}${name}`;
  return (
    <div class={`field${error ? ' has-error' : ''}`} role="group" aria-labelledby={`${id}-label`} aria-describedby={error ? `${id}-error` : undefined}>
      <span class="field-label" id={`${id}-label`}>
        {label}
      </span>
      <div class="field-control">
        <div class="checkbox-row" id={id}>
          {/* Sent even when nothing is ticked, so the form says "none" rather than nothing. */}
          <input type="hidden" name={name} value="" />
          {choices.map((choice) => (
            <label class="checkbox">
              <input type="checkbox" id={`${id}-${choice.value}`} name={name} value={choice.value} checked={checked.includes(choice.value)} /> {choice.label}
            </label>
          ))}
        </div>
        {error ? (
          <p class="field-error" id={`${id}-error`}>
            {error}
          </p>
        ) : null}
        {hint ? <p class="field-hint">{hint}</p> : null}
      </div>
    </div>
  );
};

const LanguageRuleHint: FC = () => (
  <ul class="hint-list">
    {profileLanguageRules.map((rule) => (
      <li>
        <strong>{LANGUAGE_RULE_LABELS[rule]}</strong>: {LANGUAGE_RULE_MEANINGS[rule]}
      </li>
    ))}
  </ul>
);

export const ProfileForm: FC<{ values: ProfileFormValues; errors: Record<string, string>; csrfToken: string; connections: ConnectionChoice[]; editId?: number | undefined }> = ({
  values,
  errors,
  csrfToken,
  connections,
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
      <CheckboxField
        idPrefix={idPrefix}
        name="enabled"
        label="Enabled"
        checked={values.enabled}
        error={errors['enabled']}
        hint="A disabled profile fetches nothing new; the files it already placed are kept and still listed on each item."
      />
      <fieldset>
        <legend>What to fetch</legend>
        <SelectField idPrefix={idPrefix} name="kind" label="Kind" value={values.kind} options={EXTRA_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))} error={errors['kind']} />
        <SelectField
          idPrefix={idPrefix}
          name="scope"
          label="One file per"
          value={values.scope}
          options={[
            { value: 'item', label: 'Movie or series' },
            { value: 'season', label: 'Season (series only)' },
          ]}
          error={errors['scope']}
          hint="Per season: one file for each season Sonarr monitors; only for trailers, teasers and clips."
        />
        <SelectField
          idPrefix={idPrefix}
          name="languageRule"
          label="Language"
          value={values.languageRule}
          options={profileLanguageRules.map((rule) => ({ value: rule, label: LANGUAGE_RULE_LABELS[rule] ?? rule }))}
          error={errors['languageRule']}
          hint={<LanguageRuleHint />}
        />
        <TextField
          idPrefix={idPrefix}
          name="subtitleLanguages"
          label="Subtitles"
          value={values.subtitleLanguages}
          placeholder="en, pt-BR"
          error={errors['subtitleLanguages']}
          hint="Language codes separated by commas (en, de, pt-BR). Empty: no subtitles. Not for theme music."
        />
        <CheckboxField idPrefix={idPrefix} name="subtitleAutomatic" label="Also automatic captions" checked={values.subtitleAutomatic} error={errors['subtitleAutomatic']} />
      </fieldset>
      <fieldset>
        <legend>Applies to</legend>
        <CheckboxGroup
          idPrefix={idPrefix}
          name="mediaKinds"
          label="Movies or series"
          choices={[
            { value: 'movie', label: 'Movies' },
            { value: 'series', label: 'Series' },
          ]}
          checked={values.mediaKinds}
          error={errors['mediaKinds']}
          hint="None ticked: both."
        />
        <CheckboxGroup
          idPrefix={idPrefix}
          name="connectionIds"
          label="Connections"
          choices={connections.map((c) => ({ value: String(c.id), label: `${c.name} (${c.kind === 'radarr' ? 'Radarr' : 'Sonarr'})` }))}
          checked={values.connectionIds}
          error={errors['connectionIds']}
          hint={connections.length === 0 ? 'No connections yet; none ticked means every connection.' : 'None ticked: every connection.'}
        />
        <TextField
          idPrefix={idPrefix}
          name="tags"
          label="Tags"
          value={values.tags}
          placeholder="4k, kids"
          error={errors['tags']}
          hint="Radarr/Sonarr tag labels separated by commas, at most 20; an item with any of them. Empty: any item."
        />
      </fieldset>
      <fieldset class="conversion-fields">
        <legend>Conversion</legend>
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
      </fieldset>
      <p class="theme-music-note field-hint">Theme music is always an MP3, loudness-normalised and trimmed of silence; the conversion settings do not apply.</p>
      <CheckboxField
        idPrefix={idPrefix}
        name="isDefault"
        label="Default profile"
        checked={values.isDefault}
        error={errors['isDefault']}
        hint="The default profile makes each item's main trailer: enabled, kind Trailer, one per movie or series."
      />
      <div class="form-footer">
        <button type="submit" class="button primary">
          {editId ? 'Save' : 'Add profile'}
        </button>
      </div>
    </form>
  );
};
