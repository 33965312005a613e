import { findPhrase, hasAnyPhrase, tokens } from './candidate-text.ts';
import type { YtDlpSearchEntry } from './ytdlp-search-entry.ts';

// The user's own hard rules for search results, and the stricter gate for films that are not out
// yet. Each rule that rejects a video gives the reason the UI shows ("channel "X" is on the
// blocklist"), stored with the candidate.

export interface UserRules {
  /** Only videos from these channels (names or `UC…` ids); empty: any channel. */
  channelAllowlist: readonly string[];
  /** Never videos from these channels. */
  channelBlocklist: readonly string[];
  /** Words the video title must contain: all of them, or any one. Empty: no rule. */
  includeWords: readonly string[];
  includeMode: 'all' | 'any';
}

export const NO_USER_RULES: UserRules = { channelAllowlist: [], channelBlocklist: [], includeWords: [], includeMode: 'all' };

function channelNames(entry: YtDlpSearchEntry): string[] {
  return [entry.channel, entry.uploader].filter((n): n is string => typeof n === 'string' && n !== '').map((n) => tokens(n).join(' '));
}

/** Does one of `list` (channel names or ids) name this video's channel? */
export function channelListed(entry: YtDlpSearchEntry, list: readonly string[]): string | undefined {
  const names = channelNames(entry);
  const ids = [entry.channel_id, entry.uploader_id].filter((id): id is string => typeof id === 'string' && id !== '');
  return list.find((item) => {
    const trimmed = item.trim();
    if (trimmed === '') return false;
    if (ids.includes(trimmed)) return true;
    const folded = tokens(trimmed).join(' ');
    return folded !== '' && names.includes(folded);
  });
}

function channelLabel(entry: YtDlpSearchEntry): string {
  return entry.channel || entry.uploader || entry.channel_id || 'unknown channel';
}

/** Every user rule this video breaks. */
export function userRuleReasons(entry: YtDlpSearchEntry, rules: UserRules): string[] {
  const reasons: string[] = [];
  if (rules.channelAllowlist.some((c) => c.trim() !== '') && channelListed(entry, rules.channelAllowlist) === undefined) {
    reasons.push(`channel "${channelLabel(entry)}" is not on the allowlist`);
  }
  const blocked = channelListed(entry, rules.channelBlocklist);
  if (blocked !== undefined) reasons.push(`channel "${channelLabel(entry)}" is on the blocklist`);
  const wanted = rules.includeWords.map((w) => ({ word: w, phrase: tokens(w) })).filter((w) => w.phrase.length > 0);
  if (wanted.length > 0) {
    const words = tokens(entry.title ?? '');
    const missing = wanted.filter((w) => findPhrase(words, w.phrase) < 0).map((w) => `"${w.word}"`);
    if (rules.includeMode === 'all' && missing.length > 0) reasons.push(`title lacks the include word${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
    if (rules.includeMode === 'any' && missing.length === wanted.length) reasons.push(`title has none of the include words ${missing.join(', ')}`);
  }
  return reasons;
}

// Studios and distributors that publish trailers on YouTube, by channel name. A channel that calls
// itself "Official Trailers" is not in it: only real companies' channels are.
const KNOWN_STUDIO_CHANNELS = [
  'Warner Bros. Pictures', 'Warner Bros. UK & Ireland', 'Universal Pictures', 'Universal Pictures UK', 'Sony Pictures Entertainment',
  'Sony Pictures Classics', 'Paramount Pictures', 'Paramount Pictures UK', '20th Century Studios', 'Walt Disney Studios',
  'Disney', 'Pixar', 'Marvel Entertainment', 'Lucasfilm', 'Star Wars', 'DreamWorks Animation', 'Illumination',
  'Lionsgate Movies', 'Lionsgate', 'A24', 'NEON', 'Focus Features', 'Searchlight Pictures', 'Netflix', 'HBO', 'HBO Max',
  'Max', 'Prime Video', 'Amazon MGM Studios', 'Apple TV', 'Hulu', 'Peacock', 'FX Networks', 'AMC', 'BBC', 'Showtime',
  'STARZ', 'MUBI', 'Magnolia Pictures & Magnet Releasing', 'Magnolia Pictures', 'IFC Films', 'GKIDS', 'GKIDS Films',
  'Crunchyroll', 'Janus Films', 'The Criterion Collection', 'Bleecker Street', 'Roadside Attractions', 'Well Go USA',
  'Well Go USA Entertainment', 'Blumhouse', 'Legendary', 'Angel Studios', 'STUDIOCANAL', 'StudioCanal UK', 'Gaumont',
  'Pathé', 'Constantin Film', 'TOHO', '東宝MOVIEチャンネル', 'CJ ENM', 'CJ ENM Movie', 'Showbox', 'Madman', 'Curzon',
  'Altitude Films', 'Picturehouse Entertainment', 'Entertainment One', 'Cineverse', 'Shout! Studios', 'Sideshow',
  'Utopia', 'Oscilloscope Laboratories', 'Kino Lorber', 'Music Box Films', 'Samuel Goldwyn Films',
  'Vertical', 'Metrograph', 'Film Movement', 'Strand Releasing', 'Wild Bunch', 'Le Pacte', 'Diaphana', 'SND Films',
  'Warner Bros. Japan', 'Sony Pictures Japan', 'Netflix Japan', 'Netflix Korea', 'Netflix España', 'Netflix France',
  'Toei Animation', 'Aniplex', 'Studio Ponoc', 'Sony Pictures Releasing International', 'Mongrel Media', 'Elevation Pictures',
  'Vértigo Films', 'A Contracorriente Films', 'Filmax', 'Sony Pictures España', 'Universal Pictures España', 'Bac Films',
  'Haut et Court', 'Memento Distribution', 'Ad Vitam', 'Huayi Brothers', 'China Lion', 'Edko Films', 'Hulu Japan', 'CGV',
].map((name) => tokens(name).join(' '));

/** A known studio's or distributor's channel (not just one that calls itself "official"). */
export function isKnownStudioChannel(entry: YtDlpSearchEntry): boolean {
  return channelNames(entry).some((name) => KNOWN_STUDIO_CHANNELS.includes(name));
}

/** A verified channel or a known studio's. */
export function isTrustedChannel(entry: YtDlpSearchEntry): boolean {
  return entry.channel_is_verified === true || isKnownStudioChannel(entry);
}

// Description lines fake-trailer channels use. Concept, fan-made and AI trailers also appear for
// released films, so these exclude everywhere; the disclaimers only for unreleased ones, where
// a re-upload cannot be the real thing's first home.
const FAKE_DESCRIPTION = [
  'fan made', 'fanmade', 'fan trailer', 'fan edit', 'concept trailer', 'concept version', 'parody', 'not affiliated',
  'not an official', 'not official', 'unofficial', 'ai generated', 'made with ai', 'ai trailer', 'this is a fake', 'fake trailer',
];
const UNRELEASED_DISCLAIMERS = ['copyright disclaimer', 'fair use', 'for entertainment purposes', 'entertainment purposes only', 'section 107'];

/** A description that says the video is not the real trailer. */
export function fakeDescriptionReason(entry: YtDlpSearchEntry, unreleased: boolean): string | undefined {
  const words = tokens(entry.description ?? '');
  if (words.length === 0) return undefined;
  const fake = hasAnyPhrase(words, FAKE_DESCRIPTION) ?? (unreleased ? hasAnyPhrase(words, UNRELEASED_DISCLAIMERS) : undefined);
  return fake !== undefined ? `description says "${fake}"` : undefined;
}

/**
 * The gate for a film that is not out yet: only a verified channel, a known studio/distributor
 * or a channel the user trusts may supply it, and its title must name the film. Anything else is
 * a concept trailer or a fake "official" upload, however popular.
 */
export function unreleasedReasons(entry: YtDlpSearchEntry, titleNamesFilm: boolean, trustedChannels: readonly string[]): string[] {
  const reasons: string[] = [];
  const trusted = isTrustedChannel(entry) || channelListed(entry, trustedChannels) !== undefined;
  if (!trusted) reasons.push('not yet released: only a verified or studio channel is trusted');
  if (!titleNamesFilm) reasons.push('not yet released: the title does not name the film');
  return reasons;
}
