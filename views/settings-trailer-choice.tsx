import type { FC } from 'hono/jsx';
import type { SettingsView } from '../src/admin/settings-update.ts';
import { ListField, SelectField, TextField } from './components.tsx';

// The trailer-choice part of the media settings form: language preference, hard rules, search
// query template and the re-check schedule of unreleased items.
export const TrailerChoiceFields: FC<{ settings: SettingsView; errors: Record<string, string> }> = ({ settings, errors }) => (
  <fieldset>
    <legend>Trailer choice</legend>
    <SelectField
      name="languageMode"
      label="Films in another language"
      value={settings.languageMode}
      error={errors['languageMode']}
      options={[
        { value: 'original', label: 'Original language (subtitled is fine; dubs only as a last resort)' },
        { value: 'original-subtitled', label: 'Original with subtitles preferred' },
        { value: 'mine', label: 'My language (dubs allowed)' },
      ]}
    />
    <ListField name="channelAllowlist" label="Only these channels" values={settings.channelAllowlist} error={errors['channelAllowlist']} hint="Channel names or ids (UC…), one per line. Empty: any channel." />
    <ListField name="channelBlocklist" label="Never these channels" values={settings.channelBlocklist} error={errors['channelBlocklist']} hint="Channel names or ids, one per line." />
    <ListField name="includeWords" label="Title must contain" values={settings.includeWords} error={errors['includeWords']} hint="Words or phrases, one per line." />
    <SelectField
      name="includeMode"
      label="Of those words"
      value={settings.includeMode}
      error={errors['includeMode']}
      options={[
        { value: 'all', label: 'All of them' },
        { value: 'any', label: 'Any one' },
      ]}
    />
    <TextField name="searchQueryTemplate" label="YouTube search" value={settings.searchQueryTemplate} error={errors['searchQueryTemplate']} hint="Tokens: {title} {year} {kind} {original_title}. More searches with the original and alternate titles follow when this one finds nothing good." />
    <TextField name="recheckBeforeReleaseHours" label="Unreleased items: search again every (hours)" type="number" min={1} max={720} value={settings.recheckBeforeReleaseHours} error={errors['recheckBeforeReleaseHours']} hint={'Until release only an official trailer is taken; until then the item shows "No trailer yet".'} />
    <TextField name="recheckAfterReleaseHours" label="…and after release, every (hours)" type="number" min={1} max={2160} value={settings.recheckAfterReleaseHours} error={errors['recheckAfterReleaseHours']} />
  </fieldset>
);
