import type { EditableSettingKey } from '../../admin/settings-update.ts';
import { RANKING_FIELD_KINDS, RANKING_FORM_KEYS } from './ranking-form.ts';

// Pure: an HTML form's text fields → the same object PUT /api/v1/settings takes, so the one
// settings schema validates both. A form only says "text"; each key's kind says how to read it.

type FieldKind = 'choice' | 'int' | 'optional-int' | 'list' | 'bool' | 'secret' | 'text';

const KINDS: Record<EditableSettingKey, FieldKind> = {
  backfillPolicy: 'choice',
  reconcileIntervalHours: 'int',
  trailerLayout: 'choice',
  deletedTrailerPolicy: 'choice',
  preferredLanguages: 'list',
  excludeKeywords: 'list',
  preferredChannels: 'list',
  minDurationSeconds: 'int',
  maxDurationSeconds: 'int',
  searchResultCount: 'int',
  maxFileSizeMb: 'int',
  downloadTimeoutSeconds: 'int',
  workerConcurrency: 'optional-int',
  ffmpegConcurrency: 'optional-int',
  tmdbApiKey: 'secret',
  ytdlpExtraArgs: 'list',
  authDisabledForLocalAddresses: 'bool',
  ...RANKING_FIELD_KINDS,
  metricsWithoutApiKey: 'bool',
  allowPrivateSourceUrls: 'bool',
};

/** The settings forms and the keys each one edits. */
export const SETTINGS_SECTIONS = {
  media: ['trailerLayout', 'deletedTrailerPolicy', 'preferredLanguages', 'excludeKeywords', 'preferredChannels', 'minDurationSeconds', 'maxDurationSeconds', 'searchResultCount', 'tmdbApiKey', ...RANKING_FORM_KEYS],
  downloads: ['backfillPolicy', 'reconcileIntervalHours', 'workerConcurrency', 'ffmpegConcurrency', 'maxFileSizeMb', 'downloadTimeoutSeconds', 'ytdlpExtraArgs'],
  security: ['authDisabledForLocalAddresses', 'metricsWithoutApiKey', 'allowPrivateSourceUrls'],
} as const satisfies Record<string, readonly EditableSettingKey[]>;

export type SettingsSection = keyof typeof SETTINGS_SECTIONS;

export function isSettingsSection(name: string): name is SettingsSection {
  return Object.hasOwn(SETTINGS_SECTIONS, name);
}

function readValue(kind: FieldKind, raw: string | undefined): unknown {
  const text = (raw ?? '').trim();
  switch (kind) {
    case 'choice':
      return text;
    case 'int':
      // Left as text when it is not a number, so the schema's own message names the problem.
      return /^-?\d+$/.test(text) ? Number(text) : text;
    case 'optional-int':
      return text === '' ? null : /^-?\d+$/.test(text) ? Number(text) : text;
    case 'list':
      // One entry per line (commas also separate, except in yt-dlp arguments, which may contain them).
      return text === '' ? [] : text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
    case 'bool':
      return text === 'true' || text === 'on';
    case 'secret':
    case 'text':
      return text;
  }
}

/** The update for one section's keys; a key missing from the form is left out (unchanged). */
export function formToSettingsUpdate(section: SettingsSection, fields: Record<string, string>): Record<string, unknown> {
  const update: Record<string, unknown> = {};
  for (const key of SETTINGS_SECTIONS[section]) {
    if (!(key in fields)) continue;
    let value = readValue(KINDS[key], fields[key]);
    if (KINDS[key] === 'list' && key !== 'ytdlpExtraArgs' && Array.isArray(value)) {
      value = value.flatMap((entry: string) => entry.split(',')).map((entry) => entry.trim()).filter(Boolean);
    }
    if (value !== undefined) update[key] = value;
  }
  return update;
}

/** Issues keyed by field, in words for a form ("expected number" is what a blank number field gives). */
export function formErrors(issues: Array<{ path: string; message: string }>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.split('.')[0] || '_form';
    errors[key] ??= /expected number/i.test(issue.message) ? 'Enter a whole number' : issue.message;
  }
  return errors;
}
