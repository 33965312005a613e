// The kinds of video (and audio) a profile can fetch for an item.
export const EXTRA_KINDS = ['trailer', 'teaser', 'featurette', 'behind-the-scenes', 'clip', 'interview', 'theme-music'] as const;
export type ExtraKind = (typeof EXTRA_KINDS)[number];

/** A kind in running text: "missing a featurette", "cannot name an interview …", "theme music". */
export const KIND_WITH_ARTICLE: Readonly<Record<ExtraKind, string>> = {
  trailer: 'a trailer',
  teaser: 'a teaser',
  featurette: 'a featurette',
  'behind-the-scenes': 'a behind-the-scenes video',
  clip: 'a clip',
  interview: 'an interview',
  'theme-music': 'theme music',
};
