// Subtitles for the clip server (clip-server.ts): a page whose HTML5 `<video>` carries `<track>`
// elements, the way yt-dlp's generic extractor finds uploaded subtitles (`_parse_html5_media_entries`
// reads `kind="subtitles"`, `srclang` and `src`), the WebVTT files those tracks point at, and
// automatic captions as YouTube serves them (for info JSONs, see ytdlp-info-json.ts).
import type { ServerResponse } from 'node:http';

/** The cue each language's track says, timed inside the default 2 s clip. */
export const SUBTITLE_CUES: Readonly<Record<string, string>> = {
  en: 'Hello from the trailer',
  de: 'Hallo aus dem Trailer',
};

/** A language with a track on the page but whose file is not WebVTT at all. */
export const UNREADABLE_SUBTITLE_LANGUAGE = 'fr';

/** The WebVTT text served for `language`, or undefined when the server has none. */
export function webvttFor(language: string): string | undefined {
  if (language === UNREADABLE_SUBTITLE_LANGUAGE) return 'this is not a subtitle file\n';
  const cue = SUBTITLE_CUES[language];
  if (cue === undefined) return undefined;
  return `WEBVTT\n\n00:00:00.200 --> 00:00:01.500\n${cue}\n`;
}

/** What each language's automatic caption says once its word-timing tags are read away. */
export const AUTOMATIC_CAPTION_CUES: Readonly<Record<string, string>> = {
  en: 'hello from the automatic captions',
  de: 'hallo aus den automatischen Untertiteln',
};

/**
 * An automatic caption shaped like YouTube's WebVTT: `Kind`/`Language` header lines, cue
 * settings, and every word after the first behind a `<timestamp><c>` karaoke tag. Undefined when
 * the server has none for `language`.
 */
export function automaticCaptionFor(language: string): string | undefined {
  const cue = AUTOMATIC_CAPTION_CUES[language];
  if (cue === undefined) return undefined;
  const [first, ...rest] = cue.split(' ');
  const timed = rest.map((word, index) => `<00:00:00.${String(400 + index * 200).padStart(3, '0')}><c> ${word}</c>`).join('');
  return `WEBVTT\nKind: captions\nLanguage: ${language}\n\n00:00:00.200 --> 00:00:01.500 align:start position:0%\n${first}${timed}\n`;
}

const escapeAttribute = (value: string): string =>
  value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * A page with one `<video>`: the clip as `<source>` and one `<track kind="subtitles">` per
 * language, each pointing at `subtitleUrl(language)`.
 */
export function serveSubtitledPage(
  res: ServerResponse,
  clipUrl: string,
  languages: readonly string[],
  subtitleUrl: (language: string) => string,
): void {
  const tracks = languages
    .map(
      (language) =>
        `<track kind="subtitles" srclang="${escapeAttribute(language)}" label="${escapeAttribute(language)}" src="${escapeAttribute(subtitleUrl(language))}">`,
    )
    .join('');
  res
    .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    .end(
      '<!doctype html><html><head><title>Subtitled trailer</title></head><body>' +
        `<video controls><source src="${escapeAttribute(clipUrl)}" type="video/mp4">${tracks}</video></body></html>`,
    );
}

/** The WebVTT file of `language` (uploaded or automatic), or 404 for a language the server does not have. */
export function serveSubtitle(res: ServerResponse, language: string, head: boolean, source: 'uploaded' | 'automatic' = 'uploaded'): void {
  const text = source === 'automatic' ? automaticCaptionFor(language) : webvttFor(language);
  if (text === undefined) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
    return;
  }
  const body = Buffer.from(text, 'utf8');
  res.writeHead(200, { 'Content-Type': 'text/vtt; charset=utf-8', 'Content-Length': String(body.length) });
  res.end(head ? undefined : body);
}
