// Radarr/Sonarr name languages ("Japanese", "Portuguese (Brazil)"); ranking compares ISO 639-1
// codes. The names are those of the apps' Language class.
const CODES: Readonly<Record<string, string>> = {
  english: 'en', french: 'fr', spanish: 'es', german: 'de', italian: 'it', danish: 'da', dutch: 'nl', japanese: 'ja',
  icelandic: 'is', chinese: 'zh', russian: 'ru', polish: 'pl', vietnamese: 'vi', swedish: 'sv', norwegian: 'no',
  finnish: 'fi', turkish: 'tr', portuguese: 'pt', flemish: 'nl', greek: 'el', korean: 'ko', hungarian: 'hu',
  hebrew: 'he', lithuanian: 'lt', czech: 'cs', hindi: 'hi', romanian: 'ro', thai: 'th', bulgarian: 'bg',
  'portuguese (brazil)': 'pt', arabic: 'ar', ukrainian: 'uk', persian: 'fa', bengali: 'bn', slovak: 'sk',
  latvian: 'lv', 'spanish (latino)': 'es', catalan: 'ca', croatian: 'hr', serbian: 'sr', bosnian: 'bs',
  estonian: 'et', tamil: 'ta', indonesian: 'id', telugu: 'te', macedonian: 'mk', slovenian: 'sl', malayalam: 'ml',
  kannada: 'kn', albanian: 'sq', afrikaans: 'af', marathi: 'mr', tagalog: 'tl', urdu: 'ur', romansh: 'rm',
  mongolian: 'mn', georgian: 'ka', malay: 'ms', cantonese: 'zh', mandarin: 'zh',
};

/** The ISO 639-1 code of a language name as the Arr writes it, or undefined ("Unknown", "Any"). */
export function languageCodeForName(name: string): string | undefined {
  return CODES[name.trim().toLowerCase()];
}
