// The release facts and original language Radarr/Sonarr report for an item, read leniently: a
// malformed value is "not told", never a failed sync. Dates are kept as `YYYY-MM-DD` (the Arr
// writes midnight UTC for a calendar day).
import { z } from 'zod';
import { languageCodeForName } from '../domain/language-names.ts';
import { soft } from './tolerant-json.ts';

const day = soft(z.string().regex(/^\d{4}-\d{2}-\d{2}/)).transform((value) => (value !== undefined && !value.startsWith('0001-') ? value.slice(0, 10) : undefined));

/** `originalLanguage: { id: 8, name: "Japanese" }` → `ja`; "Unknown"/"Any" → undefined. */
export const originalLanguageField = soft(z.object({ name: z.string() })).transform((value) =>
  value !== undefined ? languageCodeForName(value.name) : undefined,
);

export const radarrReleaseFields = {
  originalLanguage: originalLanguageField,
  status: soft(z.string().max(40)),
  inCinemas: day,
  digitalRelease: day,
  physicalRelease: day,
};

export const sonarrReleaseFields = {
  originalLanguage: originalLanguageField,
  status: soft(z.string().max(40)),
  firstAired: day,
};
