import { findPhrase, tokens } from './candidate-text.ts';
import type { YtDlpSearchEntry } from './ytdlp-search-entry.ts';

// Which AUDIO language a search result probably has. Signals: yt-dlp's `language` field (only in
// full extractions) and markers in the title ("German Deutsch", "VF", "Doblado", "予告").
// Subtitle markers ("English subtitles", "VOSTFR", "Subtitulado", "Legendado", "OmU") say the
// audio is the original one, so they name no language. Codes are ISO 639-1 primary subtags.

const ISO_639_2: Readonly<Record<string, string>> = {
  eng: 'en', ger: 'de', deu: 'de', fre: 'fr', fra: 'fr', spa: 'es', ita: 'it', jpn: 'ja', por: 'pt',
  rus: 'ru', kor: 'ko', chi: 'zh', zho: 'zh', hin: 'hi', tam: 'ta', tel: 'te', tur: 'tr', pol: 'pl',
  dut: 'nl', nld: 'nl',
};

/** `en-US` → `en`, `deu` → `de`, `PT_br` → `pt`; other text is lower-cased as is. */
export function primaryLanguage(code: string): string {
  const primary = code.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return ISO_639_2[primary] ?? primary;
}

const TITLE_MARKERS: Readonly<Record<string, readonly string[]>> = {
  de: ['german', 'deutsch', 'auf deutsch'],
  fr: ['french', 'francais', 'vf', 'vff', 'version francaise', 'bande annonce'],
  es: ['spanish', 'espanol', 'castellano', 'latino', 'doblado'],
  it: ['italian', 'italiano'],
  pt: ['portuguese', 'portugues', 'dublado'],
  ru: ['russian', 'русский', 'трейлер', 'на русском'],
  ja: ['japanese', '日本語'],
  ko: ['korean', '한국어'],
  zh: ['chinese', 'mandarin', 'cantonese', '中文'],
  hi: ['hindi'],
  ta: ['tamil'],
  te: ['telugu'],
  tr: ['turkish', 'turkce', 'fragman'],
  pl: ['polish', 'polski', 'zwiastun'],
  nl: ['dutch', 'nederlands'],
};

// Scripts without spaces: one "word" holds the whole run, so these are matched as substrings.
const SUBSTRING_MARKERS: readonly (readonly [string, string])[] = [
  ['予告', 'ja'],
  ['预告', 'zh'],
  ['預告', 'zh'],
  ['예고편', 'ko'],
];

const SUBTITLE_WORDS = new Set(['sub', 'subs', 'subbed', 'subtitle', 'subtitles', 'subtitled', 'cc']);
// "Bande-annonce VOST" is the original audio with French subtitles.
const ORIGINAL_AUDIO = ['vost', 'vostfr', 'vo', 'omu', 'ov', 'subtitulado', 'legendado'];

function englishMarked(words: readonly string[]): boolean {
  return words.some((word, i) => word === 'english' && !SUBTITLE_WORDS.has(words[i + 1] ?? ''));
}

/** Audio languages this result probably has (possibly none). */
export function detectLanguages(entry: YtDlpSearchEntry): Set<string> {
  const found = new Set<string>();
  if (entry.language) found.add(primaryLanguage(entry.language));
  const title = entry.title ?? '';
  const words = tokens(title);
  const originalAudio = ORIGINAL_AUDIO.some((marker) => words.includes(marker));
  for (const [code, markers] of Object.entries(TITLE_MARKERS)) {
    if (markers.some((marker) => findPhrase(words, tokens(marker)) >= 0)) {
      if (!(originalAudio && code === 'fr')) found.add(code);
    }
  }
  for (const [marker, code] of SUBSTRING_MARKERS) {
    if (title.includes(marker)) found.add(code);
  }
  if (englishMarked(words)) found.add('en');
  return found;
}
