// The kinds of video (and audio) a profile can fetch for an item.
export const EXTRA_KINDS = ['trailer', 'teaser', 'featurette', 'behind-the-scenes', 'clip', 'interview', 'theme-music'] as const;
export type ExtraKind = (typeof EXTRA_KINDS)[number];
