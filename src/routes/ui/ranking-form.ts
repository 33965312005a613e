// How the trailer-choice settings (src/config/ranking-settings.ts) are read from the media form.
export const RANKING_FIELD_KINDS = {
  languageMode: 'choice',
  channelAllowlist: 'list',
  channelBlocklist: 'list',
  includeWords: 'list',
  includeMode: 'choice',
  searchQueryTemplate: 'text',
  recheckBeforeReleaseHours: 'int',
  recheckAfterReleaseHours: 'int',
} as const;

export const RANKING_FORM_KEYS = Object.keys(RANKING_FIELD_KINDS) as (keyof typeof RANKING_FIELD_KINDS)[];
