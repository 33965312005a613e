// Words for a file slot on the pages: its kind, its season, its profile's language rule.
import type { ExtraKind } from '../src/domain/extra-kinds.ts';

export const KIND_LABELS: Record<ExtraKind, string> = {
  trailer: 'Trailer',
  teaser: 'Teaser',
  featurette: 'Featurette',
  'behind-the-scenes': 'Behind the scenes',
  clip: 'Clip',
  interview: 'Interview',
  'theme-music': 'Theme music',
};

/** "Season 1", season 0 is "Specials", no season is the whole movie or series. */
export function seasonLabel(season: number | null): string {
  if (season === null) return 'Whole item';
  return season === 0 ? 'Specials' : `Season ${season}`;
}

export const LANGUAGE_RULE_LABELS: Record<string, string> = {
  settings: 'As in Trailer choice',
  original: 'Original language',
  mine: 'My language',
  'original-subtitled': 'Original, subtitled',
};

/** One line each: what the rule fetches. */
export const LANGUAGE_RULE_MEANINGS: Record<string, string> = {
  settings: 'follows "Films in another language" in Settings → Trailer choice.',
  original: 'the original language; subtitled is fine, dubs only as a last resort.',
  mine: 'your preferred languages (Settings → Media & sources); dubs allowed.',
  'original-subtitled': 'the original language, preferring a version subtitled in your language.',
};

/** "missing a featurette", "missing an interview", "missing theme music": the domain's wording. */
export { KIND_WITH_ARTICLE } from '../src/domain/extra-kinds.ts';
