// Trailer-choice settings of issue #17: how foreign-language items are treated, the user's hard
// rules, the search query template and the re-check schedule of items without a trailer yet.
// They are settings keys (spread into settingsSchema) and, as a partial, a connection's overrides
// (a 4K instance or an anime Sonarr can differ). `rankingFor` resolves what one item uses.
import { z } from 'zod';
import { languageModes } from '../domain/candidate-dubs.ts';
import type { RankingPreferences } from '../domain/candidate-ranking.ts';
import type { RecheckSettings } from '../domain/release-schedule.ts';
import { DEFAULT_QUERY_TEMPLATE, queryTemplateProblem } from '../domain/search-queries.ts';

const noControl = (s: string): boolean => !/\p{Cc}/u.test(s);
const listItem = z.string().trim().min(1).max(100).refine(noControl, 'must not contain control characters');
const list = z.array(listItem).max(100);

export const queryTemplateSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .superRefine((value, ctx) => {
    const problem = queryTemplateProblem(value);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Keys of the global settings (see settingsSchema). */
export const rankingSettingsShape = {
  /** `original`: original language or subtitled, dubs last; `mine`: my language, dubs allowed. */
  languageMode: z.enum(languageModes).default('original'),
  channelAllowlist: list.default([]),
  channelBlocklist: list.default([]),
  includeWords: list.default([]),
  includeMode: z.enum(['all', 'any']).default('all'),
  searchQueryTemplate: queryTemplateSchema.default(DEFAULT_QUERY_TEMPLATE),
  /** Hours between searches for an unreleased item without an official trailer, before/after release. */
  recheckBeforeReleaseHours: z.number().int().min(1).max(24 * 30).default(24),
  recheckAfterReleaseHours: z.number().int().min(1).max(24 * 90).default(168),
};

/** What one connection may set differently; absent keys follow the global settings. */
export const rankingOverridesSchema = z
  .strictObject({
    languageMode: z.enum(languageModes),
    preferredLanguages: z.array(z.string().min(2).max(12).regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/)).max(20),
    channelAllowlist: list,
    channelBlocklist: list,
    includeWords: list,
    includeMode: z.enum(['all', 'any']),
    excludeKeywords: list,
    preferredChannels: list,
    searchQueryTemplate: queryTemplateSchema,
  })
  .partial();
export type RankingOverrides = z.infer<typeof rankingOverridesSchema>;

type RankingKeys = keyof RankingOverrides | 'minDurationSeconds' | 'maxDurationSeconds' | 'recheckBeforeReleaseHours' | 'recheckAfterReleaseHours';
export type RankingInputs = { [K in RankingKeys]-?: K extends keyof RankingOverrides ? NonNullable<RankingOverrides[K]> : number };

export interface ItemRanking {
  preferences: RankingPreferences;
  queryTemplate: string;
  recheck: RecheckSettings;
  preferredLanguages: string[];
}

/** The settings one item is ranked with: the global ones, with its connection's overrides on top. */
export function rankingFor(settings: RankingInputs, overrides: RankingOverrides | null | undefined): ItemRanking {
  const parsed = rankingOverridesSchema.safeParse(overrides ?? {});
  // An override stored by an older version that no longer validates is ignored, not fatal.
  const s = { ...settings, ...(parsed.success ? parsed.data : {}) };
  return {
    preferences: {
      minDurationSeconds: s.minDurationSeconds,
      maxDurationSeconds: s.maxDurationSeconds,
      preferredLanguages: s.preferredLanguages,
      excludeKeywords: s.excludeKeywords,
      preferredChannels: s.preferredChannels,
      languageMode: s.languageMode,
      rules: { channelAllowlist: s.channelAllowlist, channelBlocklist: s.channelBlocklist, includeWords: s.includeWords, includeMode: s.includeMode },
    },
    queryTemplate: s.searchQueryTemplate,
    recheck: { beforeReleaseHours: s.recheckBeforeReleaseHours, afterReleaseHours: s.recheckAfterReleaseHours },
    preferredLanguages: s.preferredLanguages,
  };
}
