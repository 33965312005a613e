// The profile form ↔ the JSON shape /api/v1/profiles takes, so one schema judges both. A refused
// form comes back exactly as typed (issue #21): numbers that did not parse, tags and languages as
// the text in their boxes, the ticked boxes.
import { profileDefaults } from '../../admin/profiles.ts';
import type { ProfileRow } from '../../db/schema/index.ts';
import type { ProfileFormValues } from '../../../views/profile-form.tsx';
import type { FormReader } from './outbound-form.ts';

export const NEW_PROFILE_FORM: ProfileFormValues = formOfProfile({ name: '', ...profileDefaults });

/** A stored profile as the form shows it. */
export function formOfProfile(profile: Omit<ProfileRow, 'id'>): ProfileFormValues {
  return {
    name: profile.name,
    container: profile.container,
    videoCodec: profile.videoCodec,
    audioCodec: profile.audioCodec,
    maxHeight: profile.maxHeight,
    crf: profile.crf,
    preset: profile.preset,
    hwaccel: profile.hwaccel,
    isDefault: profile.isDefault,
    kind: profile.kind,
    scope: profile.scope,
    languageRule: profile.languageRule,
    subtitleLanguages: profile.subtitles?.languages.join(', ') ?? '',
    subtitleAutomatic: profile.subtitles?.automatic ?? false,
    mediaKinds: [...profile.appliesTo.mediaKinds],
    connectionIds: profile.appliesTo.connectionIds.map(String),
    tags: profile.appliesTo.tags.join(', '),
    enabled: profile.enabled,
  };
}

const commaList = (text: string): string[] =>
  text
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter(Boolean);

const wholeNumber = (text: string): number | string => (/^-?\d+$/.test(text.trim()) ? Number(text.trim()) : text);

/**
 * What the form showed, so a refused form comes back as typed. A field the post does not carry
 * keeps `base` (the stored profile, or the new-profile defaults); a checkbox group sends an empty
 * marker first, so "none ticked" is told apart from "not in the form".
 */
export function typedProfileForm(form: FormReader, base: ProfileFormValues = NEW_PROFILE_FORM): ProfileFormValues {
  const has = (key: string) => form.list(key).length > 0;
  const text = <K extends keyof ProfileFormValues>(key: K): ProfileFormValues[K] => (has(key) ? form.text(key) : base[key]) as ProfileFormValues[K];
  const flag = (key: 'isDefault' | 'subtitleAutomatic' | 'enabled') => (has(key) ? form.flag(key) : base[key]);
  const group = (key: 'mediaKinds' | 'connectionIds') => (has(key) ? form.list(key).filter((value) => value !== '') : base[key]);
  return {
    name: text('name'),
    container: text('container'),
    videoCodec: text('videoCodec'),
    audioCodec: text('audioCodec'),
    maxHeight: has('maxHeight') ? wholeNumber(form.text('maxHeight')) : base.maxHeight,
    crf: has('crf') ? wholeNumber(form.text('crf')) : base.crf,
    preset: text('preset'),
    hwaccel: text('hwaccel'),
    isDefault: flag('isDefault'),
    kind: text('kind'),
    scope: text('scope'),
    languageRule: text('languageRule'),
    subtitleLanguages: text('subtitleLanguages'),
    subtitleAutomatic: flag('subtitleAutomatic'),
    mediaKinds: group('mediaKinds'),
    connectionIds: group('connectionIds'),
    tags: text('tags'),
    enabled: flag('enabled'),
  };
}

/** The typed form → the API's JSON (no subtitle languages and no automatic captions: subtitles off). */
export function profileInput(values: ProfileFormValues): Record<string, unknown> {
  const languages = commaList(values.subtitleLanguages);
  // Theme music is always an MP3: its hidden conversion fields are left as stored.
  const conversion =
    values.kind === 'theme-music'
      ? {}
      : { container: values.container, videoCodec: values.videoCodec, audioCodec: values.audioCodec, maxHeight: values.maxHeight, crf: values.crf, preset: values.preset, hwaccel: values.hwaccel };
  return {
    name: values.name,
    ...conversion,
    isDefault: values.isDefault,
    kind: values.kind,
    scope: values.scope,
    languageRule: values.languageRule,
    subtitles: languages.length === 0 && !values.subtitleAutomatic ? null : { languages, automatic: values.subtitleAutomatic },
    appliesTo: {
      mediaKinds: values.mediaKinds,
      connectionIds: values.connectionIds.map((id) => (/^\d+$/.test(id) ? Number(id) : id)),
      tags: commaList(values.tags),
    },
    enabled: values.enabled,
  };
}

// Issue paths of the nested fields → the form field they are shown beside.
const FIELD_OF_PATH: Record<string, string> = {
  subtitles: 'subtitleLanguages',
  'subtitles.languages': 'subtitleLanguages',
  'subtitles.automatic': 'subtitleAutomatic',
  'appliesTo.mediaKinds': 'mediaKinds',
  'appliesTo.connectionIds': 'connectionIds',
  'appliesTo.tags': 'tags',
};

/** Issues keyed by form field, first message each; a list entry's message names the entry. */
export function profileFormErrors(issues: ReadonlyArray<{ path: string; message: string }>, values: ProfileFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const parts = issue.path.split('.');
    const index = parts.length === 3 && /^\d+$/.test(parts[2]!) ? Number(parts[2]) : undefined;
    const key = FIELD_OF_PATH[parts.slice(0, 2).join('.')] ?? FIELD_OF_PATH[parts[0] ?? ''] ?? (parts[0] || '_form');
    let message = /expected number/i.test(issue.message) ? 'Enter a whole number' : issue.message;
    if (key === 'tags' && index !== undefined) message = `"${commaList(values.tags)[index] ?? ''}": ${message}`;
    errors[key] ??= message;
  }
  return errors;
}
