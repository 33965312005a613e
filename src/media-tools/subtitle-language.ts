// Pure: which subtitle languages may be asked of yt-dlp, and how a language is written into a
// container. yt-dlp reads each `--sub-langs` entry as a regular expression (and `all`, `-xx` as
// commands), so only plain BCP 47-looking tags pass; Matroska and MP4 tag streams with ISO 639-2
// (bibliographic: `ger`, `fre`), so the primary subtag is mapped to that.

/** A language tag as yt-dlp names subtitles: `en`, `de`, `pt-BR`, `zh-Hant`, `fil`. */
const SUBTITLE_LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
/** Words of yt-dlp's `--sub-langs` that are commands, not languages. */
const RESERVED = new Set(['all']);
/** BCP 47 tags are at most 35 characters in practice (RFC 5646 §4.4.1). */
const MAX_LENGTH = 35;
/** More would only be a mistake: each language is a request to the source and a stream. */
export const MAX_SUBTITLE_LANGUAGES = 20;

/** Why `code` may not be asked of yt-dlp or written as a stream's language, or undefined. */
export function subtitleLanguageProblem(code: string): string | undefined {
  if (typeof code !== 'string' || code.length === 0) return 'a subtitle language must be a non-empty text';
  if (code.length > MAX_LENGTH) return `subtitle language "${code.slice(0, MAX_LENGTH)}…" is too long`;
  if (!SUBTITLE_LANGUAGE.test(code)) {
    return `subtitle language ${JSON.stringify(code)} is not a language tag such as en, de or pt-BR`;
  }
  if (RESERVED.has(code)) return `subtitle language "${code}" is a yt-dlp keyword, not a language`;
  return undefined;
}

/** ISO 639-1 → ISO 639-2/B, from Debian's iso-codes (iso_639-2.json, `bibliographic` where set). */
const ISO_639_2_B: Readonly<Record<string, string>> = {
  aa: 'aar', ab: 'abk', ae: 'ave', af: 'afr', ak: 'aka', am: 'amh', an: 'arg', ar: 'ara', as: 'asm', av: 'ava',
  ay: 'aym', az: 'aze', ba: 'bak', be: 'bel', bg: 'bul', bh: 'bih', bi: 'bis', bm: 'bam', bn: 'ben', bo: 'tib',
  br: 'bre', bs: 'bos', ca: 'cat', ce: 'che', ch: 'cha', co: 'cos', cr: 'cre', cs: 'cze', cu: 'chu', cv: 'chv',
  cy: 'wel', da: 'dan', de: 'ger', dv: 'div', dz: 'dzo', ee: 'ewe', el: 'gre', en: 'eng', eo: 'epo', es: 'spa',
  et: 'est', eu: 'baq', fa: 'per', ff: 'ful', fi: 'fin', fj: 'fij', fo: 'fao', fr: 'fre', fy: 'fry', ga: 'gle',
  gd: 'gla', gl: 'glg', gn: 'grn', gu: 'guj', gv: 'glv', ha: 'hau', he: 'heb', hi: 'hin', ho: 'hmo', hr: 'hrv',
  ht: 'hat', hu: 'hun', hy: 'arm', hz: 'her', ia: 'ina', id: 'ind', ie: 'ile', ig: 'ibo', ii: 'iii', ik: 'ipk',
  io: 'ido', is: 'ice', it: 'ita', iu: 'iku', ja: 'jpn', jv: 'jav', ka: 'geo', kg: 'kon', ki: 'kik', kj: 'kua',
  kk: 'kaz', kl: 'kal', km: 'khm', kn: 'kan', ko: 'kor', kr: 'kau', ks: 'kas', ku: 'kur', kv: 'kom', kw: 'cor',
  ky: 'kir', la: 'lat', lb: 'ltz', lg: 'lug', li: 'lim', ln: 'lin', lo: 'lao', lt: 'lit', lu: 'lub', lv: 'lav',
  mg: 'mlg', mh: 'mah', mi: 'mao', mk: 'mac', ml: 'mal', mn: 'mon', mr: 'mar', ms: 'may', mt: 'mlt', my: 'bur',
  na: 'nau', nb: 'nob', nd: 'nde', ne: 'nep', ng: 'ndo', nl: 'dut', nn: 'nno', no: 'nor', nr: 'nbl', nv: 'nav',
  ny: 'nya', oc: 'oci', oj: 'oji', om: 'orm', or: 'ori', os: 'oss', pa: 'pan', pi: 'pli', pl: 'pol', ps: 'pus',
  pt: 'por', qu: 'que', rm: 'roh', rn: 'run', ro: 'rum', ru: 'rus', rw: 'kin', sa: 'san', sc: 'srd', sd: 'snd',
  se: 'sme', sg: 'sag', si: 'sin', sk: 'slo', sl: 'slv', sm: 'smo', sn: 'sna', so: 'som', sq: 'alb', sr: 'srp',
  ss: 'ssw', st: 'sot', su: 'sun', sv: 'swe', sw: 'swa', ta: 'tam', te: 'tel', tg: 'tgk', th: 'tha', ti: 'tir',
  tk: 'tuk', tl: 'tgl', tn: 'tsn', to: 'ton', tr: 'tur', ts: 'tso', tt: 'tat', tw: 'twi', ty: 'tah', ug: 'uig',
  uk: 'ukr', ur: 'urd', uz: 'uzb', ve: 'ven', vi: 'vie', vo: 'vol', wa: 'wln', wo: 'wol', xh: 'xho', yi: 'yid',
  yo: 'yor', za: 'zha', zh: 'chi', zu: 'zul',};

/**
 * The ISO 639-2 code Matroska and MP4 want for `code`: `en` → `eng`, `de-AT` → `ger`; a
 * three-letter primary subtag is taken as already being one; anything else is `und` (undetermined).
 */
export function iso639_2(code: string): string {
  const primary = code.split('-')[0]?.toLowerCase() ?? '';
  if (/^[a-z]{3}$/.test(primary)) return primary;
  return ISO_639_2_B[primary] ?? 'und';
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/** A stream title a player can show: `de` → `German`, `pt-BR` → `Brazilian Portuguese`. */
export function subtitleTitle(code: string): string {
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}
