// What a profile fetches and where (issue #19): kind, scope, language rule, subtitles, "applies to"
// and the enabled switch, with the rules that tie them together. Each rule names the field it is
// about, so the API's 400 and the form's message beside the field say the same thing.
import { z } from 'zod';
import { profileLanguageRules, profileScopes } from '../db/schema/index.ts';
import { EXTRA_KINDS, type ExtraKind } from '../domain/extra-kinds.ts';
import { languageCodeSchema } from '../domain/language-code.ts';

export const MAX_PROFILE_TAGS = 20;
export const MAX_TAG_LENGTH = 50;

/**
 * Only these kinds come per season: TMDB and YouTube have season trailers, teasers and clips, while
 * featurettes, behind-the-scenes videos and interviews are made for the whole show, and theme music
 * is one tune per series.
 */
export const SEASON_KINDS: readonly ExtraKind[] = ['trailer', 'teaser', 'clip'];

// Arr tag labels are short words ("4k", "kids", "anime-dub"); anything else is refused rather than
// stored and compared.
const tagSchema = z
  .string({ error: 'must be a tag label' })
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_TAG_LENGTH, `a tag has at most ${MAX_TAG_LENGTH} characters`)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u, 'a tag holds letters, digits, spaces, dots, dashes and underscores only');

const unique = <T>(values: T[]): T[] => [...new Set(values)];

const appliesToFields = {
  mediaKinds: z
    .array(z.enum(['movie', 'series'], { error: 'must be movie or series' }))
    .max(2)
    .transform(unique),
  connectionIds: z
    .array(z.int({ error: 'must be a connection id' }).positive('must be a connection id'))
    .max(100, 'at most 100 connections')
    .transform(unique),
  tags: z
    .array(tagSchema)
    .max(MAX_PROFILE_TAGS, `at most ${MAX_PROFILE_TAGS} tags`)
    .transform((tags) => [...new Map(tags.map((tag) => [tag.toLocaleLowerCase('en'), tag])).values()]),
};

/** A whole "applies to": a list not sent is empty (any). */
export const appliesToSchema = z.strictObject({
  mediaKinds: appliesToFields.mediaKinds.default([]),
  connectionIds: appliesToFields.connectionIds.default([]),
  tags: appliesToFields.tags.default([]),
});

/**
 * "Applies to" in a profile update: only the lists sent change, the others keep their stored
 * value (the update is partial at every level). Plain optional fields, not `.partial()` of the
 * schema above: zod 4 applies a `.default()` inside `.partial()`, which would empty them.
 */
export const appliesToPatchSchema = z.strictObject({
  mediaKinds: appliesToFields.mediaKinds.optional(),
  connectionIds: appliesToFields.connectionIds.optional(),
  tags: appliesToFields.tags.optional(),
});

/** `null`: no subtitles. Languages are checked like the preferred languages of the settings. */
export const subtitlesSchema = z
  .strictObject({
    languages: z
      .array(languageCodeSchema)
      .min(1, 'Name at least one subtitle language, or turn subtitles off')
      .max(20, 'at most 20 languages')
      .transform(unique),
    automatic: z.boolean({ error: 'must be true or false' }).default(false),
  })
  .nullable();

export const slotFields = {
  kind: z.enum(EXTRA_KINDS, { error: `must be one of ${EXTRA_KINDS.join(', ')}` }),
  scope: z.enum(profileScopes, { error: `must be one of ${profileScopes.join(', ')}` }),
  languageRule: z.enum(profileLanguageRules, { error: `must be one of ${profileLanguageRules.join(', ')}` }),
  subtitles: subtitlesSchema,
  appliesTo: appliesToSchema,
  enabled: z.boolean({ error: 'must be true or false' }),
};

export const slotDefaults = {
  kind: 'trailer',
  scope: 'item',
  languageRule: 'settings',
  subtitles: null,
  appliesTo: { mediaKinds: [], connectionIds: [], tags: [] },
  enabled: true,
} as const satisfies { [K in keyof typeof slotFields]: z.input<(typeof slotFields)[K]> };

type SlotShape = {
  isDefault: boolean;
  kind: ExtraKind;
  scope: (typeof profileScopes)[number];
  subtitles: { languages: string[]; automatic: boolean } | null;
  enabled: boolean;
};

/** The rules between fields, each with the field it is shown beside. */
export function slotRuleIssues(profile: SlotShape): Array<{ path: string[]; message: string }> {
  const issues: Array<{ path: string[]; message: string }> = [];
  if (profile.isDefault) {
    if (!profile.enabled) issues.push({ path: ['enabled'], message: 'The default profile makes every main trailer; it stays enabled (make another profile the default first).' });
    if (profile.kind !== 'trailer') issues.push({ path: ['kind'], message: 'The default profile makes the main trailer, so its kind is Trailer.' });
    if (profile.scope !== 'item') issues.push({ path: ['scope'], message: 'The default profile makes one trailer per movie or series, so its scope is the whole item.' });
  }
  if (profile.kind === 'theme-music') {
    if (profile.scope !== 'item') issues.push({ path: ['scope'], message: 'Theme music is one file per movie or series; choose the whole item.' });
    if (profile.subtitles !== null) issues.push({ path: ['subtitles'], message: 'Theme music is audio only; it has no subtitles.' });
  } else if (profile.scope === 'season' && !SEASON_KINDS.includes(profile.kind)) {
    issues.push({
      path: ['scope'],
      message: 'Only trailers, teasers and clips come per season; featurettes, behind-the-scenes videos and interviews are made for the whole show.',
    });
  }
  return issues;
}

const looseShape = z.object({
  isDefault: z.boolean().catch(false),
  kind: z.enum(EXTRA_KINDS),
  scope: z.enum(profileScopes),
  subtitles: z.unknown().transform((value) => (value === null || value === undefined ? null : { languages: [], automatic: false })),
  enabled: z.boolean().catch(true),
});

/**
 * The rules between fields for a profile some other field of which is refused: zod runs a
 * refinement only when every field parsed, and a form should name every problem at once.
 */
export function slotRuleIssuesOfRaw(raw: unknown): Array<{ path: string; message: string }> {
  const loose = looseShape.safeParse(raw);
  if (!loose.success) return [];
  return slotRuleIssues(loose.data).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}
