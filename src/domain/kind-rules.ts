import { findPhrase, hasAnyPhrase, tokens } from './candidate-text.ts';
import type { ExtraKind } from './extra-kinds.ts';
import { describeWanted, withArticle, type Wanted } from './wanted-video.ts';

// Pure: what a search result's title says about its kind, judged for the kind a slot wants. A
// trailer slot keeps the trailer rules ("official trailer" up, teasers and clips down); a teaser
// slot prefers "teaser"; a featurette, behind-the-scenes, clip or interview slot refuses trailers
// and scores its own word up; a theme-music slot refuses albums, hour-long loops and compilations
// and scores "main theme", "opening", "theme song" up. Each signal is a reason the UI shows.

export interface KindSignal {
  points: number;
  reason: string;
}

export interface KindVerdict {
  /** Reasons the video must not fill the slot. */
  excluded: string[];
  signals: KindSignal[];
}

// Duration bounds for the kinds that are not trailers. The user's min/max settings are about
// trailers; these replace them. Shorts and silent stills are under the minimums anyway.
/** A featurette runs a few minutes; past 20 it is a making-of documentary or a full special. */
export const FEATURETTE_MAX_SECONDS = 20 * 60;
/** Behind-the-scenes pieces: as featurettes. */
export const BEHIND_THE_SCENES_MAX_SECONDS = 20 * 60;
/** Press-junket interviews run long; past 30 minutes it is a panel or a podcast. */
export const INTERVIEW_MAX_SECONDS = 30 * 60;
/** A clip is one scene; past 10 minutes it is a chunk of the film. */
export const CLIP_MAX_SECONDS = 10 * 60;
/** Featurettes, behind-the-scenes videos and interviews shorter than this are teasers for them. */
export const EXTRA_MIN_SECONDS = 30;
/** A clip may be a short scene. */
export const CLIP_MIN_SECONDS = 15;
/** Theme music: a sting is at least 10 s; past 3 minutes it is a suite, a medley or a loop. Hard
 *  bounds, whatever the user set for trailers. */
export const THEME_MUSIC_MIN_SECONDS = 10;
export const THEME_MUSIC_MAX_SECONDS = 3 * 60;

const EXTRA_BOUNDS: Readonly<Record<Exclude<ExtraKind, 'trailer' | 'teaser'>, { min: number; max: number }>> = {
  featurette: { min: EXTRA_MIN_SECONDS, max: FEATURETTE_MAX_SECONDS },
  'behind-the-scenes': { min: EXTRA_MIN_SECONDS, max: BEHIND_THE_SCENES_MAX_SECONDS },
  interview: { min: EXTRA_MIN_SECONDS, max: INTERVIEW_MAX_SECONDS },
  clip: { min: CLIP_MIN_SECONDS, max: CLIP_MAX_SECONDS },
  'theme-music': { min: THEME_MUSIC_MIN_SECONDS, max: THEME_MUSIC_MAX_SECONDS },
};

/** The duration bounds for the slot: the user's trailer settings for trailers and teasers. */
export function durationBounds(wanted: Wanted, trailerBounds: { min: number; max: number }): { min: number; max: number } {
  return wanted.kind === 'trailer' || wanted.kind === 'teaser' ? trailerBounds : EXTRA_BOUNDS[wanted.kind];
}

const TRAILER_WORDS = ['trailer', 'trailers', 'bande annonce', 'трейлер', 'zwiastun', 'fragman'];
const TRAILER_SUBSTRINGS = ['予告', '预告', '預告', '예고편'];
const OFFICIAL_WORDS = ['official', 'officiel', 'officielle', 'offizieller', 'offizielle', 'oficial', 'ufficiale'];
const CLIP_WORDS = [
  'clip', 'scene', 'featurette', 'behind the scenes', 'making of', 'interview', 'tv spot', 'spot', 'bloopers',
  'deleted scene', 'soundtrack', 'ost', 'music video', 'sneak peek', 'first look',
];

/** The words that name each video kind in a title, the best first. */
const KIND_PHRASES: Readonly<Record<'featurette' | 'behind-the-scenes' | 'clip' | 'interview', readonly string[]>> = {
  featurette: ['featurette', 'vignette', 'first look', 'special look'],
  'behind-the-scenes': ['behind the scenes', 'making of', 'bts', 'on set', 'set visit', 'bloopers', 'gag reel'],
  clip: ['clip', 'scene', 'sneak peek', 'exclusive clip'],
  interview: ['interview', 'interviews', 'press conference', 'junket', 'in conversation', 'q and a'],
};

const THEME_PHRASES = ['main theme', 'opening theme', 'theme song', 'title theme', 'main title', 'opening credits', 'title sequence', 'opening', 'intro', 'theme'];
// A whole score, an album or an hour-long loop is not "the theme".
const NOT_ONE_THEME = [
  'full soundtrack', 'complete soundtrack', 'full ost', 'complete ost', 'soundtrack album', 'ost album', 'full album', 'full score',
  'complete score', 'playlist', '1 hour', 'one hour', '10 hours', 'hours', 'extended', 'compilation', 'all songs', 'medley',
];
const COVER_WORDS = ['cover', 'remix', 'piano version', 'tutorial', 'how to play', 'lofi', 'slowed', 'reverb', 'karaoke', 'nightcore', 'sped up', '8 bit'];

/** Words that may follow a title in a video's name without making it another title. */
export const KIND_TITLE_NEIGHBOURS: readonly string[] = tokens(
  'featurette vignette behind scenes making of bts on set visit bloopers gag reel clip scene sneak peek interview interviews ' +
  'press conference junket cast director q and a theme song main opening title credits sequence intro soundtrack ost score music',
);

type TitlePhrases = readonly (readonly string[])[];

/** The first phrase in the title's words that is not part of the item's own title ("127 Hours"). */
function sayingBesidesTitle(words: readonly string[], phrases: readonly string[], titlePhrases: TitlePhrases): string | undefined {
  return phrases.find((phrase) => {
    const phraseWords = tokens(phrase);
    return findPhrase(words, phraseWords) >= 0 && !titlePhrases.some((t) => findPhrase(t, phraseWords) >= 0);
  });
}

function saysTrailer(title: string, words: readonly string[]): boolean {
  return hasAnyPhrase(words, TRAILER_WORDS) !== undefined || TRAILER_SUBSTRINGS.some((s) => title.includes(s));
}

/** The trailer rules, unchanged from before kinds: for the trailer slot of a movie or series. */
function trailerSignals(title: string, words: readonly string[], itemKind: 'movie' | 'series', seasonSlot: boolean): KindSignal[] {
  const signals: KindSignal[] = [];
  const teaser = words.includes('teaser');
  const trailer = saysTrailer(title, words);
  const official = hasAnyPhrase(words, OFFICIAL_WORDS) !== undefined;
  const clip = hasAnyPhrase(words, CLIP_WORDS);
  if (official && trailer && !teaser) signals.push({ points: 15, reason: 'official trailer' });
  else if (official) signals.push({ points: 6, reason: 'says official' });
  if (teaser) signals.push({ points: -8, reason: 'teaser (down-ranked)' });
  else if (trailer) signals.push({ points: 10, reason: 'says trailer' });
  if (clip !== undefined && !trailer) signals.push({ points: -15, reason: `not a trailer (${clip})` });
  if (!trailer && !teaser && clip === undefined) signals.push({ points: -5, reason: 'does not say trailer' });
  if (itemKind === 'series' && !seasonSlot) {
    const at = words.indexOf('season');
    const season = at >= 0 ? Number(words[at + 1]) : NaN;
    // Later seasons' trailers spoil earlier ones; the first season or a series trailer is best.
    if (season === 1) signals.push({ points: 3, reason: 'first-season trailer' });
    else if (season > 1) signals.push({ points: -5, reason: `season ${season} trailer` });
  }
  return signals;
}

/** A teaser slot: "teaser" up; a full trailer is allowed but down-ranked; clips further down. */
function teaserSignals(title: string, words: readonly string[]): KindSignal[] {
  const signals: KindSignal[] = [];
  const teaser = words.includes('teaser');
  const trailer = saysTrailer(title, words);
  const clip = hasAnyPhrase(words, CLIP_WORDS);
  if (hasAnyPhrase(words, OFFICIAL_WORDS) !== undefined) signals.push({ points: teaser ? 15 : 6, reason: teaser ? 'official teaser' : 'says official' });
  if (teaser) signals.push({ points: 15, reason: 'says teaser' });
  else if (trailer) signals.push({ points: -10, reason: 'a trailer, not a teaser (down-ranked)' });
  else if (clip !== undefined) signals.push({ points: -15, reason: `not a teaser (${clip})` });
  else signals.push({ points: -5, reason: 'does not say teaser' });
  return signals;
}

/** Featurette, behind the scenes, clip, interview: never a trailer; the kind's word scores up. */
function extraVideoVerdict(title: string, words: readonly string[], kind: keyof typeof KIND_PHRASES, titlePhrases: TitlePhrases): KindVerdict {
  const excluded: string[] = [];
  const signals: KindSignal[] = [];
  const name = describeWanted({ kind });
  if (saysTrailer(title, words) || words.includes('teaser')) excluded.push(`${withArticle(name)} must not be a trailer`);
  const says = sayingBesidesTitle(words, KIND_PHRASES[kind], titlePhrases);
  if (says !== undefined) signals.push({ points: 20, reason: `says ${says}` });
  else signals.push({ points: -10, reason: `does not say ${name}` });
  if (hasAnyPhrase(words, OFFICIAL_WORDS) !== undefined) signals.push({ points: 6, reason: 'says official' });
  return { excluded, signals };
}

/** Theme music: one theme, not an album, a loop or a cover; a trailer is not music. */
function themeMusicVerdict(title: string, words: readonly string[], titlePhrases: TitlePhrases): KindVerdict {
  const excluded: string[] = [];
  const signals: KindSignal[] = [];
  const notOne = sayingBesidesTitle(words, NOT_ONE_THEME, titlePhrases);
  if (notOne !== undefined) excluded.push(`not a single theme ("${notOne}")`);
  if (saysTrailer(title, words) || words.includes('teaser')) excluded.push('theme music must not be a trailer');
  const theme = sayingBesidesTitle(words, THEME_PHRASES, titlePhrases);
  if (theme !== undefined) signals.push({ points: 20, reason: `says ${theme}` });
  else signals.push({ points: -10, reason: 'does not say theme, opening or intro' });
  if (hasAnyPhrase(words, ['soundtrack', 'ost', 'original score']) !== undefined) signals.push({ points: 5, reason: 'soundtrack' });
  const cover = sayingBesidesTitle(words, COVER_WORDS, titlePhrases);
  if (cover !== undefined) signals.push({ points: -15, reason: `a cover or remix ("${cover}")` });
  if (hasAnyPhrase(words, OFFICIAL_WORDS) !== undefined) signals.push({ points: 6, reason: 'says official' });
  return { excluded, signals };
}

/**
 * Exclusions and signals of a video title for the slot's kind. `titlePhrases` are the item's
 * titles as folded words: a rule word inside the title itself ("127 Hours") is no signal.
 */
export function kindVerdict(
  title: string,
  words: readonly string[],
  itemKind: 'movie' | 'series',
  wanted: Wanted,
  titlePhrases: TitlePhrases = [],
): KindVerdict {
  switch (wanted.kind) {
    case 'trailer':
      return { excluded: [], signals: trailerSignals(title, words, itemKind, wanted.season !== undefined) };
    case 'teaser':
      return { excluded: [], signals: teaserSignals(title, words) };
    case 'theme-music':
      return themeMusicVerdict(title, words, titlePhrases);
    default:
      return extraVideoVerdict(title, words, wanted.kind, titlePhrases);
  }
}
