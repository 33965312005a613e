// The kinds of video (and audio) a profile can fetch for an item.
export const EXTRA_KINDS = ['trailer', 'teaser', 'featurette', 'behind-the-scenes', 'clip', 'interview', 'theme-music'] as const;
export type ExtraKind = (typeof EXTRA_KINDS)[number];

/** A kind as a noun in running text, the one wording of it: "have theme music", "no featurette yet". */
export const KIND_NOUN: Readonly<Record<ExtraKind, string>> = {
  trailer: 'trailer',
  teaser: 'teaser',
  featurette: 'featurette',
  'behind-the-scenes': 'behind-the-scenes video',
  clip: 'clip',
  interview: 'interview',
  'theme-music': 'theme music',
};

/** A kind in running text: "missing a featurette", "cannot name an interview …", "theme music". */
export const KIND_WITH_ARTICLE: Readonly<Record<ExtraKind, string>> = {
  trailer: `a ${KIND_NOUN.trailer}`,
  teaser: `a ${KIND_NOUN.teaser}`,
  featurette: `a ${KIND_NOUN.featurette}`,
  'behind-the-scenes': `a ${KIND_NOUN['behind-the-scenes']}`,
  clip: `a ${KIND_NOUN.clip}`,
  interview: `an ${KIND_NOUN.interview}`,
  // A mass noun: no article.
  'theme-music': KIND_NOUN['theme-music'],
};

/** One slot in running text: "featurette", "season 2 teaser", "specials trailer" (season 0). */
export function slotNoun(kind: ExtraKind, season: number | null): string {
  if (season === null) return KIND_NOUN[kind];
  return season === 0 ? `specials ${KIND_NOUN[kind]}` : `season ${season} ${KIND_NOUN[kind]}`;
}
