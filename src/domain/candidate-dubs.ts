import { detectLanguages, primaryLanguage } from './candidate-language.ts';
import { findPhrase, tokens } from './candidate-text.ts';
import type { YtDlpSearchEntry } from './ytdlp-search-entry.ts';

// Original audio or a dub? For a film whose original language is not the user's, the original
// (or a subtitled original) is the trailer and a dub is the last resort — even from the studio's
// verified channel. Signals come from the title first; the description (flat search results
// carry its first lines) is read only when the title says nothing about the audio.

/** How the user wants foreign-language items: the default is the original language. */
export const languageModes = ['original', 'mine', 'original-subtitled'] as const;
export type LanguageMode = (typeof languageModes)[number];

// Markers of a dub, each with the audio language it implies when it implies one.
const DUB_MARKERS: readonly (readonly [string, string | undefined])[] = [
  ['dub', undefined], ['dubbed', undefined], ['dubbing', undefined], ['dubs', undefined],
  ['vf', 'fr'], ['vff', 'fr'], ['vfq', 'fr'], ['version francaise', 'fr'],
  ['doblado', 'es'], ['doblaje', 'es'], ['audio latino', 'es'], ['espanol latino', 'es'], ['castellano', 'es'],
  ['dublado', 'pt'], ['dublagem', 'pt'],
  ['synchro', 'de'], ['synchronisiert', 'de'], ['deutsche synchro', 'de'],
  ['english version', 'en'],
];

const SUBTITLE_MARKERS = [
  'subtitled', 'subtitles', 'subtitle', 'sub', 'subs', 'eng sub', 'engsub', 'vost', 'vostfr', 'vosta', 'omu', 'ov',
  'subtitulado', 'subtitulada', 'vose', 'legendado', 'legendas', 'untertitel', 'sottotitoli', 'original version',
  'original language',
];

// Titles in the original script say the upload is from the film's home market.
const SCRIPTS: readonly (readonly [RegExp, readonly string[]])[] = [
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, ['ja']],
  [/\p{Script=Hangul}/u, ['ko']],
  [/\p{Script=Han}/u, ['zh', 'ja']],
  [/\p{Script=Cyrillic}/u, ['ru', 'uk']],
  [/\p{Script=Devanagari}/u, ['hi']],
  [/\p{Script=Thai}/u, ['th']],
];

export interface AudioReading {
  dubbedInto: Set<string>;
  /** A dub marker without a language ("English Dub" names one, "Dubbed Trailer" does not). */
  dubbed: boolean;
  subtitled: boolean;
  languages: Set<string>;
  nativeScript: boolean;
}

function readText(text: string, entry: YtDlpSearchEntry | undefined, original: string): AudioReading {
  const words = tokens(text);
  const has = (phrase: string): boolean => findPhrase(words, tokens(phrase)) >= 0;
  const reading: AudioReading = { dubbedInto: new Set(), dubbed: false, subtitled: false, languages: new Set(), nativeScript: false };
  reading.subtitled = SUBTITLE_MARKERS.some(has);
  for (const [marker, language] of DUB_MARKERS) {
    if (!has(marker)) continue;
    if (language === undefined) reading.dubbed = true;
    else if (language !== original) reading.dubbedInto.add(language);
  }
  // yt-dlp's `language` is the channel's metadata language, not the audio's: an English channel
  // tags its subtitled trailer "en". It is only trusted when it names the original.
  reading.languages = detectLanguages({ id: entry?.id ?? '', title: text });
  if (entry?.language && primaryLanguage(entry.language) === original) reading.languages.add(original);
  reading.nativeScript = SCRIPTS.some(([script, languages]) => script.test(text) && languages.includes(original));
  return reading;
}

function saysAnything(r: AudioReading): boolean {
  return r.dubbed || r.dubbedInto.size > 0 || r.subtitled || r.languages.size > 0 || r.nativeScript;
}

/** What the title (or else the description) says about the audio of this upload. */
export function readAudio(entry: YtDlpSearchEntry, originalLanguage: string): AudioReading {
  const original = primaryLanguage(originalLanguage);
  const fromTitle = readText(entry.title ?? '', entry, original);
  if (saysAnything(fromTitle) || !entry.description) return fromTitle;
  return readText(entry.description, { id: entry.id }, original);
}

interface Signal {
  points: number;
  reason: string;
}

/**
 * Language signals for an item in another language than the user's first one, or undefined when
 * the usual preferred-language scoring applies (mode `mine`, or the original is the user's own).
 */
export function originalLanguageSignals(
  entry: YtDlpSearchEntry,
  originalLanguage: string | undefined,
  preferredLanguages: readonly string[],
  mode: LanguageMode,
): Signal[] | undefined {
  if (originalLanguage === undefined || originalLanguage === '' || mode === 'mine') return undefined;
  const original = primaryLanguage(originalLanguage);
  const mine = preferredLanguages[0] !== undefined ? primaryLanguage(preferredLanguages[0]) : undefined;
  if (mine === undefined || mine === original) return undefined;
  const audio = readAudio(entry, original);
  // "Japanese trailer with English subtitles" names Japanese and a subtitle: not a dub.
  const otherAudio = [...audio.languages].filter((code) => code !== original && !(audio.subtitled && code === mine));
  const dubLanguages = new Set([...audio.dubbedInto, ...(audio.dubbed || audio.dubbedInto.size > 0 ? otherAudio : [])]);
  const signals: Signal[] = [];
  if (audio.dubbed || dubLanguages.size > 0 || (otherAudio.length > 0 && !audio.subtitled && !audio.languages.has(original))) {
    const into = [...new Set([...dubLanguages, ...otherAudio])].sort().join(', ');
    signals.push({ points: -50, reason: `dubbed${into ? ` (${into})` : ''}: the film is in ${original} (last resort)` });
    return signals;
  }
  if (audio.subtitled) {
    signals.push({ points: mode === 'original-subtitled' ? 30 : 20, reason: 'original audio with subtitles' });
  } else if (audio.languages.has(original) || audio.nativeScript) {
    signals.push({ points: mode === 'original-subtitled' ? 12 : 20, reason: `original language (${original})` });
  }
  return signals;
}
